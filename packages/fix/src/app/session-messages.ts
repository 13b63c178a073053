/**
 * Which application messages a client may send on each Kalshi session, from the "Supported
 * MsgTypes" tables of /fix/common-components (direction Client -> Server), less what a listener
 * session may not send (/fix/listener-sessions, "What You Cannot Do").
 */
import type { FixAppMsgType } from '../session/session.js';
import type { KalshiFixSessionName } from '../transport/endpoints.js';
import { FixValidationError } from './errors.js';

/** Application MsgTypes a client sends, by session. Doc page: /fix/common-components. */
export const KALSHI_CLIENT_MSG_TYPES: Readonly<Record<KalshiFixSessionName, readonly FixAppMsgType[]>> = {
  KalshiNR: ['D', 'F', 'G', 'q', 'UOG'],
  KalshiRT: ['D', 'F', 'G', 'UOG', 'R', 'UA', 'UE'],
  KalshiDC: ['U1'],
  KalshiPT: [],
  KalshiRFQ: ['S', 'Z', 'U7'],
};

/**
 * What a listener session may not send: orders, cancels, replaces, mass cancels, RFQ creation
 * (QuoteRequest R) and quote acceptance (AcceptQuote UA). Doc page: /fix/listener-sessions.
 */
export const LISTENER_REFUSED_MSG_TYPES: readonly FixAppMsgType[] = ['D', 'F', 'G', 'q', 'R', 'UA'];

/**
 * Throws unless a client on `session` may send `msgType`.
 * @throws FixValidationError `FIX_UNSUPPORTED_ON_SESSION` (field `MsgType`, value `msgType`).
 */
export function assertSendable(session: KalshiFixSessionName, listener: boolean, msgType: string): void {
  const allowed = KALSHI_CLIENT_MSG_TYPES[session] as readonly string[];
  if (!allowed.includes(msgType)) {
    const on = (Object.keys(KALSHI_CLIENT_MSG_TYPES) as KalshiFixSessionName[]).filter((s) => (KALSHI_CLIENT_MSG_TYPES[s] as readonly string[]).includes(msgType));
    const where = on.length === 0 ? 'is not sent by clients on any Kalshi session' : `is only sent on ${on.join(', ')}`;
    throw new FixValidationError('FIX_UNSUPPORTED_ON_SESSION', 'MsgType', msgType, `${where} (this client is on ${session})`);
  }
  if (listener && (LISTENER_REFUSED_MSG_TYPES as readonly string[]).includes(msgType)) {
    throw new FixValidationError('FIX_UNSUPPORTED_ON_SESSION', 'MsgType', msgType, `is refused on a listener session (read-only, ${session})`);
  }
}
