/**
 * The parts of logging on that do not touch the connection: the Logon(A) body both roles send,
 * producing the initiator's (signed) Logon fields against a fresh SendingTime(52), and the
 * acceptor's last check on the counterparty's Logon.
 */
import type { FixMessageOf } from '../codec/message.js';
import { formatUtcTimestamp, parseUtcTimestamp } from '../codec/utc-timestamp.js';
import type { Logon } from '../generated/messages.js';
import type { FixClock } from './clock.js';
import { FixSessionError } from './errors.js';
import type { FixInitiatorOptions, FixLogonDecision, FixLogonFields, FixLogonHeader } from './session-options.js';

/** DefaultApplVerID(1137) 9: FIX50SP2. */
const APPL_VER_FIX50SP2 = '9';
/** Signing attempts before a slow signer's SendingTime is sent anyway. */
const SIGN_ATTEMPTS = 3;

/** Logon(A) with the fields the session sets: EncryptMethod 0, HeartBtInt(108) seconds, ResetSeqNumFlag(141), DefaultApplVerID. */
export function logonBody(extras: FixLogonFields | undefined, heartbeatSec: number, reset: boolean): Logon {
  return {
    ...extras,
    EncryptMethod: 0,
    HeartBtInt: heartbeatSec,
    ...(reset ? { ResetSeqNumFlag: true } : {}),
    DefaultApplVerID: APPL_VER_FIX50SP2,
  };
}

/** What {@link produceLogon} needs. */
export interface ProduceLogonInput {
  readonly options: FixInitiatorOptions;
  /** MsgSeqNum(34) of the Logon. */
  readonly seqNum: number;
  readonly clock: FixClock;
  readonly maxDriftMs: number;
  /** False once the session moved on (closed) while the fields were being produced. */
  readonly stillLoggingOn: () => boolean;
}

/** The produced Logon, or why there is none. */
export type ProducedLogon =
  | { readonly kind: 'ready'; readonly header: FixLogonHeader; readonly fields: FixLogonFields }
  | { readonly kind: 'abandoned' }
  | { readonly kind: 'failed'; readonly error: FixSessionError };

/**
 * Produces the initiator's Logon header and extra fields (`options.logonFields`, e.g. Kalshi's
 * signature over SendingTime). The signature covers SendingTime: when producing took longer than
 * half of `maxDriftMs`, it is produced again for a fresh SendingTime, up to three times.
 * A throwing `logonFields` gives `failed` with `FIX_LOGON_SIGN_FAILED`.
 */
export async function produceLogon(input: ProduceLogonInput): Promise<ProducedLogon> {
  const { options, clock } = input;
  for (let attempt = 0; ; attempt++) {
    const sendingMs = clock.now();
    const header: FixLogonHeader = {
      SenderCompID: options.senderCompId,
      TargetCompID: options.targetCompId,
      MsgSeqNum: input.seqNum,
      SendingTime: formatUtcTimestamp(sendingMs),
    };
    let fields: FixLogonFields;
    try {
      fields = options.logonFields === undefined ? {} : await options.logonFields(header);
    } catch (error) {
      return { kind: 'failed', error: new FixSessionError('FIX_LOGON_SIGN_FAILED', 'producing the Logon fields failed', { cause: error }) };
    }
    if (!input.stillLoggingOn()) return { kind: 'abandoned' };
    if (clock.now() - sendingMs <= input.maxDriftMs / 2 || attempt === SIGN_ATTEMPTS - 1) return { kind: 'ready', header, fields };
  }
}

/**
 * The acceptor's own decision on a Logon(A), after `onLogon`'s: an accepted Logon whose
 * SendingTime(52) is more than `maxDriftMs` from `now` is refused.
 */
export function reviewLogonDecision(decision: FixLogonDecision, logon: FixMessageOf<'A'>, now: number, maxDriftMs: number): FixLogonDecision {
  const sendingMs = parseUtcTimestamp(logon.header.SendingTime);
  if (decision.accept && !(Math.abs(now - sendingMs) <= maxDriftMs)) return { accept: false, text: 'SendingTime accuracy problem' };
  return decision;
}
