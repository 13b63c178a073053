import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner, type Signer } from '@kalshi-sdk/auth';
import { KalshiFixClient } from '@kalshi-sdk/fix';
import type { Dollars } from '@kalshi-sdk/fixed-point';
import type { MockUser } from '@kalshi-sdk/mock-exchange';
import { createClient, type KalshiClient } from '@kalshi-sdk/rest';
import { createWebSocketClient, type ChannelMessage, type KalshiWebSocketClient } from '@kalshi-sdk/ws';

/** A demo account: an API key id and the signer that holds its private key. */
export interface Trader {
  readonly name: string;
  readonly apiKeyId: string;
  /** Signs with the private key; the key itself never leaves this object. */
  readonly signer: Signer;
  /** The public half, which is all the exchange ever sees (as when you create a key on kalshi.com). */
  readonly publicKeyPem: string;
}

/**
 * A trader with a fresh RSA-2048 key pair, so the demo needs no files and no real account.
 * Against Kalshi you would load the key you downloaded instead: `createNodeSigner('./kalshi-key.pem')`.
 */
export function createTrader(name: string): Trader {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    name,
    apiKeyId: `demo-${name}`,
    signer: createNodeSigner(privateKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** How the simulator registers a trader: key id, public key, starting cash (dollars). */
export function asMockUser(trader: Trader, balance: Dollars): MockUser {
  return { apiKeyId: trader.apiKeyId, publicKeyPem: trader.publicKeyPem, balanceDollars: balance };
}

/** A trader with a REST client, a WebSocket connection, and its private fill and position streams. */
export interface ConnectedTrader extends Trader {
  readonly rest: KalshiClient;
  readonly ws: KalshiWebSocketClient;
  /** This trader's fills (`fill` channel), in order, buffered from the moment of subscribing. */
  readonly fills: AsyncIterator<ChannelMessage<'fill'>>;
  /** This trader's position changes (`market_positions` channel), buffered likewise. */
  readonly positions: AsyncIterator<ChannelMessage<'market_positions'>>;
}

/**
 * Connects a trader the way a bot connects to Kalshi. The only mock-specific inputs are the two
 * URLs: `baseUrl` and `url` override the default `demo` environment's hosts.
 * @throws KalshiWsError when the signed WebSocket handshake or a subscription is refused.
 */
export async function connectTrader(trader: Trader, urls: { readonly restUrl: string; readonly wsUrl: string }): Promise<ConnectedTrader> {
  // One signer per account, shared by its REST and WebSocket clients: two accounts never sign
  // each other's requests.
  const rest = createClient({ baseUrl: urls.restUrl, apiKeyId: trader.apiKeyId, signer: trader.signer });
  const ws = createWebSocketClient({ url: urls.wsUrl, apiKeyId: trader.apiKeyId, signer: trader.signer });
  try {
    await ws.connect();
    // Private channels need no market list: they carry this account's activity on every market.
    const fills = await ws.subscribe({ channel: 'fill' });
    const positions = await ws.subscribe({ channel: 'market_positions' });
    return { ...trader, rest, ws, fills: fills[Symbol.asyncIterator](), positions: positions[Symbol.asyncIterator]() };
  } catch (error) {
    await ws.close();
    throw error;
  }
}

/**
 * Logs a trader on to the KalshiNR order-entry session over FIX, with the same key that signs
 * their REST requests: SenderCompID(49) is the API key id and the Logon's RawData(96) an RSA-PSS
 * signature. The only mock-specific inputs are host, port and `tls: false` (plain TCP, which the
 * client allows to loopback addresses only); against Kalshi drop them and keep the TLS default.
 * @throws FixSessionError `FIX_LOGON_REJECTED` (with the exchange's Text) or FixTransportError.
 */
export async function connectFix(trader: Trader, port: number): Promise<KalshiFixClient> {
  const client = new KalshiFixClient({
    apiKeyId: trader.apiKeyId,
    signer: trader.signer,
    session: 'KalshiNR',
    host: '127.0.0.1',
    port,
    tls: false,
    // Prices on the wire in dollars (`44=0.5200`, sub-penny allowed) instead of whole cents.
    logon: { useDollars: true },
    // A demo that fails should stop, not retry in the background.
    reconnect: false,
  });
  await client.connect();
  return client;
}

/**
 * The next message of a private stream. It was buffered if it arrived before we asked, so
 * there is no race between an order call returning and its fill being pushed.
 * @throws Error when the stream ended (the connection was closed) before another message came.
 */
export async function next<T>(stream: AsyncIterator<T>, what: string): Promise<T> {
  const result = await stream.next();
  if (result.done === true) throw new Error(`${what}: the stream ended before a message arrived`);
  return result.value;
}
