import { X509Certificate } from 'node:crypto';
import { connectFixTransport, type FixExecutionReport, KalshiFixClient, type KalshiFixClientOptions } from '@kalshi-sdk/fix';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockExchange } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';
import { mockFixClientOptions } from './support/fix-logon.js';

let h: Harness;
const open: KalshiFixClient[] = [];

beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [{ ticker: 'KXTLS-M1' }], fix: { tls: true } });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  h.assertConformance();
});
afterAll(() => h.close());

function fixClient(user: number, options: Partial<KalshiFixClientOptions>): KalshiFixClient {
  const u = h.users[user]!;
  const client = new KalshiFixClient({ ...mockFixClientOptions(h.mock, u), ...options });
  open.push(client);
  return client;
}

describe('FIX over TLS (fix: { tls: true })', () => {
  it("serves a self-signed certificate made at start-up that the SDK's TLS transport verifies, and trades over it", async () => {
    const pem = h.mock.fix!.certificatePem!;
    const cert = new X509Certificate(pem);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    const client = fixClient(0, { tls: { ca: pem } });
    await client.connect();
    const ack = new Promise<FixExecutionReport>((resolve) => client.on('executionReport', resolve));
    client.newOrderSingle({ clOrdId: 'tls-1', symbol: 'KXTLS-M1', side: 'bid', price: Dollars.parse('0.40'), quantity: Contracts.parse('2'), timeInForce: 'gtc' });
    expect(await ack).toMatchObject({ execType: 'new', clOrdId: 'tls-1' });
    const rest = await h.rest(0).get('/portfolio/orders?ticker=KXTLS-M1');
    expect(rest.body.orders).toEqual([expect.objectContaining({ client_order_id: 'tls-1', status: 'resting' })]);
  });

  it('checks the host name against the certificate: localhost is in it', async () => {
    const client = fixClient(1, { host: 'localhost', tls: { ca: h.mock.fix!.certificatePem! } });
    await client.connect();
    expect(h.mock.fix!.isLoggedOn(h.users[1]!.apiKeyId, 'KalshiNR')).toBe(true);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(connectFixTransport({ host: '127.0.0.1', port: h.mock.fixPort!, tls: true, connectTimeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'FIX_CONNECT_FAILED',
      causeCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('makes a new certificate for each start', async () => {
    const other = await startMockExchange({ markets: [], fix: { tls: true } });
    try {
      expect(other.fix!.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      expect(other.fix!.certificatePem).not.toBe(h.mock.fix!.certificatePem);
    } finally {
      await other.close();
    }
  });
});
