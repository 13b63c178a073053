import { createPublicKey } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { ApiKey } from './auth.js';
import { MockExchangeError } from './errors.js';
import type { InjectTradeInput, MatchingEngine } from './engine/matching-engine.js';
import type { EventInput, EventRecord, MarketInput, MarketRecord, SeriesInput, SeriesRecord } from './engine/markets.js';
import type { BookSide, OutcomeSide, Trade } from './engine/types.js';
import type { RestFaults } from './rest/rest-server.js';
import type { WsFaults } from './ws/ws-gateway.js';

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
