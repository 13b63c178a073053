import type { FixClock, FixSession } from '@kalshi-sdk/fix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let offsetMs = 0;
const clock: FixClock = { now: () => Date.now() + offsetMs, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) };
let mock: RunningMockExchange;
let users: FixUser[];
let n = 0;

/** A received message, its body read field by field in assertions. */
interface Received {
  readonly msgType: string;
  readonly header: { readonly MsgSeqNum: number };
  readonly body: Record<string, unknown>;
}

beforeAll(async () => {
  ({ mock, users } = await startFixMock(2, clock));
});
afterAll(async () => {
  await mock.close();
});

/** Application messages a session receives until (and with) the first that `last` accepts. */
function collect(session: FixSession, last: (m: Received) => boolean): Promise<Received[]> {
  const seen: Received[] = [];
  return new Promise((resolve) => {
    session.on('message', (message) => {
      const m = message as unknown as Received;
      seen.push(m);
      if (last(m)) resolve(seen);
    });
  });
}

/** User 0 places `count` resting orders over KalshiNR; returns their New reports, then logs out. */
async function placeOrders(count: number): Promise<Received[]> {
  const ticker = `KXDC-M${++n}`;
  mock.exchange.addMarket({ ticker });
  const { session } = await rawLogon(mock, users[0]!, { clock });
  const reports = collect(session, (m) => m.msgType === '8' && m.body.ClOrdID === `${ticker}-${count}`);
  for (let i = 1; i <= count; i++) session.send('D', { ClOrdID: `${ticker}-${i}`, OrderQty: '1.00', OrdType: '2', Price: '10', Side: '1', Symbol: ticker });
  const out = await reports;
  await session.logout();
  return out;
}

const done = (m: Received) => m.msgType === 'U2' || m.msgType === 'U3';

describe('KalshiDC drop copy', () => {
  it('/fix/drop-copy: EventResendRequest replays ExecutionReports only, with new sequence numbers and the original ExecIDs, then EventResendComplete', async () => {
    // Quote: "Only ExecutionReport (35=8) messages are returned."
    // Quote: "Resent messages have new FIX sequence numbers, different from their original numbers on the order entry session. Use ExecID to reconcile."
    // Quote: "| 45 | RefSeqNum | MsgSeqNum of the EventResendRequest | Yes |"
    // Quote: "| 21003 | ResendEventCount | Total number of events resent | Yes |"
    const originals = await placeOrders(2);
    const { session } = await rawLogon(mock, users[0]!, { session: 'KalshiDC', clock });
    const answer = collect(session, done);
    const seq = session.send('U1', { BeginExecID: originals[0]!.body.ExecID as string });
    const messages = await answer;
    expect(messages.map((m) => m.msgType)).toEqual(['8', '8', 'U2']);
    expect(messages.slice(0, 2).map((m) => m.body.ExecID)).toEqual(originals.map((m) => m.body.ExecID));
    expect(messages.slice(0, 2).map((m) => m.header.MsgSeqNum)).toEqual([2, 3]);
    expect(messages[2]!.body).toEqual({ RefSeqNum: seq, ResendEventCount: 2 });
    await session.logout();
  });

  it('/fix/drop-copy: rejected orders are not replayed', async () => {
    // Quote: "Rejects and pending orders (ExecID `"-1;-1"`) are excluded."
    const { session: nr } = await rawLogon(mock, users[1]!, { clock });
    const rejected = collect(nr, (m) => m.msgType === '8');
    nr.send('D', { ClOrdID: 'dc-rejected', OrderQty: '1.00', OrdType: '2', Price: '10', Side: '1', Symbol: 'KXDC-NO-SUCH-MARKET' });
    const [reject] = await rejected;
    expect(reject!.body).toMatchObject({ ExecType: '8', OrdStatus: '8' });
    await nr.logout();
    const { session } = await rawLogon(mock, users[1]!, { session: 'KalshiDC', clock });
    const answer = collect(session, done);
    session.send('U1', { BeginExecID: reject!.body.ExecID as string });
    expect((await answer).map((m) => [m.msgType, m.body.ResendEventCount])).toEqual([['U2', 0]]);
    await session.logout();
  });

  it('/fix/drop-copy: EndExecID is inclusive and defaults to the latest ExecID; one past the latest is refused with reason 4', async () => {
    // Quote: "| 21002 | EndExecID | Ending ExecID (inclusive). Defaults to latest ExecID if omitted. | No |"
    // Quote: "`4`=EndExecID too large"
    const originals = await placeOrders(3);
    const ids = originals.map((m) => m.body.ExecID as string);
    const { session } = await rawLogon(mock, users[0]!, { session: 'KalshiDC', clock });
    let answer = collect(session, done);
    session.send('U1', { BeginExecID: ids[1]!, EndExecID: ids[1]! });
    expect((await answer).map((m) => m.body.ExecID ?? m.body.ResendEventCount)).toEqual([ids[1], 1]);
    answer = collect(session, done);
    session.send('U1', { BeginExecID: ids[1]! });
    expect((await answer).map((m) => m.body.ExecID ?? m.body.ResendEventCount)).toEqual([ids[1], ids[2], 2]);
    answer = collect(session, done);
    const seq = session.send('U1', { BeginExecID: ids[0]!, EndExecID: String(Number(ids[2]) + 1) });
    expect((await answer).map((m) => [m.msgType, m.body])).toEqual([['U3', { RefSeqNum: seq, EventResendRejectReason: 4 }]]);
    await session.logout();
  });

  it('/fix/drop-copy: a BeginExecID older than the 3-hour lookback window is refused with reason 3', async () => {
    // Quote: "Lookback window is limited to the last 3 hours."
    // Quote: "`3`=BeginExecID too small (outside window)"
    const originals = await placeOrders(1);
    offsetMs += 3 * 3_600_000 + 1_000;
    const { session } = await rawLogon(mock, users[0]!, { session: 'KalshiDC', clock });
    const answer = collect(session, done);
    const seq = session.send('U1', { BeginExecID: originals[0]!.body.ExecID as string });
    expect((await answer).map((m) => [m.msgType, m.body])).toEqual([['U3', { RefSeqNum: seq, EventResendRejectReason: 3 }]]);
    await session.logout();
  });
});
