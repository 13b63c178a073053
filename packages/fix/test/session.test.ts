import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeSigner, fixLogonMessage, verifySignature } from '@kalshi-sdk/auth';
import type { Duplex } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { formatUtcTimestamp } from '../src/codec/utc-timestamp.js';
import { FixSessionError } from '../src/session/errors.js';
import { kalshiLogonFields } from '../src/session/kalshi-logon.js';
import { FixSession, type FixInitiatorOptions } from '../src/session/session.js';
import { FileSessionStore } from '../src/store/file-store.js';
import { MemorySessionStore } from '../src/store/memory-store.js';
import type { FixSessionStore } from '../src/store/session-store.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { ManualClock } from './support/manual-clock.js';
import { flush, Peer } from './support/peer.js';
import { frame } from './wire.js';

const API_KEY = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = createNodeSigner(privateKey);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ORDER = { ClOrdID: 'c1', OrderQty: '10.00', OrdType: '2', Price: '56', Side: '1', Symbol: 'KXMOCK-26DEC31-A' } as const;

const pairs = new WeakMap<FixSession, Duplex>();

/** A session on one end of an in-memory pair and a scripted Kalshi on the other. */
function connected(options: Partial<FixInitiatorOptions> = {}, store?: FixSessionStore) {
  const clock = new ManualClock();
  const [client, server] = createMemoryDuplexPair();
  const session = new FixSession({ role: 'initiator', senderCompId: API_KEY, targetCompId: 'KalshiRT', store: store ?? new MemorySessionStore(), clock, ...options });
  pairs.set(session, client);
  const peer = new Peer(server, 'KalshiRT', API_KEY, () => clock.now());
  return { clock, session, peer, store: (store ?? (session as unknown as { store: FixSessionStore }).store) as FixSessionStore };
}

/** Starts the session and answers its Logon. */
async function logOn(s: ReturnType<typeof connected>, answer: Partial<{ ResetSeqNumFlag: boolean }> = {}) {
  const started = s.session.start(pairs.get(s.session)!);
  const logon = await s.peer.next('A');
  s.peer.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9', ...answer });
  await started;
  return logon;
}

describe('logon', () => {
  it('signs SendingTime␁MsgType␁MsgSeqNum␁SenderCompID␁TargetCompID into RawData(96) and sends the Kalshi fields', async () => {
    const s = connected({
      heartbeatIntervalSec: 15,
      resetSeqNumOnLogon: true,
      logonFields: kalshiLogonFields({
        signer,
        session: 'KalshiRT',
        options: { cancelOrdersOnDisconnect: true, useDollars: true, skipPendingExecReports: true, listenerSession: false, messageRetentionPeriod: 12, alwaysEmitNewBeforeTrade: true },
      }),
    });
    const logon = await logOn(s, { ResetSeqNumFlag: true });
    const { header, body } = logon;
    expect(header).toMatchObject({ SenderCompID: API_KEY, TargetCompID: 'KalshiRT', MsgSeqNum: 1, SendingTime: formatUtcTimestamp(s.clock.now()) });
    expect(body).toMatchObject({ EncryptMethod: 0, HeartBtInt: 15, DefaultApplVerID: '9', ResetSeqNumFlag: true });
    const message = fixLogonMessage({ sendingTime: header.SendingTime, msgType: 'A', msgSeqNum: 1, senderCompId: API_KEY, targetCompId: 'KalshiRT' });
    expect(verifySignature({ publicKey, message, signature: body.RawData! })).toBe(true);
    expect(logon.text).toContain(`|95=${body.RawData!.length}|96=${body.RawData}|`);
    for (const tag of ['8013=Y', '20126=N', '20200=12', '21005=Y', '21011=Y', '21026=Y', '98=0', '108=15', '141=Y', '1137=9']) expect(logon.text).toContain(`|${tag}|`);
    expect(s.session.state).toBe('active');
    expect(s.store.nextSenderSeqNum).toBe(2);
    expect(s.store.nextTargetSeqNum).toBe(2);
  });

  it('signs again with a fresh SendingTime when the signer took longer than 15 s', async () => {
    const s = connected({
      logonTimeoutMs: 60_000,
      logonFields: async (h) => {
        if (h.SendingTime === formatUtcTimestamp(start)) s.clock.advance(20_000);
        return { RawData: await signer.sign(fixLogonMessage({ sendingTime: h.SendingTime, msgType: 'A', msgSeqNum: h.MsgSeqNum, senderCompId: h.SenderCompID, targetCompId: h.TargetCompID })) };
      },
    });
    const start = s.clock.now();
    const logon = await logOn(s);
    expect(logon.header.SendingTime).toBe(formatUtcTimestamp(start + 20_000));
  });

  it.each([
    ['a Logout answer', (peer: Peer) => peer.send('5', { Text: 'invalid signature' }), 'FIX_LOGON_REJECTED'],
    ['an application message first', (peer: Peer) => peer.send('0', {}), 'FIX_LOGON_EXPECTED'],
    ['a closed connection', (peer: Peer) => peer.duplex.end(), 'FIX_DISCONNECTED'],
  ])('fails on %s', async (_name, act, code) => {
    const s = connected();
    const started = s.session.start(pairs.get(s.session)!);
    await s.peer.next('A');
    act(s.peer);
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixSessionError);
    expect((error as FixSessionError).code).toBe(code);
    if (code === 'FIX_LOGON_REJECTED') expect((error as FixSessionError).text).toBe('invalid signature');
  });

  it('times out without an answer', async () => {
    const s = connected({ logonTimeoutMs: 5_000 });
    const started = s.session.start(pairs.get(s.session)!);
    await s.peer.next('A');
    s.clock.advance(5_000);
    await expect(started).rejects.toMatchObject({ code: 'FIX_LOGON_TIMEOUT' });
  });
});

describe('heartbeats', () => {
  it('sends Heartbeat after HeartBtInt of silence, TestRequest after 1.2 × HeartBtInt without input, and gives up after another', async () => {
    const s = connected({ heartbeatIntervalSec: 30 });
    await logOn(s);
    s.clock.advance(30_000);
    await flush();
    expect(s.peer.all('0')).toHaveLength(1);
    s.clock.advance(6_000);
    const test = await s.peer.next('1');
    s.peer.send('0', { TestReqID: test.body.TestReqID });
    await flush();
    s.clock.advance(30_000);
    await flush();
    expect(s.session.state).toBe('active');
    s.clock.advance(10_000);
    await s.peer.next('1');
    s.clock.advance(36_000);
    await expect(s.session.closed).resolves.toMatchObject({ code: 'FIX_HEARTBEAT_TIMEOUT' });
  });

  it('answers TestRequest with a Heartbeat carrying its TestReqID', async () => {
    const s = connected();
    await logOn(s);
    s.peer.send('1', { TestReqID: 'ping-7' });
    const heartbeat = await s.peer.next('0');
    expect(heartbeat.body.TestReqID).toBe('ping-7');
  });
});

describe('sequence numbers', () => {
  it('asks for a gap with ResendRequest and takes the resent messages in order, once', async () => {
    const s = connected({ retransmission: true });
    await logOn(s);
    const seen: number[] = [];
    s.session.on('message', (m) => seen.push(m.header.MsgSeqNum));
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' });
    s.peer.nextSeq = 5;
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' });
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' });
    const resend = await s.peer.next('2');
    expect(resend.body).toEqual({ BeginSeqNo: 3, EndSeqNo: 0 });
    await flush();
    expect(s.peer.all('2')).toHaveLength(1);
    const orig = formatUtcTimestamp(s.clock.now());
    for (const seq of [3, 4, 5, 6]) {
      s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' }, { MsgSeqNum: seq, PossDupFlag: true, OrigSendingTime: orig });
    }
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' }, { MsgSeqNum: 7 });
    await flush();
    expect(seen).toEqual([2, 3, 4, 5, 6, 7]);
    expect(s.store.nextTargetSeqNum).toBe(8);
  });

  it('skips a gap and reports it on a session without retransmission', async () => {
    const s = connected({ retransmission: false });
    await logOn(s);
    const gaps: unknown[] = [];
    const seen: number[] = [];
    s.session.on('sequenceGap', (g) => gaps.push(g));
    s.session.on('message', (m) => seen.push(m.header.MsgSeqNum));
    s.peer.nextSeq = 4;
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' });
    await flush();
    expect(gaps).toEqual([{ expected: 2, received: 4, resendRequested: false }]);
    expect(seen).toEqual([4]);
    expect(s.peer.all('2')).toHaveLength(0);
  });

  it('answers ResendRequest with the stored application messages (PossDupFlag, OrigSendingTime) and gap-fills admin ones', async () => {
    const s = connected({ retransmission: true });
    await logOn(s);
    const first = s.session.send('D', ORDER);
    s.clock.advance(1_000);
    s.peer.send('1', { TestReqID: 't' });
    await s.peer.next('0');
    const second = s.session.send('D', { ...ORDER, ClOrdID: 'c2' });
    expect([first, second]).toEqual([2, 4]);
    const originals = [await s.peer.next('D'), await s.peer.next('D')];
    s.clock.advance(1_000);
    s.peer.send('2', { BeginSeqNo: 1, EndSeqNo: 0 });
    await flush();
    const replay = s.peer.received.slice(-4).map((r) => r.message);
    expect(replay.map((m) => [m.msgType, m.header.MsgSeqNum, m.header.PossDupFlag])).toEqual([
      ['4', 1, true],
      ['D', 2, true],
      ['4', 3, true],
      ['D', 4, true],
    ]);
    expect(replay[0]!.body).toEqual({ GapFillFlag: true, NewSeqNo: 2 });
    expect(replay[2]!.body).toEqual({ GapFillFlag: true, NewSeqNo: 4 });
    expect(replay[1]!.header.OrigSendingTime).toBe(originals[0]!.header.SendingTime);
    expect(replay[1]!.header.SendingTime).toBe(formatUtcTimestamp(s.clock.now()));
    expect(replay[3]!.body).toEqual(originals[1]!.body);
    expect(s.store.nextSenderSeqNum).toBe(5);
  });

  it('logs out on a MsgSeqNum below the expected one without PossDupFlag, and ignores it with PossDupFlag', async () => {
    const s = connected();
    await logOn(s);
    const orig = formatUtcTimestamp(s.clock.now());
    s.peer.send('0', {}, { MsgSeqNum: 1, PossDupFlag: true, OrigSendingTime: orig });
    await flush();
    expect(s.session.state).toBe('active');
    s.peer.send('0', {}, { MsgSeqNum: 1 });
    const logout = await s.peer.next('5');
    expect(logout.body.Text).toBe('MsgSeqNum too low, expecting 2 but received 1');
    await expect(s.session.closed).resolves.toMatchObject({ code: 'FIX_SEQ_TOO_LOW', expected: 2, received: 1 });
  });

  it('resumes with the persisted sequence numbers after a restart (file store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-fix-session-'));
    dirs.push(dir);
    const first = connected({ retransmission: true }, FileSessionStore.open({ dir, name: `${API_KEY}-KalshiRT` }));
    await logOn(first);
    first.session.send('D', ORDER);
    first.session.send('D', { ...ORDER, ClOrdID: 'c2' });
    first.peer.send('0', {});
    await first.peer.next('D');
    await first.peer.next('D');
    await flush();
    first.session.destroy();
    first.store.close();

    const store = FileSessionStore.open({ dir, name: `${API_KEY}-KalshiRT` });
    expect([store.nextSenderSeqNum, store.nextTargetSeqNum]).toEqual([4, 3]);
    const second = connected({ retransmission: true }, store);
    second.peer.nextSeq = 3;
    const logon = await logOn(second);
    expect(logon.header.MsgSeqNum).toBe(4);
    expect(logon.body.ResetSeqNumFlag).toBeUndefined();
    second.peer.send('2', { BeginSeqNo: 2, EndSeqNo: 3 });
    const resent = await second.peer.next('D');
    expect(resent.header).toMatchObject({ MsgSeqNum: 2, PossDupFlag: true });
    expect(resent.body.ClOrdID).toBe('c1');
    store.close();
  });
});

describe('inbound checks', () => {
  it('answers a well-framed message that breaks the dictionary with Reject(3) and counts its sequence number', async () => {
    const s = connected();
    await logOn(s);
    const rejects: unknown[] = [];
    s.session.on('inboundReject', (r) => rejects.push(r));
    const sendingTime = formatUtcTimestamp(s.clock.now());
    s.peer.sendText(`35=8|49=KalshiRT|56=${API_KEY}|34=2|52=${sendingTime}|37=o|11=c|17=e|150=0|39=0|54=9|55=X|151=1|14=0|6=0|38=1|`);
    const reject = await s.peer.next('3');
    expect(reject.body).toEqual({ RefSeqNum: 2, RefTagID: 54, RefMsgType: '8', SessionRejectReason: 5, Text: 'FIX_VALUE_NOT_IN_ENUM' });
    expect(rejects).toHaveLength(1);
    expect(s.store.nextTargetSeqNum).toBe(3);
  });

  it('ignores a garbled frame (bad CheckSum) without a Reject and without taking its sequence number', async () => {
    const s = connected();
    await logOn(s);
    const garbled: string[] = [];
    s.session.on('garbled', (e) => garbled.push(e.code));
    const good = frame(`35=0|49=KalshiRT|56=${API_KEY}|34=2|52=${formatUtcTimestamp(s.clock.now())}|`);
    s.peer.sendRaw(good.replace(/10=\d{3}\|$/, `10=${good.endsWith('10=000|') ? '001' : '000'}|`));
    s.peer.send('0', {});
    await flush();
    expect(garbled).toEqual(['FIX_BAD_CHECKSUM']);
    expect(s.peer.all('3')).toHaveLength(0);
    expect(s.store.nextTargetSeqNum).toBe(3);
  });

  it.each([
    ['29 s behind', -29_000, false],
    ['31 s behind', -31_000, true],
    ['31 s ahead', 31_000, true],
  ])('SendingTime %s: rejected %s', async (_name, offset, rejected) => {
    const s = connected();
    await logOn(s);
    const seen: string[] = [];
    s.session.on('message', (m) => seen.push(m.msgType));
    s.peer.send('r', { ClOrdID: 'm', OrderID: 'o', MassCancelResponse: '6' }, { SendingTime: formatUtcTimestamp(s.clock.now() + offset) });
    s.peer.send('0', {});
    await flush();
    expect(seen).toEqual(rejected ? [] : ['r']);
    expect(s.peer.all('3').map((r) => r.body)).toEqual(
      rejected ? [{ RefSeqNum: 2, RefTagID: 52, RefMsgType: 'r', SessionRejectReason: 10, Text: 'SendingTime accuracy problem' }] : [],
    );
    expect(s.store.nextTargetSeqNum).toBe(4);
  });

  it('rejects a SendingTime that names no real date (20260231) instead of crashing', async () => {
    const s = connected();
    await logOn(s);
    s.peer.sendText(`35=0|49=KalshiRT|56=${API_KEY}|34=2|52=20260231-03:04:05.678|`);
    const reject = await s.peer.next('3');
    // The decoder refuses the value itself: Incorrect data format for value (6).
    expect(reject.body).toMatchObject({ RefSeqNum: 2, RefTagID: 52, SessionRejectReason: 6 });
    expect(s.session.state).toBe('active');
  });

  it('rejects a wrong CompID and logs out', async () => {
    const s = connected();
    await logOn(s);
    s.peer.send('0', {}, { SenderCompID: 'KalshiNR' });
    const reject = await s.peer.next('3');
    expect(reject.body).toMatchObject({ RefTagID: 49, SessionRejectReason: 9 });
    await s.peer.next('5');
    await expect(s.session.closed).resolves.toMatchObject({ code: 'FIX_COMP_ID_MISMATCH' });
  });
});

describe('logout', () => {
  it('sends Logout, waits for the answer, then closes cleanly', async () => {
    const s = connected();
    await logOn(s);
    const done = s.session.logout('bye');
    const logout = await s.peer.next('5');
    expect(logout.body.Text).toBe('bye');
    expect(() => s.session.send('D', ORDER)).toThrow(expect.objectContaining({ code: 'FIX_NOT_LOGGED_ON' }));
    s.peer.send('5', {});
    await done;
    await expect(s.session.closed).resolves.toBeUndefined();
  });

  it('closes after logoutTimeoutMs when the answer never comes', async () => {
    const s = connected({ logoutTimeoutMs: 2_000 });
    await logOn(s);
    const done = s.session.logout();
    await s.peer.next('5');
    s.clock.advance(2_000);
    await done;
    expect(s.session.state).toBe('closed');
  });

  it('answers the counterparty Logout and reports it', async () => {
    const s = connected();
    await logOn(s);
    s.peer.send('5', { Text: 'maintenance' });
    await s.peer.next('5');
    await expect(s.session.closed).resolves.toMatchObject({ code: 'FIX_LOGGED_OUT', text: 'maintenance' });
  });
});
