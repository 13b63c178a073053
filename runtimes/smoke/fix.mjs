// @kalshi-sdk/fix in this runtime (node:net): a signed Logon to the mock's KalshiNR session and a
// NewOrderSingle acknowledged by an ExecutionReport. `webCryptoSigner` (for a Worker): sign the Logon
// with @kalshi-sdk/auth/web's signer (credentials { apiKeyId, signer }) instead of handing the PEM.
import { createWebCryptoSigner } from '@kalshi-sdk/auth/web';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { KalshiFixClient } from '@kalshi-sdk/fix';
import { expect, expectThrows } from './expect.mjs';

export async function checkFix(ctx, { webCryptoSigner = false } = {}) {
  const { apiKeyId, pem } = ctx.keys.rsa;
  const client = new KalshiFixClient({
    credentials: webCryptoSigner ? { apiKeyId, signer: await createWebCryptoSigner(pem) } : { apiKeyId, privateKey: pem },
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

/**
 * workerd's node:crypto cannot sign RSA-PSS: it refuses a KeyObject as sign()'s `options.key`
 * (ERR_INVALID_ARG_TYPE), and handed PEM text it ignores `padding: RSA_PKCS1_PSS_PADDING` and signs
 * PKCS#1 v1.5, which Kalshi refuses. @kalshi-sdk/fix signs a PEM through @kalshi-sdk/auth's
 * node:crypto signer, so there the Logon must fail with FIX_LOGON_SIGN_FAILED (cause: auth's
 * SIGN_FAILED, causeCode ERR_INVALID_ARG_TYPE) and never send a wrongly signed Logon.
 */
export async function expectRsaPemLogonRefused(ctx) {
  const { apiKeyId, pem } = ctx.keys.rsa;
  const client = new KalshiFixClient({ credentials: { apiKeyId, privateKey: pem }, session: 'KalshiNR', host: '127.0.0.1', port: ctx.fixPort, tls: false, reconnect: false });
  try {
    const error = await expectThrows(() => client.connect(), Error, 'connect() with an RSA PEM over node:crypto');
    const chain = [];
    for (let e = error; e; e = e.cause) chain.push(`${e.code}${e.causeCode ? `/${e.causeCode}` : ''}`);
    expect(chain.join(' <- '), 'FIX_LOGON_SIGN_FAILED <- SIGN_FAILED/ERR_INVALID_ARG_TYPE', 'the error and its causes');
  } finally {
    await client.close().catch(() => {});
  }
}
