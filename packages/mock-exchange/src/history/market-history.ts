import type { MatchingEngine } from '../engine/matching-engine.js';
import type { Clock, EngineEvent } from '../engine/types.js';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import { CandleRecorder } from './candles.js';
import { HistoricalCutoff } from './cutoff.js';
import { ExchangeSchedule } from './exchange-schedule.js';
import { FeeChanges } from './fee-changes.js';
import { MarketMetadata } from './market-metadata.js';

/**
 * What the simulator remembers over time, beyond the engine's current state: candlesticks built
 * from the engine's trades and quotes, the historical cutoff, fee changes, the exchange schedule,
 * and when each user's data last changed. It listens to the engine's events from the engine's
 * construction on, and reads time only from the engine's clock.
 */
export class MarketHistory {
  /** Candlesticks of every market. */
  readonly candles = new CandleRecorder();
  /** The live/historical boundary. */
  readonly cutoff: HistoricalCutoff;
  /** Scheduled series and event fee changes; event fee changes take effect on the clock. */
  readonly feeChanges: FeeChanges;
  /** Yes subtitle and strike changes after a market's creation. */
  readonly marketMetadata: MarketMetadata;
  /** Trading hours and maintenance windows. */
  readonly schedule = new ExchangeSchedule();
  /** When each user's data last changed, Unix ms: one holder per user, overwritten in place (a number kept in a map would be a new heap number per event). */
  private readonly userDataMs = new Map<string, { ms: number }>();
  /** Open interest per market since its positions last changed; `undefined` means recount. */
  private readonly openInterest = new Map<string, { contracts: Contracts | undefined }>();

  constructor(
    private readonly engine: MatchingEngine,
    clock: Clock,
  ) {
    this.cutoff = new HistoricalCutoff(clock);
    this.feeChanges = new FeeChanges(clock);
    this.marketMetadata = new MarketMetadata((ticker) => {
      const market = engine.getMarket(ticker);
      if (market === undefined) throw new MockExchangeError('MARKET_NOT_FOUND', `no market ${ticker}`, { ticker });
      return market;
    }, clock);
    engine.on((event) => this.record(event));
  }

  /**
   * Unix ms at which the user's orders, fills, positions or balance last changed
   * (`GET /exchange/user_data_timestamp`). Throws `USER_NOT_FOUND`.
   */
  userDataTimestamp(userId: string): number {
    const balanceMs = this.engine.balance(userId).updatedMs;
    return Math.max(balanceMs, this.userDataMs.get(userId)?.ms ?? 0);
  }

  private userDataChanged(userId: string, ms: number): void {
    const held = this.userDataMs.get(userId);
    if (held === undefined) this.userDataMs.set(userId, { ms });
    else held.ms = ms;
  }

  private positionsChanged(ticker: string): void {
    const held = this.openInterest.get(ticker);
    if (held !== undefined) held.contracts = undefined;
  }

  private record(event: EngineEvent): void {
    switch (event.type) {
      case 'trade':
        this.candles.recordTrade(event.trade.ticker, event.trade.createdMs, event.trade.price, event.trade.count);
        return;
      case 'market_stats':
      case 'market_lifecycle': {
        if (event.type === 'market_lifecycle' && this.engine.getMarket(event.ticker) === undefined) return;
        const { bid, ask } = this.engine.topOfBook(event.ticker);
        // Open interest moves only with positions: recount it only for markets whose positions changed.
        let held = this.openInterest.get(event.ticker);
        if (held === undefined) this.openInterest.set(event.ticker, (held = { contracts: undefined }));
        const openInterest = (held.contracts ??= this.engine.openInterest(event.ticker));
        this.candles.recordBook(event.ticker, event.tsMs, bid?.price ?? Dollars.ZERO, ask?.price ?? Dollars.ONE, openInterest);
        return;
      }
      case 'order':
        this.userDataChanged(event.order.userId, event.order.updatedMs);
        return;
      case 'fill':
        this.positionsChanged(event.fill.ticker);
        this.userDataChanged(event.fill.userId, event.fill.createdMs);
        return;
      case 'position':
        this.positionsChanged(event.position.ticker);
        this.userDataChanged(event.userId, event.position.lastUpdatedMs);
        return;
      default:
        return;
    }
  }
}
