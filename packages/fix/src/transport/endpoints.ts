import { FixTransportError } from './errors.js';

/** Kalshi's FIX sessions, by TargetCompID(56). */
export type KalshiFixSessionName = 'KalshiNR' | 'KalshiDC' | 'KalshiRT' | 'KalshiPT' | 'KalshiRFQ';

/** Kalshi environments. */
export type KalshiFixEnvironment = 'production' | 'demo';

/**
 * Whether a session sends MarketSettlementReport(UMS): `'default'` unless the Logon says
 * ReceiveSettlementReports(20127)=N (KalshiPT), `'opt-in'` only with 20127=Y (KalshiRT),
 * `'none'` (20127 is not accepted). Doc pages: /fix/authentication, /fix/market-settlement.
 */
export type KalshiSettlementReports = 'default' | 'opt-in' | 'none';

/** One row of the session table. */
export interface KalshiFixSessionInfo {
  /** TargetCompID(56) of the session. */
  readonly targetCompId: KalshiFixSessionName;
  /** TLS port, the same in both environments. */
  readonly port: number;
  /**
   * Kalshi keeps the session's messages and answers ResendRequest(2) / SequenceReset(4):
   * KalshiRT and KalshiPT only. On these, sequence numbers may carry over between Logons,
   * MessageRetentionPeriod(20200) is accepted and the client defaults to a file store. Every
   * other session must log on with ResetSeqNumFlag(141)=Y. Doc page: /fix/authentication
   * ("Message retransmission (ResendRequest, SequenceReset) is only supported on KalshiRT and
   * KalshiPT. For all other sessions, ResetSeqNumFlag<141> in the Logon message must always be
   * Y or the Logon will be rejected.").
   */
  readonly retransmission: boolean;
  /** ListenerSession(20126)=Y is accepted: KalshiNR and KalshiRT. Doc pages: /fix/authentication, /fix/listener-sessions. */
  readonly listener: boolean;
  /** MarketSettlementReport(UMS) on this session; see {@link KalshiSettlementReports}. */
  readonly settlementReports: KalshiSettlementReports;
  readonly purpose: string;
}

/** Kalshi's FIX session table. Doc pages: /fix/connectivity (ports), /fix/authentication (retransmission and Logon flags). */
export const KALSHI_FIX_SESSIONS: Readonly<Record<KalshiFixSessionName, KalshiFixSessionInfo>> = {
  KalshiNR: { targetCompId: 'KalshiNR', port: 8228, retransmission: false, listener: true, settlementReports: 'none', purpose: 'order entry without retransmission' },
  KalshiDC: { targetCompId: 'KalshiDC', port: 8229, retransmission: false, listener: false, settlementReports: 'none', purpose: 'drop copy (EventResendRequest U1)' },
  KalshiRT: { targetCompId: 'KalshiRT', port: 8230, retransmission: true, listener: true, settlementReports: 'opt-in', purpose: 'order entry with retransmission' },
  KalshiPT: { targetCompId: 'KalshiPT', port: 8231, retransmission: true, listener: false, settlementReports: 'default', purpose: 'post trade (settlement reports)' },
  KalshiRFQ: { targetCompId: 'KalshiRFQ', port: 8232, retransmission: false, listener: false, settlementReports: 'none', purpose: 'request for quote (market makers)' },
};

/** FIX gateway host names by environment. */
export const KALSHI_FIX_HOSTS: Readonly<Record<KalshiFixEnvironment, string>> = {
  production: 'mm.fix.elections.kalshi.com',
  demo: 'fix.demo.kalshi.co',
};

/**
 * Host, port and session facts for a Kalshi FIX session.
 * @throws FixTransportError `FIX_UNKNOWN_ENDPOINT` for an unknown session or environment name.
 */
export function kalshiFixEndpoint(session: KalshiFixSessionName, environment: KalshiFixEnvironment = 'demo'): KalshiFixSessionInfo & { readonly host: string } {
  const info = Object.hasOwn(KALSHI_FIX_SESSIONS, session) ? KALSHI_FIX_SESSIONS[session] : undefined;
  const host = Object.hasOwn(KALSHI_FIX_HOSTS, environment) ? KALSHI_FIX_HOSTS[environment] : undefined;
  if (info === undefined || host === undefined) {
    throw new FixTransportError('FIX_UNKNOWN_ENDPOINT', `no Kalshi FIX endpoint for session ${String(session)} in ${String(environment)}`);
  }
  return { ...info, host };
}
