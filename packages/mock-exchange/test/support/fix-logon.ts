import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner, signFixLogon, type Signer } from '@kalshi-sdk/auth';
import { connectFixTransport, type FixExecutionReport, FixSession, type FixClock, type FixLogonFields, KalshiFixClient, type KalshiFixClientOptions, MemorySessionStore } from '@kalshi-sdk/fix';
import { startMockExchange, type RunningMockExchange } from '../../src/index.js';

/** A user of {@link startFixMock}: API key id and its signer. */
export interface FixUser {
  readonly apiKeyId: string;
  readonly signer: Signer;
}

/** A mock exchange serving FIX, with `count` users (`fix-key-1`, ...) of $1,000 each. */
export async function startFixMock(count: number, clock?: FixClock): Promise<{ mock: RunningMockExchange; users: FixUser[] }> {
  const users = Array.from({ length: count }, (_, i) => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { apiKeyId: `fix-key-${i + 1}`, signer: createNodeSigner(privateKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  });
  const mock = await startMockExchange({
    fix: {},
    pingIntervalMs: 0,
    ...(clock === undefined ? {} : { clock }),
    users: users.map((u) => ({ apiKeyId: u.apiKeyId, publicKeyPem: u.publicKeyPem, balanceDollars: '1000' })),
  });
  return { mock, users };
}

/** What a raw Logon carries besides the signature: the flags as Logon fields, HeartBtInt, ResetSeqNumFlag. */
export interface RawLogon {
  readonly session?: string;
  readonly heartbeatIntervalSec?: number;
  readonly resetSeqNumOnLogon?: boolean;
  /** Logon fields sent as given, unchecked (the client would refuse some of them locally). */
  readonly fields?: FixLogonFields;
  readonly clock?: FixClock;
}

/**
 * Logs on with a bare `FixSession` (no client-side checks) over loopback TCP, signing RawData(96)
 * like Kalshi wants. Resolves with the session once logged on; rejects with the session error
 * (`FIX_LOGON_REJECTED` with Kalshi's Text) otherwise. `raw` collects every byte received.
 */
export async function rawLogon(mock: RunningMockExchange, user: FixUser, logon: RawLogon = {}): Promise<{ session: FixSession; raw: () => string }> {
  const session = logon.session ?? 'KalshiNR';
  const socket = await connectFixTransport({ host: '127.0.0.1', port: mock.fixPort!, tls: false });
  let inbound = '';
  socket.on('data', (d: Buffer) => (inbound += d.toString('latin1')));
  const fix = new FixSession({
    role: 'initiator',
    senderCompId: user.apiKeyId,
    targetCompId: session,
    acceptSenderCompIds: ['Kalshi'],
    store: new MemorySessionStore(),
    heartbeatIntervalSec: logon.heartbeatIntervalSec ?? 30,
    resetSeqNumOnLogon: logon.resetSeqNumOnLogon ?? true,
    logoutTimeoutMs: 1_000,
    ...(logon.clock === undefined ? {} : { clock: logon.clock }),
    logonFields: async (h) => ({
      ...logon.fields,
      RawData: await signFixLogon({ signer: user.signer, sendingTime: h.SendingTime, msgType: 'A', msgSeqNum: h.MsgSeqNum, senderCompId: h.SenderCompID, targetCompId: h.TargetCompID }),
    }),
  });
  await fix.start(socket);
  return { session: fix, raw: () => inbound.replaceAll('\x01', '|') };
}

/**
 * Options of a KalshiFixClient for `user` against the mock: KalshiNR over loopback TCP, no reconnect,
 * a 1 s logout wait, the session's default store. Spread more options after them.
 */
export function mockFixClientOptions(mock: RunningMockExchange, user: FixUser): KalshiFixClientOptions {
  return {
    apiKeyId: user.apiKeyId,
    signer: user.signer,
    session: 'KalshiNR',
    host: '127.0.0.1',
    port: mock.fixPort!,
    tls: false,
    reconnect: false,
    logoutTimeoutMs: 1_000,
  };
}

/** A connected-on-demand KalshiFixClient for `user` against the mock, with an in-memory store. */
export function fixClient(mock: RunningMockExchange, user: FixUser, options: Partial<KalshiFixClientOptions> = {}): KalshiFixClient {
  return new KalshiFixClient({ ...mockFixClientOptions(mock, user), store: new MemorySessionStore(), ...options });
}

/** Resolves with the first ExecutionReport that satisfies `test`, from now on. */
export function nextReport(client: KalshiFixClient, test: (r: FixExecutionReport) => boolean): Promise<FixExecutionReport> {
  return new Promise((resolve) => {
    const off = client.on('executionReport', (r) => {
      if (!test(r)) return;
      off();
      resolve(r);
    });
  });
}
