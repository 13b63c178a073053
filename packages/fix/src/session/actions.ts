/**
 * What a `FixSession` is told to do by its decision functions (`decideInbound`,
 * `decideDecodeError`, `decideTimer`), in order. The session performs them one by one; an
 * action reads the live store and clock only when performed (a `send` numbers its message then).
 */
import type { FixMessageBodies, FixMsgType } from '../generated/messages.js';
import type { FixSessionError } from './errors.js';
import type { FixSessionEvents } from './session-events.js';
import type { FixSessionState } from './session-options.js';
import type { PendingTestRequest } from './session-state.js';

/** The events a decision reports: each carries one argument. */
export type DecidedEvent = 'message' | 'reject' | 'inboundReject' | 'sequenceGap' | 'garbled';

/** Reports an event. `safely`: a throwing listener is rethrown on a microtask instead of here. */
export type EmitAction = {
  [K in DecidedEvent]: { readonly kind: 'emit'; readonly event: K; readonly arg: Parameters<FixSessionEvents[K]>[0]; readonly safely: boolean };
}[DecidedEvent];

/** One step of a session's reaction to an input. */
export type SessionAction =
  /** Number, stamp, store (application messages, with retransmission) and write a message. */
  | { readonly kind: 'send'; readonly msgType: FixMsgType; readonly body: FixMessageBodies[FixMsgType] }
  /** Answer ResendRequest(2) for `begin`..`end` (0: to the last sent) from the store. */
  | { readonly kind: 'answer-resend'; readonly begin: number; readonly end: number }
  /** Store the MsgSeqNum(34) expected next from the counterparty. */
  | { readonly kind: 'set-next-target'; readonly seqNum: number }
  /** Track (or, `undefined`, stop tracking) the end of a gap being resent. */
  | { readonly kind: 'set-resend-up-to'; readonly seqNum: number | undefined }
  | { readonly kind: 'set-state'; readonly state: FixSessionState }
  | { readonly kind: 'set-test-request'; readonly testRequest: PendingTestRequest }
  /** Logon complete: resolve `start()`. */
  | { readonly kind: 'logged-on' }
  /** Wake at `deadlineMs`. */
  | { readonly kind: 'arm'; readonly deadlineMs: number }
  /** Wake when the next Heartbeat(0) or TestRequest(1) may be due (computed when performed). */
  | { readonly kind: 'arm-heartbeat' }
  /** End the connection: `undefined` for an orderly end. */
  | { readonly kind: 'close'; readonly error: FixSessionError | undefined }
  | EmitAction;
