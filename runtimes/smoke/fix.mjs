// @kalshi-sdk/fix in this runtime (node:net): a signed Logon to the mock's KalshiNR session and a
// NewOrderSingle acknowledged by an ExecutionReport. The client is handed the RSA PEM itself: its
// `#key-signer` import signs with node:crypto under the `node` condition (Node, Bun, Deno) and with
// WebCrypto in a bundle without it (a Worker, where node:crypto cannot sign RSA-PSS: a Logon signed
// there would be refused by the mock as an invalid signature).
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { KalshiFixClient } from '@kalshi-sdk/fix';
import { expect } from './expect.mjs';

export async function checkFix(ctx) {
  const { apiKeyId, pem } = ctx.keys.rsa;
  const client = new KalshiFixClient({
    credentials: { apiKeyId, privateKey: pem },
    session: 'KalshiNR',
    host: '127.0.0.1',
    port: ctx.fixPort,
    tls: false,
    reconnect: false,
  });
  const reports = client.executionReports();
  try {
    await client.connect();
    client.newOrderSingle({ symbol: ctx.ticker, side: 'bid', price: Dollars.parse('0.04'), quantity: Contracts.parse('1'), timeInForce: 'gtc' });
    const ack = (await reports.next()).value;
    expect(`${ack?.execType} ${ack?.order.status}`, 'new new', 'ExecutionReport for the NewOrderSingle');
  } finally {
    await client.close();
  }
}
