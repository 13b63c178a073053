/** The decision functions' view of a live `FixSession`. */
import type { FixClock } from './clock.js';
import type { FixSessionStore } from '../store/session-store.js';
import type { FixSessionState, SessionLimits } from './session-options.js';
import type { PendingTestRequest, SessionSnapshot } from './session-state.js';

/** The session fields {@link SessionView} reads (private fields of `FixSession`). */
export interface SessionInternals {
  readonly currentState: FixSessionState;
  readonly clock: FixClock;
  readonly store: FixSessionStore | undefined;
  readonly retransmission: boolean;
  readonly resendUpTo: number | undefined;
  readonly senderCompId: string | undefined;
  readonly targetCompId: string | undefined;
  readonly inboundTargetCompId: string | undefined;
  readonly acceptSenderCompIds: ReadonlySet<string>;
  readonly limits: SessionLimits;
  readonly heartbeatMs: number;
  readonly lastSentMs: number;
  readonly lastReceivedMs: number;
  readonly testRequest: PendingTestRequest | undefined;
  readonly deadlineMs: number;
}

/**
 * A {@link SessionSnapshot} read through to a live session. A decision runs to completion before
 * any of its actions is performed, so through this view it sees one moment's state, and the view
 * costs no allocation per message.
 */
export class SessionView implements SessionSnapshot {
  constructor(private readonly s: SessionInternals) {}
  get state(): FixSessionState {
    return this.s.currentState;
  }
  get now(): number {
    return this.s.clock.now();
  }
  get hasStore(): boolean {
    return this.s.store !== undefined;
  }
  get nextTargetSeqNum(): number {
    return this.s.store?.nextTargetSeqNum ?? 0;
  }
  get retransmission(): boolean {
    return this.s.retransmission;
  }
  get resendUpTo(): number | undefined {
    return this.s.resendUpTo;
  }
  get senderCompId(): string | undefined {
    return this.s.senderCompId;
  }
  get targetCompId(): string | undefined {
    return this.s.targetCompId;
  }
  get inboundTargetCompId(): string | undefined {
    return this.s.inboundTargetCompId;
  }
  get acceptSenderCompIds(): ReadonlySet<string> {
    return this.s.acceptSenderCompIds;
  }
  get maxDriftMs(): number {
    return this.s.limits.maxDriftMs;
  }
  get heartbeatMs(): number {
    return this.s.heartbeatMs;
  }
  get lastSentMs(): number {
    return this.s.lastSentMs;
  }
  get lastReceivedMs(): number {
    return this.s.lastReceivedMs;
  }
  get testRequest(): PendingTestRequest | undefined {
    return this.s.testRequest;
  }
  get deadlineMs(): number {
    return this.s.deadlineMs;
  }
  get logonTimeoutMs(): number {
    return this.s.limits.logonTimeoutMs;
  }
}
