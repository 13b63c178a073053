// Issue 13 for FIX: one `credentials` option with env defaults (item 1) and the shared logger (item 6),
// against a scripted Kalshi on an in-memory duplex.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeSigner, fixLogonMessage, verifySignature, type KalshiLogger } from '@kalshi-sdk/auth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KalshiFixClient, type KalshiFixClientOptions } from '../src/app/kalshi-fix-client.js';
import { MemorySessionStore } from '../src/store/memory-store.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { ManualClock } from './support/manual-clock.js';
import { flush, Peer } from './support/peer.js';

const KEY_ID = 'fix-key-1';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const ENV_VARS = ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH'];

afterEach(() => vi.unstubAllEnvs());

/** A client whose connections are in-memory pairs with a scripted Kalshi; logs on at once. */
async function connected(options: Partial<KalshiFixClientOptions>) {
  const clock = new ManualClock();
  const peers: Peer[] = [];
  const session = options.session ?? 'KalshiNR';
  const client = new KalshiFixClient({
    session,
    clock,
    connect: async () => {
      const [a, b] = createMemoryDuplexPair();
      peers.push(new Peer(b, session, KEY_ID, () => clock.now()));
      return a;
    },
    ...options,
  });
  const connecting = client.connect();
  while (peers.length === 0) await flush();
  const logon = await peers[0]!.next('A');
  peers[0]!.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9', ResetSeqNumFlag: true });
  await connecting;
  return { client, clock, peers, peer: peers[0]!, logon };
}

/** Whether the Logon's RawData(96) verifies with `publicKey`, and its SenderCompID(49). */
function signedBy(logon: Awaited<ReturnType<typeof connected>>['logon'], publicKey: KeyObject): { senderCompId: string; valid: boolean } {
  const { header, body } = logon;
  const message = fixLogonMessage({ sendingTime: header.SendingTime, msgType: 'A', msgSeqNum: header.MsgSeqNum, senderCompId: header.SenderCompID, targetCompId: header.TargetCompID });
  return { senderCompId: header.SenderCompID, valid: verifySignature({ publicKey, message, signature: body.RawData! }) };
}

describe('KalshiFixClient credentials', () => {
  it('logs on signed with credentials in every form: PEM text, a file path, a KeyObject, a signer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kalshi-fix-cred-')), 'key.pem');
    writeFileSync(file, PEM);
    for (const credentials of [
      { apiKeyId: KEY_ID, privateKey: PEM },
      { apiKeyId: KEY_ID, privateKey: file },
      { apiKeyId: KEY_ID, privateKey: rsa.privateKey },
      { apiKeyId: KEY_ID, signer: createNodeSigner(rsa.privateKey) },
    ]) {
      const { logon } = await connected({ credentials });
      expect(signedBy(logon, rsa.publicKey)).toEqual({ senderCompId: KEY_ID, valid: true });
    }
  });

  it('reads KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY when no credentials are given', async () => {
    vi.stubEnv('KALSHI_API_KEY_ID', KEY_ID);
    vi.stubEnv('KALSHI_PRIVATE_KEY', PEM);
    vi.stubEnv('KALSHI_PRIVATE_KEY_PATH', '');
    const { logon } = await connected({});
    expect(signedBy(logon, rsa.publicKey)).toEqual({ senderCompId: KEY_ID, valid: true });
  });

  it('still takes the deprecated apiKeyId + signer', async () => {
    const { logon } = await connected({ apiKeyId: KEY_ID, signer: createNodeSigner(rsa.privateKey) });
    expect(signedBy(logon, rsa.publicKey).valid).toBe(true);
  });

  it.each<[string, Partial<KalshiFixClientOptions>, Record<string, string>, string]>([
    ['no credentials and none in the environment', {}, {}, 'credentials'],
    ['credentials with the deprecated apiKeyId', { credentials: { apiKeyId: KEY_ID, privateKey: PEM }, apiKeyId: KEY_ID }, {}, 'credentials'],
    ['credentials without apiKeyId', { credentials: { privateKey: PEM } as never }, {}, 'credentials.apiKeyId'],
    ['both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH', {}, { KALSHI_API_KEY_ID: KEY_ID, KALSHI_PRIVATE_KEY: PEM, KALSHI_PRIVATE_KEY_PATH: '/k.pem' }, 'KALSHI_PRIVATE_KEY_PATH'],
  ])('refuses %s at construction with FIX_INVALID_OPTIONS naming the field, never the key', (_, options, env, field) => {
    for (const name of ENV_VARS) vi.stubEnv(name, env[name] ?? '');
    let error: unknown;
    try {
      new KalshiFixClient({ session: 'KalshiNR', connect: async () => createMemoryDuplexPair()[0], ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'FixSessionError', code: 'FIX_INVALID_OPTIONS', field });
    expect(String((error as Error).message)).not.toContain(PEM.slice(40, 80));
  });
});

type Line = { level: string; fields: Record<string, unknown>; message?: string };
/** A pino-shaped logger: (fields, message), methods that read `this`. */
function capture(): KalshiLogger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) =>
    function (this: { lines: Line[] }, fields: object, message?: string) {
      this.lines.push({ level, fields: fields as Record<string, unknown>, ...(message === undefined ? {} : { message }) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('KalshiFixClient logger', () => {
  it('logs logon at info, messages at debug, a gap with its ResendRequest, the drop and the reconnect at warn; nothing secret', async () => {
    const logger = capture();
    const { clock, peer, peers, logon } = await connected({
      credentials: { apiKeyId: KEY_ID, privateKey: PEM },
      session: 'KalshiRT',
      store: new MemorySessionStore(),
      reconnect: { initialDelayMs: 1_000, jitter: 0 },
      logger,
    });
    peer.send('j', { RefSeqNum: 1, RefMsgType: 'D', BusinessRejectReason: 3, Text: 'unknown security' });
    peer.send('j', { RefSeqNum: 1, RefMsgType: 'D', BusinessRejectReason: 3 }, { MsgSeqNum: peer.nextSeq + 2 });
    await peer.next('2');
    peer.duplex.destroy();
    await flush();
    clock.advance(1_000);
    while (peers.length < 2) await flush();
    await peers[1]!.next('A');

    const seen = logger.lines.map((l) => `${l.level} ${l.message}`);
    expect(seen).toEqual([
      'info FIX logged on',
      'warn FIX business reject',
      'debug FIX message',
      'warn FIX sequence gap: ResendRequest sent',
      'warn FIX session lost',
      'warn FIX reconnecting',
    ]);
    expect(logger.lines[0]?.fields).toEqual({ session: 'KalshiRT', environment: 'demo' });
    expect(logger.lines[2]?.fields).toMatchObject({ session: 'KalshiRT', msgType: 'j', seqNum: 2 });
    expect(logger.lines[3]?.fields).toMatchObject({ expected: 3, received: 5, resendRequested: true });
    expect(logger.lines[4]?.fields).toMatchObject({ errorCode: 'FIX_DISCONNECTED' });
    expect(logger.lines[5]?.fields).toMatchObject({ attempt: 1, delayMs: 1_000 });
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain(PEM.slice(40, 80));
    expect(text).not.toContain(logon.body.RawData!.slice(0, 40));
  });

  it('logs an orderly logout at info', async () => {
    const logger = capture();
    const { client, peer } = await connected({ credentials: { apiKeyId: KEY_ID, privateKey: PEM }, logger });
    const closing = client.close();
    await peer.next('5');
    peer.send('5', {});
    await closing;
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual(['info FIX logged on', 'info FIX logged out']);
  });
});
