import { createPublicKey } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { ApiKey } from './auth.js';
import { MockExchangeError } from './errors.js';
import type { InjectTradeInput, MatchingEngine, PriceLevelStructureChange } from './engine/matching-engine.js';
import type { EventInput, EventRecord, MarketInput, MarketRecord, SeriesInput, SeriesRecord } from './engine/markets.js';
import type { BookSide, OutcomeSide, Trade } from './engine/types.js';
import type { RestFaults } from './rest/rest-server.js';
import type { WsFaults } from './ws/ws-gateway.js';
import { createMarketInCollection } from './reference/multivariate.js';
import { PriceFeeds } from './reference/price-feeds.js';
import type {
  MockIncentiveProgram,
  MockLiveData,
  MockMilestone,
  MockMultivariateCollection,
  MockReferenceData,
  MockStructuredTarget,
  MultivariateLeg,
} from './reference/types.js';

/** A user of the simulator: an API key (id and public key PEM, RSA or Ed25519) and a starting balance in dollars. */
export interface MockUser {
  readonly apiKeyId: string;
  /** PEM of the public key (`PUBLIC KEY`, `RSA PUBLIC KEY`), or of the private key: RSA (RSA-PSS signatures) or Ed25519. */
  readonly publicKeyPem: string;
  /** Starting cash, dollars (`'1000'`, `'250.50'`). */
  readonly balanceDollars: string | Dollars;
  /** User id reported on orders and fills; default a random UUID. */
  readonly userId?: string;
}

/**
 * A market to create at start-up. The event and series are created when missing; by default the
 * event ticker is the ticker without its last `-` segment, and the series ticker the event
 * ticker's first segment (`KXHIGHNY-26JAN01-T60` → `KXHIGHNY-26JAN01` → `KXHIGHNY`).
 */
export interface MockMarketSeed extends Omit<MarketInput, 'eventTicker'> {
  readonly eventTicker?: string;
  readonly seriesTicker?: string;
}

/** Trade injection input: prices and counts as wire strings or fixed-point values. */
export interface InjectTradeOptions {
  readonly ticker: string;
  /** YES price, dollars. */
  readonly price: string | Dollars;
  /** Contracts. */
  readonly count: string | Contracts;
  readonly takerSide: BookSide;
}

function toDollars(value: string | Dollars, field: string): Dollars {
  if (value instanceof Dollars) return value;
  try {
    return Dollars.parse(value, field);
  } catch {
    throw new MockExchangeError('INVALID_OPTIONS', `${field} must be a dollar string with at most 4 decimals`, { field, value });
  }
}

/**
 * Programmatic control of a running simulator: reference data, users, trading pauses,
 * settlement, trade injection and fault injection. The matching engine underneath is shared
 * by the REST and WebSocket endpoints (and by any other transport built on {@link engine}).
 */
export class MockExchange {
  constructor(
    /** The transport-independent matching engine. */
    readonly engine: MatchingEngine,
    private readonly keys: Map<string, ApiKey>,
    /** Fault injection: `rest` (429s, scripted failures) and `ws` (drops, gaps, garbage, overflow, delay). */
    readonly faults: { readonly rest: RestFaults; readonly ws: WsFaults },
    /**
     * Reference prices the WebSocket channels `cfbenchmarks_value`, `cfbenchmarks_value_5hz` and
     * `pyth_value` publish: `priceFeeds.set({ feed, id, valueUsd })` is one upstream tick.
     */
    readonly priceFeeds: PriceFeeds = new PriceFeeds({ now: () => engine.now() }),
  ) {}

  /**
   * Registers a user and its API key.
   * @returns the user id. Throws `INVALID_OPTIONS` for a bad PEM or balance, `ALREADY_EXISTS` for a known key.
   */
  addUser(user: MockUser): string {
    if (this.keys.has(user.apiKeyId)) {
      throw new MockExchangeError('ALREADY_EXISTS', `API key ${user.apiKeyId} is already registered`, { value: user.apiKeyId });
    }
    let publicKey;
    try {
      publicKey = createPublicKey(user.publicKeyPem);
    } catch {
      throw new MockExchangeError('INVALID_OPTIONS', `publicKeyPem of API key ${user.apiKeyId} does not parse`, { field: 'publicKeyPem' });
    }
    if (publicKey.asymmetricKeyType !== 'rsa' && publicKey.asymmetricKeyType !== 'ed25519') {
      throw new MockExchangeError('INVALID_OPTIONS', `API key ${user.apiKeyId} is neither RSA nor Ed25519, Kalshi's key types`, {
        field: 'publicKeyPem',
      });
    }
    const userId = this.engine.addUser({
      ...(user.userId === undefined ? {} : { userId: user.userId }),
      balance: toDollars(user.balanceDollars, 'balanceDollars'),
    });
    this.keys.set(user.apiKeyId, { apiKeyId: user.apiKeyId, userId, publicKey });
    return userId;
  }

  /** The user id behind an API key. Throws `USER_NOT_FOUND`. */
  userId(apiKeyId: string): string {
    const key = this.keys.get(apiKeyId);
    if (key === undefined) throw new MockExchangeError('USER_NOT_FOUND', `no API key ${apiKeyId}`, { value: apiKeyId });
    return key.userId;
  }

  /** Creates a series (see {@link MatchingEngine.createSeries}). */
  createSeries(input: SeriesInput): SeriesRecord {
    return this.engine.createSeries(input);
  }

  /** Creates an event (see {@link MatchingEngine.createEvent}). */
  createEvent(input: EventInput): EventRecord {
    return this.engine.createEvent(input);
  }

  /** Creates a market in an existing event (see {@link MatchingEngine.createMarket}). */
  createMarket(input: MarketInput): MarketRecord {
    return this.engine.createMarket(input);
  }

  /** Creates a market, creating its event and series first when missing. */
  addMarket(seed: MockMarketSeed): MarketRecord {
    const eventTicker = seed.eventTicker ?? (seed.ticker.includes('-') ? seed.ticker.slice(0, seed.ticker.lastIndexOf('-')) : seed.ticker);
    const seriesTicker = seed.seriesTicker ?? eventTicker.split('-')[0]!;
    if (this.engine.getSeries(seriesTicker) === undefined) this.engine.createSeries({ ticker: seriesTicker });
    if (this.engine.getEvent(eventTicker) === undefined) this.engine.createEvent({ eventTicker, seriesTicker });
    const { seriesTicker: _series, ...input } = seed;
    return this.engine.createMarket({ ...input, eventTicker });
  }

  /**
   * Adds reference data (milestones, live data, targets, incentives, collections, ...; see
   * {@link MockReferenceData}); an item whose id is known replaces it. Throws `INVALID_OPTIONS`
   * naming the field of a bad item.
   */
  addReferenceData(data: MockReferenceData): void {
    this.engine.reference.load(data);
  }

  /** Adds or replaces a milestone (`GET /milestones`; page /getting_started/targets_and_milestones). Throws `INVALID_OPTIONS`. */
  addMilestone(milestone: MockMilestone): void {
    this.engine.reference.addMilestone(milestone);
  }

  /** Adds or replaces a structured target (`GET /structured_targets`). Throws `INVALID_OPTIONS`. */
  addStructuredTarget(target: MockStructuredTarget): void {
    this.engine.reference.addStructuredTarget(target);
  }

  /** Adds or replaces a milestone's live data (`GET /live_data/milestone/{id}`). Throws `INVALID_OPTIONS`. */
  addLiveData(liveData: MockLiveData): void {
    this.engine.reference.addLiveData(liveData);
  }

  /** Adds or replaces an incentive program (`GET /incentive_programs`). Throws `INVALID_OPTIONS`. */
  addIncentiveProgram(program: MockIncentiveProgram): void {
    this.engine.reference.addIncentiveProgram(program);
  }

  /** Adds or replaces a multivariate event collection (`GET /multivariate_event_collections`). Throws `INVALID_OPTIONS`. */
  addMultivariateCollection(collection: MockMultivariateCollection): void {
    this.engine.reference.addCollection(collection);
  }

  /**
   * Creates (or finds) the market of a multivariate collection combining `legs`, as
   * `POST /multivariate_event_collections/{collection_ticker}` does: tradable at once, announced
   * on WS `market_lifecycle_v2` and `multivariate_market_lifecycle`.
   * Throws `REFERENCE_NOT_FOUND` (collection), `INVALID_PARAMETER` (legs).
   */
  createMarketInCollection(collectionTicker: string, legs: readonly MultivariateLeg[]): { eventTicker: string; marketTicker: string } {
    const { eventTicker, marketTicker } = createMarketInCollection(this.engine, collectionTicker, legs);
    return { eventTicker, marketTicker };
  }

  /** Opens a market created with status `initialized`. */
  openMarket(ticker: string): void {
    this.engine.openMarket(ticker);
  }

  /** Pauses trading exchange-wide (`trading_active: false`); orders with `cancel_order_on_pause` are canceled. */
  pauseTrading(): void {
    this.engine.setTradingActive(false);
  }

  /** Resumes trading exchange-wide. */
  resumeTrading(): void {
    this.engine.setTradingActive(true);
  }

  /** Pauses one market (status `inactive`, lifecycle `deactivated`). */
  pauseMarket(ticker: string): void {
    this.engine.setMarketPaused(ticker, true);
  }

  /** Resumes a paused market (lifecycle `activated`). */
  resumeMarket(ticker: string): void {
    this.engine.setMarketPaused(ticker, false);
  }

  /** Determines and settles a market at `result`, paying $1 per winning contract. */
  settleMarket(ticker: string, result: OutcomeSide): void {
    this.engine.settleMarket(ticker, result);
  }

  /**
   * Moves a market's `close_time` (Unix ms), as `POST /__mock/markets/{ticker}/close_time` does:
   * WS `market_lifecycle_v2` sends `close_date_updated` with the new `close_ts`. A time at or before
   * now closes the market at once; a future time reopens a closed market (`close_date_updated`, then
   * `activated`; `/getting_started/market_lifecycle`).
   * @returns whether the close time changed (the same time sends nothing).
   * @throws MockExchangeError `INVALID_PARAMETER` (field `close_time`), `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN` (determined or settled).
   */
  setMarketCloseTime(ticker: string, closeTimeMs: number): boolean {
    return this.engine.setMarketCloseTime(ticker, closeTimeMs);
  }

  /**
   * Changes a market's price level structure (and price ranges; default the structure's standard
   * bands), as `POST /__mock/markets/{ticker}/price_level_structure` does: WS `market_lifecycle_v2`
   * sends `price_level_structure_updated`, REST `Market` shows the new fields, and new orders are
   * checked against the new ticks.
   * @returns whether anything changed (the same structure and ranges send nothing).
   * @throws MockExchangeError `INVALID_PARAMETER` naming the field and value, `MARKET_NOT_FOUND`, `MARKET_NOT_OPEN`.
   */
  setPriceLevelStructure(ticker: string, change: PriceLevelStructureChange): boolean {
    return this.engine.setPriceLevelStructure(ticker, change);
  }

  /** Prints a public trade no user took part in (REST trades, WS `trade` and `ticker`). */
  injectTrade(input: InjectTradeOptions): Trade {
    const trade: InjectTradeInput = {
      ticker: input.ticker,
      price: toDollars(input.price, 'price'),
      count: input.count instanceof Contracts ? input.count : Contracts.parse(input.count, 'count'),
      takerSide: input.takerSide,
    };
    return this.engine.injectTrade(trade);
  }
}
