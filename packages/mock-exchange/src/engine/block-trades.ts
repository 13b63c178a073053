import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Accounts } from './accounts.js';
import type { Catalog } from './catalog.js';
import type { BlockTradeProposal } from './communications-types.js';
import { enterCrossing } from './crossing.js';
import { checkPrice } from './markets.js';
import type { OrderEntry } from './order-entry.js';
import type { Clock, OutcomeSide } from './types.js';

/** A new block trade proposal between two users; the proposer must be one of them. */
export interface ProposeBlockTradeInput {
  readonly buyerUserId: string;
  readonly sellerUserId: string;
  readonly buyerSubaccount?: number;
  readonly sellerSubaccount?: number;
  readonly ticker: string;
  /** YES price the buyer pays, dollars. */
  readonly price: Dollars;
  readonly count: Contracts;
  readonly makerSide: OutcomeSide;
  /** Unix ms after which the proposal can no longer be accepted. */
  readonly expirationMs: number;
}

/** What {@link BlockTrades} needs from the engine. */
export interface BlockTradesOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly catalog: Catalog;
  readonly accounts: Accounts;
  readonly entry: OrderEntry;
  readonly run: <T>(fn: () => T) => T;
}

type MutableProposal = { -readonly [K in keyof BlockTradeProposal]: BlockTradeProposal[K] };

/**
 * Block trade proposals (`/communications/block-trade-proposals`): a proposer names a buyer and
 * a seller (itself being one of them, and counting as having accepted), a price, a size and the
 * maker side; when both parties have accepted, the two orders enter the book at that price
 * (`enterCrossing`) and trade like any other. Past `expirationMs` a pending proposal expires.
 * Every method throws {@link MockExchangeError}; nothing changes when it throws.
 */
export class BlockTrades {
  private readonly proposals = new Map<string, MutableProposal>();

  constructor(private readonly options: BlockTradesOptions) {}

  /**
   * Records a proposal. Throws `MARKET_NOT_FOUND`, `INVALID_PRICE`, `INVALID_PARAMETER` (proposer
   * is not a party, a party is not a user, buyer is the seller, zero count, expiry not in the future).
   */
  propose(proposerUserId: string, input: ProposeBlockTradeInput): BlockTradeProposal {
    return this.options.run(() => {
      const market = this.options.catalog.market(input.ticker);
      checkPrice(market, input.price);
      for (const [field, userId] of [['buyer_user_id', input.buyerUserId], ['seller_user_id', input.sellerUserId]] as const) {
        if (!this.isUser(userId)) throw new MockExchangeError('INVALID_PARAMETER', `${field} is not a user`, { field, value: userId });
      }
      if (input.buyerUserId === input.sellerUserId) {
        throw new MockExchangeError('INVALID_PARAMETER', 'buyer and seller must differ', { field: 'seller_user_id', value: input.sellerUserId });
      }
      if (proposerUserId !== input.buyerUserId && proposerUserId !== input.sellerUserId) {
        throw new MockExchangeError('INVALID_PARAMETER', 'the proposer must be the buyer or the seller', { field: 'buyer_user_id', value: input.buyerUserId });
      }
      if (input.count.isZero()) throw new MockExchangeError('INVALID_PARAMETER', 'centicount must be at least 1', { field: 'centicount', value: '0' });
      const now = this.options.clock.now();
      if (input.expirationMs <= now) {
        throw new MockExchangeError('INVALID_PARAMETER', 'expiration_ts must be in the future', { field: 'expiration_ts', value: new Date(input.expirationMs).toISOString() });
      }
      const proposal: MutableProposal = {
        proposalId: this.options.newId(),
        proposerUserId,
        buyerUserId: input.buyerUserId,
        sellerUserId: input.sellerUserId,
        buyerSubaccount: input.buyerSubaccount ?? 0,
        sellerSubaccount: input.sellerSubaccount ?? 0,
        ticker: market.ticker,
        price: input.price,
        count: input.count,
        makerSide: input.makerSide,
        expirationMs: input.expirationMs,
        status: 'pending',
        createdMs: now,
        updatedMs: now,
        buyerAcceptedMs: proposerUserId === input.buyerUserId ? now : undefined,
        sellerAcceptedMs: proposerUserId === input.sellerUserId ? now : undefined,
        executedMs: undefined,
        buyerOrderId: undefined,
        sellerOrderId: undefined,
      };
      this.proposals.set(proposal.proposalId, proposal);
      return proposal;
    });
  }

  /** Proposals the user is a party to, newest first, optionally of one market and status. */
  list(userId: string, filter: { readonly ticker?: string; readonly status?: string }): BlockTradeProposal[] {
    return this.options.run(() => {
      this.expire();
      return [...this.proposals.values()]
        .filter(
          (p) =>
            (p.buyerUserId === userId || p.sellerUserId === userId) &&
            (filter.ticker === undefined || p.ticker === filter.ticker) &&
            (filter.status === undefined || p.status === filter.status),
        )
        .reverse();
    });
  }

  /**
   * A party accepts; once both have, the trade executes at once. Throws `BLOCK_TRADE_NOT_FOUND`
   * (also for a non-party), `INVALID_PARAMETER` (not pending), and what order entry throws
   * (`INSUFFICIENT_BALANCE`, `MARKET_NOT_OPEN`, ...), in which case the acceptance is not recorded.
   */
  accept(userId: string, proposalId: string, subaccount?: number): BlockTradeProposal {
    return this.options.run(() => {
      this.expire();
      const p = this.proposals.get(proposalId);
      if (p === undefined || (p.buyerUserId !== userId && p.sellerUserId !== userId)) {
        throw new MockExchangeError('BLOCK_TRADE_NOT_FOUND', 'block trade proposal not found', { field: 'block_trade_proposal_id', value: proposalId });
      }
      if (p.status !== 'pending') {
        throw new MockExchangeError('INVALID_PARAMETER', `proposal is ${p.status}`, { field: 'block_trade_proposal_id', value: proposalId });
      }
      const now = this.options.clock.now();
      const isBuyer = p.buyerUserId === userId;
      const accepted = {
        buyerAcceptedMs: isBuyer ? (p.buyerAcceptedMs ?? now) : p.buyerAcceptedMs,
        sellerAcceptedMs: isBuyer ? p.sellerAcceptedMs : (p.sellerAcceptedMs ?? now),
        buyerSubaccount: isBuyer && subaccount !== undefined ? subaccount : p.buyerSubaccount,
        sellerSubaccount: !isBuyer && subaccount !== undefined ? subaccount : p.sellerSubaccount,
      };
      if (accepted.buyerAcceptedMs !== undefined && accepted.sellerAcceptedMs !== undefined) {
        const buyer = { userId: p.buyerUserId, subaccount: accepted.buyerSubaccount, clientOrderId: this.options.newId(), restRemainder: false };
        const seller = { userId: p.sellerUserId, subaccount: accepted.sellerSubaccount, clientOrderId: this.options.newId(), restRemainder: false };
        const buyerMakes = p.makerSide === 'yes';
        const orders = enterCrossing(this.options.entry, {
          ticker: p.ticker,
          price: p.price,
          count: p.count,
          makerSide: buyerMakes ? 'bid' : 'ask',
          maker: { ...(buyerMakes ? buyer : seller), postOnly: false },
          taker: buyerMakes ? seller : buyer,
        });
        Object.assign(p, {
          status: 'executed',
          executedMs: now,
          buyerOrderId: (buyerMakes ? orders.maker : orders.taker).orderId,
          sellerOrderId: (buyerMakes ? orders.taker : orders.maker).orderId,
        });
      }
      Object.assign(p, accepted, { updatedMs: now });
      return p;
    });
  }

  private isUser(userId: string): boolean {
    try {
      this.options.accounts.get(userId);
      return true;
    } catch {
      return false;
    }
  }

  private expire(): void {
    const now = this.options.clock.now();
    for (const p of this.proposals.values()) if (p.status === 'pending' && p.expirationMs <= now) Object.assign(p, { status: 'expired', updatedMs: now });
  }
}
