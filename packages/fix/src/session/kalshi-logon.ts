/**
 * Kalshi's Logon(A): the RawData(96) signature and the venue's logon flags as typed options.
 * Doc page: /fix/authentication (Logon).
 */
import { signFixLogon, type Signer } from '@kalshi-sdk/auth/web';
import type { Logon } from '../generated/messages.js';
import type { KalshiFixSessionName } from '../transport/endpoints.js';
import { KALSHI_FIX_SESSIONS } from '../transport/endpoints.js';
import { FixSessionError } from './errors.js';
import type { FixLogonFields, FixLogonHeader } from './session.js';

/** Kalshi's optional Logon(A) flags. Unset flags are not sent (Kalshi's default applies). */
export interface KalshiLogonOptions {
  /** CancelOrdersOnDisconnect(8013): cancel the session's orders on any disconnection, graceful logout included. Must not be `true` on a listener session. */
  readonly cancelOrdersOnDisconnect?: boolean;
  /**
   * ListenerSession(20126): listen-only session (ExecutionReports of the account, no orders);
   * KalshiNR and KalshiRT only; needs `skipPendingExecReports: true` and refuses
   * `cancelOrdersOnDisconnect: true`. Doc page: /fix/listener-sessions.
   */
  readonly listenerSession?: boolean;
  /**
   * ReceiveSettlementReports(20127): MarketSettlementReport(UMS) messages; KalshiRT and KalshiPT
   * only. Unset, Kalshi's default applies: off on KalshiRT, on on KalshiPT (`false` opts out
   * there). Doc pages: /fix/authentication, /fix/market-settlement.
   */
  readonly receiveSettlementReports?: boolean;
  /**
   * MessageRetentionPeriod(20200): hours Kalshi keeps messages for retransmission, 1 to 72
   * (Kalshi's default 24); KalshiRT and KalshiPT only. Doc page: /fix/authentication.
   */
  readonly messageRetentionPeriod?: number;
  /** UseDollars(21005): prices in dollars with up to 4 decimals (subpenny) instead of whole cents. */
  readonly useDollars?: boolean;
  /** SkipPendingExecReports(21011): no PENDING_NEW / PENDING_REPLACE / PENDING_CANCEL ExecutionReports. */
  readonly skipPendingExecReports?: boolean;
  /** UseExpiredOrdStatus(21012): expiries and close cancels report ExecType/OrdStatus C (Expired) instead of 4. */
  readonly useExpiredOrdStatus?: boolean;
  /** EnableIocCancelReport(21007): a partially filled IOC order gets a cancel report for its remainder. */
  readonly enableIocCancelReport?: boolean;
  /** PreserveOriginalOrderQty(21008): OrderQty(38) keeps the original quantity instead of CumQty + LeavesQty. */
  readonly preserveOriginalOrderQty?: boolean;
  /** AlwaysEmitNewBeforeTrade(21026): a New ExecutionReport always precedes the first Trade one. */
  readonly alwaysEmitNewBeforeTrade?: boolean;
  /** CancelOrderOnPause(21006): cancel the session's orders when trading pauses. */
  readonly cancelOrderOnPause?: boolean;
}

type BooleanFlag = Exclude<keyof KalshiLogonOptions, 'messageRetentionPeriod'>;

/** Option → Logon field of the generated dictionary (the compiler checks each name exists there). */
const FLAG_FIELDS = {
  cancelOrdersOnDisconnect: 'CancelOrdersOnDisconnect',
  listenerSession: 'ListenerSession',
  receiveSettlementReports: 'ReceiveSettlementReports',
  useDollars: 'UseDollars',
  skipPendingExecReports: 'SkipPendingExecReports',
  useExpiredOrdStatus: 'UseExpiredOrdStatus',
  enableIocCancelReport: 'EnableIocCancelReport',
  preserveOriginalOrderQty: 'PreserveOriginalOrderQty',
  alwaysEmitNewBeforeTrade: 'AlwaysEmitNewBeforeTrade',
  cancelOrderOnPause: 'CancelOrderOnPause',
} as const satisfies Record<BooleanFlag, keyof Logon>;

/** Largest MessageRetentionPeriod(20200), hours. Doc page: /fix/authentication ("max of 72 hours"). */
const MAX_RETENTION_HOURS = 72;

/**
 * The Logon(A) fields for Kalshi's flags, checked against the session they are sent on
 * (`KALSHI_FIX_SESSIONS`). Doc pages: /fix/authentication, /fix/listener-sessions.
 * @throws FixSessionError `FIX_INVALID_OPTIONS` naming the option and its value: a listener
 *   session outside KalshiNR/KalshiRT (`listenerSession`), without `skipPendingExecReports: true`
 *   (`skipPendingExecReports`) or with `cancelOrdersOnDisconnect: true`
 *   (`cancelOrdersOnDisconnect`); `receiveSettlementReports` outside KalshiRT/KalshiPT; a
 *   retention period that is not a whole number of hours from 1 to 72, or on a session without
 *   retransmission; a flag that is not a boolean.
 */
export function kalshiLogonBody(options: KalshiLogonOptions, session: KalshiFixSessionName): FixLogonFields {
  const invalid = (field: keyof KalshiLogonOptions, value: unknown, why: string) =>
    new FixSessionError('FIX_INVALID_OPTIONS', `${field}: ${why}`, { field, value });
  const info = Object.hasOwn(KALSHI_FIX_SESSIONS, session) ? KALSHI_FIX_SESSIONS[session] : undefined;
  if (info === undefined) throw new FixSessionError('FIX_INVALID_OPTIONS', `no Kalshi FIX session ${String(session)}`, { field: 'session', value: session });
  if (options.listenerSession === true) {
    if (!info.listener) throw invalid('listenerSession', true, 'listener sessions exist on KalshiNR and KalshiRT only');
    if (options.skipPendingExecReports !== true) throw invalid('skipPendingExecReports', options.skipPendingExecReports, 'a listener session needs skipPendingExecReports: true');
    if (options.cancelOrdersOnDisconnect === true) throw invalid('cancelOrdersOnDisconnect', true, 'must be false (or unset) on a listener session');
  }
  if (options.receiveSettlementReports !== undefined && info.settlementReports === 'none') {
    throw invalid('receiveSettlementReports', options.receiveSettlementReports, 'ReceiveSettlementReports is accepted on KalshiRT and KalshiPT only');
  }
  const out: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(FLAG_FIELDS) as Array<[BooleanFlag, string]>) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw invalid(option, value, 'must be a boolean');
    out[field] = value;
  }
  const retention = options.messageRetentionPeriod;
  if (retention !== undefined) {
    if (!Number.isSafeInteger(retention) || retention < 1 || retention > MAX_RETENTION_HOURS) {
      throw invalid('messageRetentionPeriod', retention, `must be a whole number of hours from 1 to ${MAX_RETENTION_HOURS}`);
    }
    if (!info.retransmission) throw invalid('messageRetentionPeriod', retention, `${session} has no retransmission (KalshiRT and KalshiPT only)`);
    out.MessageRetentionPeriod = retention;
  }
  return out as FixLogonFields;
}

/**
 * The `logonFields` hook of a Kalshi initiator session: Kalshi's flags plus RawData(96), the
 * signature by `signer` (RSA-PSS-SHA256, or Ed25519 for Ed25519 keys) over
 * `SendingTime␁MsgType␁MsgSeqNum␁SenderCompID␁TargetCompID` of this very Logon; the codec
 * writes RawDataLength(95). Validates the flags at once (throws FixSessionError
 * `FIX_INVALID_OPTIONS`); the returned hook rejects with whatever the signer rejects with.
 */
export function kalshiLogonFields(input: { readonly signer: Signer; readonly session: KalshiFixSessionName; readonly options?: KalshiLogonOptions }): (
  header: FixLogonHeader,
) => Promise<FixLogonFields> {
  const flags = kalshiLogonBody(input.options ?? {}, input.session);
  return async (header) => {
    const signature = await signFixLogon({
      signer: input.signer,
      sendingTime: header.SendingTime,
      msgType: 'A',
      msgSeqNum: header.MsgSeqNum,
      senderCompId: header.SenderCompID,
      targetCompId: header.TargetCompID,
    });
    return { ...flags, RawData: signature };
  };
}
