import { describe, expect, it } from 'vitest';
import { decideTimer, heartbeatDeadline } from '../src/session/decide-timer.js';
import type { SessionSnapshot } from '../src/session/session-state.js';
import { describeActions, snapshot, T0 } from './support/actions.js';

// HeartBtInt 30 s in every case: a Heartbeat after 30 s of our silence, a TestRequest after 36 s of theirs.
const cases: Array<[string, { given: Partial<SessionSnapshot>; want: string[] }]> = [
  ['logon wait not over: re-arm for its deadline', { given: { state: 'logon-sent', deadlineMs: T0 + 500 }, want: ['arm +500'] }],
  ['logon wait over (initiator)', { given: { state: 'logon-sent', deadlineMs: T0 }, want: ['close FIX_LOGON_TIMEOUT'] }],
  ['logon wait over (acceptor)', { given: { state: 'awaiting-logon', deadlineMs: T0 - 1 }, want: ['close FIX_LOGON_TIMEOUT'] }],
  ['logout wait not over: re-arm', { given: { state: 'logout-sent', deadlineMs: T0 + 10 }, want: ['arm +10'] }],
  ['logout wait over: close in order', { given: { state: 'logout-sent', deadlineMs: T0 }, want: ['close orderly'] }],
  ['active, nothing due', { given: { lastSentMs: T0 - 29_999, lastReceivedMs: T0 - 35_999 }, want: ['arm-heartbeat'] }],
  ['active, 30 s of our silence: Heartbeat', { given: { lastSentMs: T0 - 30_000, lastReceivedMs: T0 - 1 }, want: ['send 0 {}', 'arm-heartbeat'] }],
  [
    'active, 36 s of their silence: TestRequest (which is traffic: no Heartbeat with it)',
    { given: { lastSentMs: T0 - 30_000, lastReceivedMs: T0 - 36_000 }, want: [`send 1 {"TestReqID":"TEST-${T0}"}`, `set-test-request TEST-${T0}`, 'arm-heartbeat'] },
  ],
  [
    'active, TestRequest unanswered for 36 s: give up',
    { given: { testRequest: { id: 'TEST-1', sentMs: T0 - 36_000 }, lastReceivedMs: T0 - 80_000 }, want: ['close FIX_HEARTBEAT_TIMEOUT'] },
  ],
  [
    'active, TestRequest outstanding but not overdue: only the Heartbeat',
    { given: { testRequest: { id: 'TEST-1', sentMs: T0 - 35_999 }, lastSentMs: T0 - 30_000, lastReceivedMs: T0 - 80_000 }, want: ['send 0 {}', 'arm-heartbeat'] },
  ],
  ['closed: nothing', { given: { state: 'closed' }, want: [] }],
];

describe('decideTimer', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(describeActions(decideTimer(snapshot(given)))).toEqual(want);
  });
});

describe('heartbeatDeadline', () => {
  const deadlines: Array<[string, { given: Partial<SessionSnapshot>; want: number }]> = [
    ['our next Heartbeat comes first', { given: { lastSentMs: T0, lastReceivedMs: T0 }, want: T0 + 30_000 }],
    ['their silence ends first', { given: { lastSentMs: T0, lastReceivedMs: T0 - 10_000 }, want: T0 + 26_000 }],
    ['counted from our TestRequest while one is out', { given: { lastSentMs: T0, lastReceivedMs: T0 - 90_000, testRequest: { id: 'x', sentMs: T0 - 10_000 } }, want: T0 + 26_000 }],
  ];
  it.each(deadlines)('%s', (_name, { given, want }) => {
    expect(heartbeatDeadline(snapshot(given))).toBe(want);
  });
});
