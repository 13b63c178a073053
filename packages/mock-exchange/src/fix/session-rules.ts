/**
 * Kalshi's documented FIX session rules, as the simulator enforces them. This is the simulator's
 * own copy, written from Kalshi's pages and deliberately not imported from `@kalshi-sdk/fix`
 * (`KALSHI_FIX_SESSIONS`), so that a wrong rule in the client cannot hide behind the same wrong
 * rule here. Doc pages: /fix/authentication (Logon fields, retransmission), /fix/connectivity
 * (sessions), /fix/listener-sessions, /fix/order-entry (mass cancel), /fix/common-components.
 */
import type { FixMessageOf } from '@kalshi-sdk/fix';

/** Kalshi's FIX sessions (TargetCompID 56). */
export type KalshiSessionName = 'KalshiNR' | 'KalshiDC' | 'KalshiRT' | 'KalshiPT' | 'KalshiRFQ';

/** What Kalshi's pages say about one session. */
export interface SessionRule {
  /** ResendRequest / SequenceReset supported; otherwise every Logon needs ResetSeqNumFlag(141)=Y. */
  readonly retransmission: boolean;
  /** ListenerSession(20126)=Y accepted. */
  readonly listener: boolean;
  /** ReceiveSettlementReports(20127) accepted. */
  readonly settlementReportsFlag: boolean;
  /** OrderMassCancelRequest(q) accepted. */
  readonly massCancel: boolean;
  /** Application MsgTypes a client may send on it (/fix/common-components, "Client -> Server"). */
  readonly clientMsgTypes: ReadonlySet<string>;
}

/**
 * /fix/authentication: "Message retransmission (ResendRequest, SequenceReset) is only supported on
 * KalshiRT and KalshiPT"; ListenerSession "KalshiNR/RT only"; ReceiveSettlementReports "KalshiRT and
 * KalshiPT only". /fix/order-entry: mass cancel "Only available on KalshiNR".
 */
export const SESSION_RULES: Readonly<Record<KalshiSessionName, SessionRule>> = {
  KalshiNR: { retransmission: false, listener: true, settlementReportsFlag: false, massCancel: true, clientMsgTypes: new Set(['D', 'F', 'G', 'q', 'UOG']) },
  KalshiDC: { retransmission: false, listener: false, settlementReportsFlag: false, massCancel: false, clientMsgTypes: new Set(['U1']) },
  KalshiRT: { retransmission: true, listener: true, settlementReportsFlag: true, massCancel: false, clientMsgTypes: new Set(['D', 'F', 'G', 'UOG', 'R', 'UA', 'UE']) },
  KalshiPT: { retransmission: true, listener: false, settlementReportsFlag: true, massCancel: false, clientMsgTypes: new Set() },
  KalshiRFQ: { retransmission: false, listener: false, settlementReportsFlag: false, massCancel: false, clientMsgTypes: new Set(['S', 'Z', 'U7']) },
};

/**
 * Whether a session sends MarketSettlementReports (/fix/market-settlement): on KalshiPT unless
 * the Logon set ReceiveSettlementReports(20127)=N, on KalshiRT only with 20127=Y.
 */
export function receivesSettlementReports(target: KalshiSessionName, flag: boolean | undefined): boolean {
  if (target === 'KalshiPT') return flag !== false;
  return target === 'KalshiRT' && flag === true;
}

/** HeartBtInt(108) must be greater than this many seconds (/fix/authentication: "N > 3"). */
export const HEARTBEAT_ABOVE_SEC = 3;
/** Largest MessageRetentionPeriod(20200), hours (/fix/authentication: "max of 72 hours"). */
export const MAX_RETENTION_HOURS = 72;
/** What a listener session may not send (/fix/listener-sessions, "What You Cannot Do"): orders, cancels, replaces, mass cancels, RFQ creation, quote acceptance. */
export const LISTENER_REFUSED: ReadonlySet<string> = new Set(['D', 'F', 'G', 'q', 'R', 'UA']);

/** The session rule for a TargetCompID, if Kalshi has such a session. */
export function sessionRule(target: string): SessionRule | undefined {
  return Object.hasOwn(SESSION_RULES, target) ? SESSION_RULES[target as KalshiSessionName] : undefined;
}

/**
 * Why Kalshi would refuse this Logon's session fields, as the Text(58) of the Logout, or
 * undefined when they follow the rules. The signature, key and SendingTime are checked elsewhere.
 */
export function logonFieldsProblem(target: KalshiSessionName, body: FixMessageOf<'A'>['body']): string | undefined {
  const rule = SESSION_RULES[target];
  if (!rule.retransmission && body.ResetSeqNumFlag !== true) return `ResetSeqNumFlag must be Y on ${target}`;
  if (!(body.HeartBtInt > HEARTBEAT_ABOVE_SEC)) return `HeartBtInt must be greater than ${HEARTBEAT_ABOVE_SEC}`;
  const retention = body.MessageRetentionPeriod;
  if (retention !== undefined) {
    if (!rule.retransmission) return 'MessageRetentionPeriod is accepted on KalshiRT and KalshiPT only';
    if (retention > MAX_RETENTION_HOURS) return `MessageRetentionPeriod must be at most ${MAX_RETENTION_HOURS} hours`;
    if (retention < 1) return 'MessageRetentionPeriod must be at least 1 hour';
  }
  if (body.ReceiveSettlementReports !== undefined && !rule.settlementReportsFlag) return 'ReceiveSettlementReports is accepted on KalshiRT and KalshiPT only';
  if (body.ListenerSession === true) {
    if (!rule.listener) return 'ListenerSession is accepted on KalshiNR and KalshiRT only';
    if (body.SkipPendingExecReports !== true) return 'ListenerSession=Y requires SkipPendingExecReports=Y';
    if (body.CancelOrdersOnDisconnect === true) return 'CancelOrdersOnDisconnect must be N on a listener session';
  }
  return undefined;
}
