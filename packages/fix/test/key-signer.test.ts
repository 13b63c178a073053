// Both targets of the `#key-signer` import (package.json `imports`), each driving a real
// KalshiFixClient: node:crypto under the `node` condition (Node, Bun, Deno: PEM text, file paths,
// KeyObjects, passphrases) and WebCrypto in every other bundle (Cloudflare Workers, browsers: PEM
// text only). The far end of the in-memory duplex checks the Logon's RawData(96) as the mock
// exchange's FIX acceptor does and answers Logon to a valid signature only.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { fixLogonMessage, verifySignature, type KalshiCredentials } from '@kalshi-sdk/auth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KalshiFixClient as Client } from '../src/app/kalshi-fix-client.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { ManualClock } from './support/manual-clock.js';
import { flush, Peer } from './support/peer.js';

const KEY_ID = 'fix-key-signer';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed25519 = generateKeyPairSync('ed25519');
const KEYS: Record<string, { pem: string; publicKey: KeyObject; algorithm: string }> = {
  'RSA, PKCS#1 PEM': { pem: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey: rsa.publicKey, algorithm: 'RSA-PSS' },
  'RSA, PKCS#8 PEM': { pem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: rsa.publicKey, algorithm: 'RSA-PSS' },
  'Ed25519, PKCS#8 PEM': { pem: ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: ed25519.publicKey, algorithm: 'Ed25519' },
};

const TARGETS = { node: () => import('../src/app/key-signer-node.js'), web: () => import('../src/app/key-signer-web.js') };
type Target = keyof typeof TARGETS;

/** KalshiFixClient with `#key-signer` resolved to `src/app/key-signer-<target>.ts`, as a bundle with (node) or without (web) the `node` condition resolves it. */
async function clientClass(target: Target): Promise<typeof Client> {
  vi.resetModules();
  vi.doMock('#key-signer', TARGETS[target]);
  try {
    return (await import('../src/app/kalshi-fix-client.js')).KalshiFixClient;
  } finally {
    vi.doUnmock('#key-signer');
  }
}

/**
 * Connects a client to an acceptor that verifies RawData(96) against `publicKey` over the Logon's
 * SendingTime, MsgType, MsgSeqNum, SenderCompID and TargetCompID (the mock's check): Logon back if
 * it verifies, Logout "invalid signature" if not. Resolves with what `connect()` did.
 */
async function logOn(KalshiFixClient: typeof Client, credentials: KalshiCredentials, publicKey: KeyObject) {
  const clock = new ManualClock();
  let peer: Peer | undefined;
  const client = new KalshiFixClient({
    credentials,
    session: 'KalshiNR',
    clock,
    reconnect: false,
    connect: async () => {
      const [a, b] = createMemoryDuplexPair();
      peer = new Peer(b, 'KalshiNR', KEY_ID, () => clock.now());
      return a;
    },
  });
  const connected = client.connect().then(
    () => 'logged on',
    (error: unknown) => error,
  );
  while (peer === undefined) await flush();
  const { header, body } = await peer.next('A');
  const message = fixLogonMessage({ sendingTime: header.SendingTime, msgType: 'A', msgSeqNum: header.MsgSeqNum, senderCompId: header.SenderCompID, targetCompId: header.TargetCompID });
  const valid = body.RawData !== undefined && verifySignature({ publicKey, message, signature: body.RawData });
  if (valid) peer.send('A', { EncryptMethod: 0, HeartBtInt: body.HeartBtInt, DefaultApplVerID: '9', ResetSeqNumFlag: true });
  else peer.send('5', { Text: 'invalid signature' });
  const outcome = await connected;
  if (outcome === 'logged on') {
    const closing = client.close();
    await peer.next('5');
    peer.send('5', {});
    await closing;
  }
  return { outcome, senderCompId: header.SenderCompID };
}

afterEach(() => vi.restoreAllMocks());

describe.each<[Target, number]>([
  ['node', 0],
  ['web', 1],
])('#key-signer (%s): a credentials.privateKey PEM', (target, subtleSigns) => {
  it.each(Object.entries(KEYS))(`logs on with a %s, its RawData(96) accepted (${subtleSigns} WebCrypto sign)`, async (_, { pem, publicKey, algorithm }) => {
    const sign = vi.spyOn(globalThis.crypto.subtle, 'sign');
    const KalshiFixClient = await clientClass(target);
    const { outcome, senderCompId } = await logOn(KalshiFixClient, { apiKeyId: KEY_ID, privateKey: pem }, publicKey);
    expect(outcome).toBe('logged on');
    expect(senderCompId).toBe(KEY_ID);
    // The web target signs through WebCrypto (what a Worker has); the node target through node:crypto.
    expect(sign.mock.calls.map(([a]) => (a as { name: string }).name)).toEqual(Array.from({ length: subtleSigns }, () => algorithm));
  });
});

describe('#key-signer (node): what only node:crypto reads', () => {
  it('logs on with a KeyObject and with an encrypted PEM and its passphrase', async () => {
    const KalshiFixClient = await clientClass('node');
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p4ss' }).toString();
    expect((await logOn(KalshiFixClient, { apiKeyId: KEY_ID, privateKey: rsa.privateKey }, rsa.publicKey)).outcome).toBe('logged on');
    expect((await logOn(KalshiFixClient, { apiKeyId: KEY_ID, privateKey: encrypted, passphrase: 'p4ss' }, rsa.publicKey)).outcome).toBe('logged on');
  });
});

describe('#key-signer (web): what WebCrypto cannot take', () => {
  it.each<[string, { privateKey: string | KeyObject; passphrase?: string }, string]>([
    ['a file path (no file system)', { privateKey: './kalshi-key.pem' }, 'credentials.privateKey'],
    ['a passphrase (WebCrypto cannot decrypt)', { privateKey: KEYS['RSA, PKCS#1 PEM']!.pem, passphrase: 'p4ss' }, 'credentials.passphrase'],
    ['a node:crypto KeyObject', { privateKey: rsa.privateKey }, 'credentials.privateKey'],
  ])('refuses %s at construction with FIX_INVALID_OPTIONS naming the option, never the key', async (_, key, field) => {
    const KalshiFixClient = await clientClass('web');
    let error: unknown;
    try {
      new KalshiFixClient({ credentials: { apiKeyId: KEY_ID, ...key } as KalshiCredentials, session: 'KalshiNR', connect: async () => createMemoryDuplexPair()[0] });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'FixSessionError', code: 'FIX_INVALID_OPTIONS', field });
    expect((error as Error).message).not.toContain('PRIVATE KEY');
    expect((error as Error).message).not.toContain('p4ss');
  });
});
