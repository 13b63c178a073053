/**
 * A deterministic order flow for the mock exchange's matching engine, as a market maker and a
 * taker produce it: each step is, with probability `crossShare`, a taker's immediate-or-cancel
 * order sweeping the best one to three levels of one side (makers filled fully or partly, the
 * taker's remainder canceled); otherwise the maker tends the book, resting a new limit order
 * while it has fewer than `bookSize` resting orders and canceling a random one when it has that
 * many. The book so stays at `bookSize` orders, and rests come out as many as cancels plus the
 * makers the taker used up.
 */
// The built fixed-point, not its src: it must be the very module the mock exchange's own
// `@kalshi-sdk/fixed-point` import resolves to, or its values would be of another class.
import { Contracts, Dollars } from '../../packages/fixed-point/dist/index.js';
import type { BookSide, MatchingEngine } from '../../packages/mock-exchange/src/index.ts';

/** What the flow drives: today's `MatchingEngine` or the baseline commit's (same methods). */
export type FlowEngine = Pick<MatchingEngine, 'addUser' | 'placeOrder' | 'cancelOrder' | 'topOfBook' | 'on'>;
import { prng } from '../prng.ts';

/** Cash per user: large enough that no order is ever refused for balance over a benchmark run. */
const CASH = Dollars.parse('1000000000');

/** Prices in whole cents: bids $0.30–0.49 and asks $0.51–0.70 rest; crosses reach 1–3 cents past the mid. */
const restPrices = (side: BookSide): Dollars[] =>
  Array.from({ length: 20 }, (_, i) => Dollars.fromCents(side === 'bid' ? 49 - i : 51 + i));
const BID_PRICES = restPrices('bid');
const ASK_PRICES = restPrices('ask');
/** Counts 1–20 contracts, every fourth with a half contract (the engine's 0.01 granularity). */
const COUNTS = Array.from({ length: 20 }, (_, i) => Contracts.parse(i % 4 === 3 ? `${i + 1}.5` : `${i + 1}`));

/** Creates the maker and taker accounts on `engine` and drives `ticker`, one operation per {@link OrderFlow.step}. */
export class OrderFlow {
  /** Fills made so far on this flow's engine (a trade is two fills: maker and taker). */
  fills = 0;
  readonly #engine: FlowEngine;
  readonly #ticker: string;
  readonly #maker: string;
  readonly #taker: string;
  readonly #random: () => number;
  readonly #crossShare: number;
  readonly #target: number;
  /** The maker's resting order ids, in no order, and where each sits (O(1) random pick and removal). */
  readonly #resting: string[] = [];
  readonly #slot = new Map<string, number>();

  /** `crossShare`: the probability that a step is a crossing order; `bookSize`: resting orders the maker keeps. */
  constructor(options: { readonly engine: FlowEngine; readonly ticker: string; readonly crossShare: number; readonly bookSize: number; readonly seed: number }) {
    this.#engine = options.engine;
    this.#ticker = options.ticker;
    this.#maker = options.engine.addUser({ balance: CASH });
    this.#taker = options.engine.addUser({ balance: CASH });
    this.#random = prng(options.seed);
    this.#crossShare = options.crossShare;
    this.#target = options.bookSize;
    options.engine.on((event) => {
      if (event.type === 'fill') this.fills++;
      // A maker order leaves the book when it is filled up or canceled.
      if (event.type === 'order' && event.order.userId === this.#maker && event.order.status !== 'resting') this.#forget(event.order.orderId);
    });
  }

  /** One operation: a crossing order, or the maker resting or canceling one order. */
  step(): void {
    if (this.#random() < this.#crossShare) this.#cross();
    else if (this.#resting.length < this.#target) this.#rest();
    else this.#cancel();
  }

  #pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.#random() * xs.length)]!;
  }

  #rest(): void {
    const side: BookSide = this.#random() < 0.5 ? 'bid' : 'ask';
    const { order } = this.#engine.placeOrder(this.#maker, {
      ticker: this.#ticker,
      side,
      price: this.#pick(side === 'bid' ? BID_PRICES : ASK_PRICES),
      count: this.#pick(COUNTS),
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
    });
    if (order.status === 'resting') {
      this.#slot.set(order.orderId, this.#resting.length);
      this.#resting.push(order.orderId);
    }
  }

  /** An IOC through the best 1–3 levels of one side: makers fill fully or partly, the rest of the taker is canceled. */
  #cross(): void {
    const side: BookSide = this.#random() < 0.5 ? 'bid' : 'ask';
    const reach = 1 + Math.floor(this.#random() * 3);
    const best = this.#engine.topOfBook(this.#ticker)[side === 'bid' ? 'ask' : 'bid'];
    const cents = best === undefined ? 50 : best.price.toCents() + (side === 'bid' ? reach - 1 : 1 - reach);
    this.#engine.placeOrder(this.#taker, {
      ticker: this.#ticker,
      side,
      price: Dollars.fromCents(Math.min(99, Math.max(1, cents))),
      count: this.#pick(COUNTS),
      timeInForce: 'immediate_or_cancel',
      selfTradePrevention: 'taker_at_cross',
    });
  }

  /** Cancels a random resting order of the maker (the engine's `order` event takes it off the list). */
  #cancel(): void {
    const orderId = this.#resting[Math.floor(this.#random() * this.#resting.length)]!;
    this.#engine.cancelOrder(this.#maker, orderId);
  }

  #forget(orderId: string): void {
    const i = this.#slot.get(orderId);
    if (i === undefined) return;
    const last = this.#resting.pop()!;
    if (last !== orderId) {
      this.#resting[i] = last;
      this.#slot.set(last, i);
    }
    this.#slot.delete(orderId);
  }
}
