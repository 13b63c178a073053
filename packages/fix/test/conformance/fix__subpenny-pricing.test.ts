import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { AveragePrice, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KalshiFixClient } from '../../src/app/kalshi-fix-client.js';
import type { FixExecutionReport } from '../../src/app/orders.js';
import { createMemoryDuplexPair } from '../../src/transport/memory-duplex.js';
import { ManualClock } from '../support/manual-clock.js';
import { flush, Peer } from '../support/peer.js';

const KEY = 'key-avg';
const signer = createNodeSigner(generateKeyPairSync('ed25519').privateKey);
const TICKER = 'KXMOCK-26DEC31-A';

/** A logged-on KalshiNR client facing a scripted Kalshi over an in-memory pair; collects ExecutionReports. */
async function loggedOn(useDollars: boolean) {
  const clock = new ManualClock();
  let peer: Peer | undefined;
  const client = new KalshiFixClient({
    apiKeyId: KEY,
    signer,
    session: 'KalshiNR',
    clock,
    logon: { useDollars },
    connect: async () => {
      const [a, b] = createMemoryDuplexPair();
      peer = new Peer(b, 'KalshiNR', KEY, () => clock.now());
      return a;
    },
  });
  const connecting = client.connect();
  while (peer === undefined) await flush();
  const logon = await peer.next('A');
  peer.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9', ResetSeqNumFlag: true });
  await connecting;
  const reports: FixExecutionReport[] = [];
  client.on('executionReport', (r) => reports.push(r));
  return { client, peer, reports };
}

/** An order of 21 contracts filled 10 @ 55¢ then 11 @ 55.5¢: AvgPx is 55.261904…¢. */
async function fill(useDollars: boolean, avgPx: string) {
  const { client, peer, reports } = await loggedOn(useDollars);
  client.newOrderSingle({ clOrdId: 'c-1', symbol: TICKER, side: 'bid', price: Dollars.parse('0.56'), quantity: Contracts.parse('21') });
  await peer.next('D');
  peer.send('8', {
    OrderID: 'o-1', ClOrdID: 'c-1', ExecID: 'e-1', ExecType: 'F', OrdStatus: '2', Side: '1', Symbol: TICKER,
    OrderQty: '21', CumQty: '21', LeavesQty: '0', LastQty: '11', LastPx: useDollars ? '0.555' : '55.5', AvgPx: avgPx,
  });
  await flush();
  return { client, report: reports[0]! };
}

describe('AvgPx(6)', () => {
  it('/fix/subpenny-pricing: AvgPx in cents (legacy format) keeps every decimal of the average, rounded only on request', async () => {
    // Quote: "**Legacy Format (Cents)**: Prices given in whole cents."
    // Quote: "| 6 | AvgPx | Average price of fills |"
    // An average of whole-cent fills is not a whole number of cents: 1160.5¢ / 21 = 55.261904…¢, which the
    // client must not cut to a 4-decimal dollar price (before: silently truncated to 6 decimals of a dollar).
    const { client, report } = await fill(false, '55.26190476');
    expectTypeOf(report.avgPx).toEqualTypeOf<AveragePrice>();
    expect(report.avgPx).toBeInstanceOf(AveragePrice);
    expect(report.avgPx.toString()).toBe('0.5526190476');
    expect(report.avgPx.round(4, 'half-even').toWire()).toBe('0.5526');
    expect(report.lastPx?.toWire()).toBe('0.5550');
    expect(client.getOrder('c-1')?.avgPx?.toString()).toBe('0.5526190476');
  });

  it('/fix/subpenny-pricing: AvgPx in dollars (UseDollars=Y) is an AveragePrice whose wire form is an explicit rounding', async () => {
    // Quote: "**New Format (Dollars)**: Prices normalized to dollars with fixed precision (up to 4 decimal places)."
    // Quote: "| 6 | AvgPx | Average price of fills |"
    // An average can carry more decimals than the 4 the page gives prices: accepted as sent, never cut.
    const { report } = await fill(true, '0.552381');
    expect(report.avgPx).toBeInstanceOf(AveragePrice);
    expect(report.avgPx.toString()).toBe('0.552381');
    expect(report.avgPx.eq(Dollars.parse('0.552381', undefined, { maxDecimals: 6 }))).toBe(true);
    expect(report.avgPx.round(4, 'half-even').toWire()).toBe('0.5524');
    expect(report.order.avgPx?.toString()).toBe('0.552381');
  });
});
