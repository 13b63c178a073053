import { FixTransportError } from './errors.js';

/** Kalshi's FIX sessions, by TargetCompID(56). */
export type KalshiFixSessionName = 'KalshiNR' | 'KalshiDC' | 'KalshiRT' | 'KalshiPT' | 'KalshiRFQ';

/** Kalshi environments. */
export type KalshiFixEnvironment = 'production' | 'demo';

/** One row of the session table. */
export interface KalshiFixSessionInfo {
  /** TargetCompID(56) of the session. */
  readonly targetCompId: KalshiFixSessionName;
  /** TLS port, the same in both environments. */
  readonly port: number;
  /**
   * Kalshi keeps the session's messages and answers ResendRequest(2): sequence numbers carry
   * over between Logons and the session defaults to a file store. The others must log on with
   * ResetSeqNumFlag(141)=Y every time. Doc pages: /fix/connectivity (Message Retransmission),
   * /fix/authentication (ResetSeqNumFlag: "Must be Y for KalshiNR, KalshiDC, KalshiPT").
   */
  readonly retransmission: boolean;
  readonly purpose: string;
}

/** Kalshi's FIX session table. Doc page: /fix/connectivity. */
export const KALSHI_FIX_SESSIONS: Readonly<Record<KalshiFixSessionName, KalshiFixSessionInfo>> = {
  KalshiNR: { targetCompId: 'KalshiNR', port: 8228, retransmission: false, purpose: 'order entry without retransmission' },
  KalshiDC: { targetCompId: 'KalshiDC', port: 8229, retransmission: false, purpose: 'drop copy (EventResendRequest U1)' },
  KalshiRT: { targetCompId: 'KalshiRT', port: 8230, retransmission: true, purpose: 'order entry with retransmission' },
  KalshiPT: { targetCompId: 'KalshiPT', port: 8231, retransmission: false, purpose: 'post trade (settlement reports)' },
  KalshiRFQ: { targetCompId: 'KalshiRFQ', port: 8232, retransmission: true, purpose: 'request for quote' },
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
