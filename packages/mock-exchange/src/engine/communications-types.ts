import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { OutcomeSide } from './types.js';

/** RFQ status (REST `RFQ.status`). */
export type RfqStatus = 'open' | 'closed';

/** Quote status (REST `Quote.status`). */
export type QuoteStatus = 'open' | 'accepted' | 'confirmed' | 'executed' | 'cancelled';

/** A request for quote (`/getting_started/rfqs`): a requester asks makers to price a size on one market. */
export interface Rfq {
  readonly rfqId: string;
  /** Engine user id of the requester. */
  readonly userId: string;
  readonly ticker: string;
  /** Whole contracts asked for; undefined when sized by `targetCost`. */
  readonly contracts: Contracts | undefined;
  /** Dollars the requester means to spend; undefined when sized by `contracts`. */
  readonly targetCost: Dollars | undefined;
  readonly restRemainder: boolean;
  readonly subaccount: number;
  readonly status: RfqStatus;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly cancelledMs: number | undefined;
  /** Why a closed RFQ closed: `deleted`, `replaced` or `executed`. */
  readonly cancellationReason: string | undefined;
}

/** A maker's two-sided answer to an RFQ. Prices are dollars; `0` declines that side. */
export interface Quote {
  readonly quoteId: string;
  readonly rfqId: string;
  /** Engine user id of the maker. */
  readonly userId: string;
  /** Engine user id of the requester. */
  readonly rfqUserId: string;
  readonly ticker: string;
  /** Price the maker pays per YES contract. */
  readonly yesBid: Dollars;
  /** Price the maker pays per NO contract. */
  readonly noBid: Dollars;
  /** Contracts traded if the requester accepts the YES side / the NO side. */
  readonly yesContracts: Contracts;
  readonly noContracts: Contracts;
  readonly restRemainder: boolean;
  readonly postOnly: boolean;
  readonly subaccount: number;
  readonly status: QuoteStatus;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly acceptedSide: OutcomeSide | undefined;
  readonly acceptedMs: number | undefined;
  readonly confirmedMs: number | undefined;
  readonly executedMs: number | undefined;
  readonly cancelledMs: number | undefined;
  /** Why a cancelled quote was cancelled: `deleted`, `replaced`, `rfq_closed`, `confirmation_timeout` or `execution_failed`. */
  readonly cancellationReason: string | undefined;
  /** The maker's order placed at execution. */
  readonly creatorOrderId: string | undefined;
  /** The requester's order placed at execution. */
  readonly rfqCreatorOrderId: string | undefined;
}

/** What changed in the RFQ system; the `communications` WebSocket channel turns these into frames. */
export type CommunicationsEvent =
  | { readonly type: 'rfq_created'; readonly rfq: Rfq }
  | { readonly type: 'rfq_deleted'; readonly rfq: Rfq; readonly tsMs: number }
  | { readonly type: 'quote_created'; readonly quote: Quote; readonly rfq: Rfq }
  | { readonly type: 'quote_accepted'; readonly quote: Quote; readonly rfq: Rfq }
  | {
      readonly type: 'quote_executed';
      readonly quote: Quote;
      /** One entry per party: the order each got and its `client_order_id`. */
      readonly orders: ReadonlyArray<{ readonly userId: string; readonly orderId: string; readonly clientOrderId: string; readonly subaccount: number }>;
      readonly tsMs: number;
    };

/** A block trade proposal (`/communications/block-trade-proposals`). */
export interface BlockTradeProposal {
  readonly proposalId: string;
  readonly proposerUserId: string;
  readonly buyerUserId: string;
  readonly sellerUserId: string;
  readonly buyerSubaccount: number;
  readonly sellerSubaccount: number;
  readonly ticker: string;
  /** YES price the buyer pays, dollars. */
  readonly price: Dollars;
  readonly count: Contracts;
  /** Which side's order rests as maker: `yes` the buyer's, `no` the seller's. */
  readonly makerSide: OutcomeSide;
  readonly expirationMs: number;
  /** `pending`, `executed`, `expired` or `failed`. */
  readonly status: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly buyerAcceptedMs: number | undefined;
  readonly sellerAcceptedMs: number | undefined;
  readonly executedMs: number | undefined;
  readonly buyerOrderId: string | undefined;
  readonly sellerOrderId: string | undefined;
}
