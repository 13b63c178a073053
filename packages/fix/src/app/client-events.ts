/** What a `KalshiFixClient` reports: its closed event map and Kalshi's RFQ message types. */
import type { FixMessage, FixMessageOf } from '../codec/message.js';
import type { FixSessionError } from '../session/errors.js';
import type { FixSequenceGap } from '../session/session-events.js';
import type { FixAppMsgType } from '../session/session-options.js';
import type { FixExecutionReport, FixOrder } from './orders.js';

/** MsgType(35) values of Kalshi's RFQ messages, both directions. Doc page: /fix/rfq-messages. */
export const RFQ_MSG_TYPES = ['R', 'b', 'S', 'AI', 'Z', 'U9', 'AG', 'UA', 'UC', 'U7', 'U8', 'UE', 'UB'] as const satisfies readonly FixAppMsgType[];
/** One RFQ MsgType. */
export type FixRfqMsgType = (typeof RFQ_MSG_TYPES)[number];
/** Any RFQ message; `switch (m.msgType)` narrows its body. */
export type FixRfqMessage = { [T in FixRfqMsgType]: FixMessageOf<T> }[FixRfqMsgType];
/** The RFQ MsgTypes as a set, for routing. */
export const RFQ_TYPES: ReadonlySet<string> = new Set(RFQ_MSG_TYPES);

/**
 * Events of a `KalshiFixClient`, a closed map: a misspelt event name (`'executonReport'`) does not
 * compile. Listeners run synchronously.
 */
export interface KalshiFixClientEvents {
  executionReport: (report: FixExecutionReport) => void;
  orderCancelReject: (reject: { readonly message: FixMessageOf<'9'>; readonly order: FixOrder | undefined }) => void;
  /** MarketSettlementReport(UMS) (KalshiRT with `receiveSettlementReports`, KalshiPT). */
  settlementReport: (report: FixMessageOf<'UMS'>) => void;
  rfq: (message: FixRfqMessage) => void;
  orderGroupResponse: (response: FixMessageOf<'UOH'>) => void;
  businessReject: (reject: FixMessageOf<'j'>) => void;
  /** Kalshi rejected one of our messages at the session level. */
  sessionReject: (reject: FixMessageOf<'3'>) => void;
  /** Every application message, after the specific event. */
  message: (message: FixMessage) => void;
  connected: () => void;
  /** The session ended: `undefined` after `close()`, the reason otherwise. */
  disconnected: (error: FixSessionError | undefined) => void;
  reconnecting: (info: { readonly attempt: number; readonly delayMs: number }) => void;
  sequenceGap: (gap: FixSequenceGap) => void;
  /** An inbound message that could not be interpreted, or a reconnect that failed for good. */
  error: (error: unknown) => void;
}
