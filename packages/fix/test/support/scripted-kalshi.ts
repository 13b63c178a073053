import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { KalshiFixClient, type KalshiFixClientOptions } from '../../src/app/kalshi-fix-client.js';
import { MemorySessionStore } from '../../src/store/memory-store.js';
import { createMemoryDuplexPair } from '../../src/transport/memory-duplex.js';
import type { KalshiFixSessionName } from '../../src/transport/endpoints.js';
import { ManualClock } from './manual-clock.js';
import { flush, Peer } from './peer.js';

export const API_KEY = 'key-1';
export const signer = createNodeSigner(generateKeyPairSync('ed25519').privateKey);

/** Client options for `session` with no reconnects and an in-memory store (no files) unless `storeDir` asks for the default store. */
export function clientOptions(session: KalshiFixSessionName, over: Partial<KalshiFixClientOptions> = {}): KalshiFixClientOptions {
  return { apiKeyId: API_KEY, signer, session, ...(over.storeDir === undefined ? { store: new MemorySessionStore() } : {}), reconnect: false, ...over };
}

/**
 * A KalshiFixClient whose connection is an in-memory pair with a scripted Kalshi on the far end,
 * logged on. `peerCompId` is the SenderCompID(49) the scripted Kalshi writes (default: the
 * session name). The Logon answer mirrors the client's ResetSeqNumFlag(141).
 */
export async function scriptedClient(session: KalshiFixSessionName, over: Partial<KalshiFixClientOptions> = {}, peerCompId: string = session) {
  const clock = new ManualClock();
  let peer: Peer | undefined;
  const client = new KalshiFixClient(
    clientOptions(session, {
      clock,
      connect: async () => {
        const [a, b] = createMemoryDuplexPair();
        peer = new Peer(b, peerCompId, API_KEY, () => clock.now());
        return a;
      },
      ...over,
    }),
  );
  const connecting = client.connect();
  while (peer === undefined) await flush();
  const logon = await peer.next('A');
  peer.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9', ...(logon.body.ResetSeqNumFlag === true ? { ResetSeqNumFlag: true } : {}) });
  await connecting;
  return { client, clock, peer: peer as Peer, logon };
}
