import type { FixMessage } from '../../src/codec/message.js';
import { formatUtcTimestamp } from '../../src/codec/utc-timestamp.js';
import type { StandardHeader } from '../../src/generated/messages.js';
import type { SessionAction } from '../../src/session/actions.js';
import type { SessionSnapshot } from '../../src/session/session-state.js';

/** A fixed instant for decision tables. */
export const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

/** An active initiator `me` → `KalshiRT` expecting MsgSeqNum 5, no retransmission, all quiet at T0. */
export function snapshot(patch: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    state: 'active',
    now: T0,
    hasStore: true,
    nextTargetSeqNum: 5,
    retransmission: false,
    resendUpTo: undefined,
    senderCompId: 'me',
    targetCompId: 'KalshiRT',
    inboundTargetCompId: 'me',
    acceptSenderCompIds: new Set(['Kalshi']),
    maxDriftMs: 30_000,
    heartbeatMs: 30_000,
    lastSentMs: T0,
    lastReceivedMs: T0,
    testRequest: undefined,
    deadlineMs: 0,
    logonTimeoutMs: 10_000,
    ...patch,
  };
}

/** A message from KalshiRT to `me`, MsgSeqNum 5 sent at T0 unless `header` says otherwise. */
export function inbound(msgType: string, body: object = {}, header: Partial<StandardHeader> = {}): FixMessage {
  return { msgType, header: { SenderCompID: 'KalshiRT', TargetCompID: 'me', MsgSeqNum: 5, SendingTime: formatUtcTimestamp(T0), ...header }, body } as FixMessage;
}

/** Actions as short text, for tables: `send 2 {"BeginSeqNo":5,"EndSeqNo":0}`, `close FIX_SEQ_TOO_LOW`, `emit sequenceGap`. */
export function describeActions(actions: readonly SessionAction[]): string[] {
  return actions.map((a) => {
    switch (a.kind) {
      case 'send':
        return `send ${a.msgType} ${JSON.stringify(a.body)}`;
      case 'answer-resend':
        return `answer-resend ${a.begin}-${a.end}`;
      case 'set-next-target':
        return `set-next-target ${a.seqNum}`;
      case 'set-resend-up-to':
        return `set-resend-up-to ${a.seqNum ?? 'none'}`;
      case 'set-state':
        return `set-state ${a.state}`;
      case 'set-test-request':
        return `set-test-request ${a.testRequest.id}`;
      case 'arm':
        return `arm +${a.deadlineMs - T0}`;
      case 'close':
        return `close ${a.error?.code ?? 'orderly'}`;
      case 'emit':
        return `emit ${a.event}${a.event === 'sequenceGap' ? ` ${JSON.stringify(a.arg)}` : ''}`;
      default:
        return a.kind;
    }
  });
}
