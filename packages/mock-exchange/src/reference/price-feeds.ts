import { MockExchangeError } from '../errors.js';
import { isSchedulingClock, ScheduledTasks } from '../engine/scheduler.js';
import type { Clock } from '../engine/types.js';
import { formatUsdValue, meanUsdValue, parseUsdValue, type UsdValue } from './usd-value.js';

/** A reference price feed the WebSocket serves: CF Benchmarks indices or Pyth underlyings. */
export type PriceFeed = 'cfbenchmarks' | 'pyth';

/**
 * The indices the `cfbenchmarks_value_5hz` channel carries (Spec: asyncapi.yaml names BTC, ETH,
 * SOL, XRP and DOGE for the 5 Hz feed; every other index is on the per-second channel only).
 */
export const CFB_5HZ_INDICES: ReadonlySet<string> = new Set(['BRTI', 'ETHUSD_RTI', 'SOLUSD_RTI', 'XRPUSD_RTI', 'DOGEUSD_RTI']);

/** A window average of a CF Benchmarks index (asyncapi.yaml `cfbenchmarksAvgData`), value with 8 decimals. */
export interface IndexAverage {
  readonly value: string;
  readonly windowSize: number;
  readonly windowStartMs: number;
  readonly windowEndExclusiveMs: number;
}

/** One accepted upstream tick of a feed, as the channels publish it. */
export interface PriceTick {
  readonly feed: PriceFeed;
  /** CF Benchmarks index id (`BRTI`) or Pyth underlying ticker (`Metal.XAU/USD`). */
  readonly id: string;
  /** Exactly 8 decimals. */
  readonly valueUsd: string;
  /** The upstream source timestamp, Unix ms. */
  readonly sourceTsMs: number;
  /** When the simulator took the tick in (its clock), Unix ms. */
  readonly receivedMs: number;
  /** CF Benchmarks: the tick is the first of its second, so `cfbenchmarks_value` publishes it. */
  readonly perSecond: boolean;
  /** CF Benchmarks: the index is a 5 Hz index and the tick is ≥ 200 ms after the last one published there. */
  readonly fiveHz: boolean;
  /** CF Benchmarks, per-second ticks: the trailing 60 s average of the prior per-second ticks. */
  readonly avg60s?: IndexAverage;
  /** CF Benchmarks, per-second ticks in the final minute before a quarter-hour close. */
  readonly quarterHourAverage?: IndexAverage;
}

/** Input of {@link PriceFeeds.set}. */
export interface PriceInput {
  readonly feed: PriceFeed;
  readonly id: string;
  /** Decimal string, at least 0, at most 8 decimals (`'68000.12'`). */
  readonly valueUsd: string;
  /** Upstream source time, Unix ms; default the clock's now. */
  readonly sourceTsMs?: number;
}

interface Series {
  lastSourceMs: number;
  lastFiveHzMs: number;
  /** Per-second ticks of the last minute (CF Benchmarks only), oldest first. */
  readonly window: Array<{ readonly tsMs: number; readonly value: UsdValue }>;
}

const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
/** Pyth `underlying_list` lists tickers seen in this long (Spec: asyncapi.yaml says the last two hours). */
const PYTH_LIST_MS = 2 * 60 * MINUTE_MS;

/**
 * The simulator's reference prices: CF Benchmarks index values (`cfbenchmarks_value`,
 * `cfbenchmarks_value_5hz`) and Pyth underlying prices (`pyth_value`). A value set here (from the
 * fixtures' `price_feeds`, `POST /__mock/price_feeds` or {@link set}) is one upstream tick; the
 * WebSocket channels publish it to their subscribers. Kalshi's pages do not describe these
 * channels; the rules follow asyncapi.yaml: duplicate or out-of-order source timestamps are
 * dropped per id, the per-second channel publishes one tick per source second, the 5 Hz channel
 * at most one per 200 ms, and each per-second tick carries its trailing 60 s average (and, in the
 * final minute before :00, :15, :30 and :45, the quarter-hour average).
 */
export class PriceFeeds {
  private readonly series = new Map<string, Series>();
  private readonly lastReceived = new Map<string, number>();
  private readonly lastValue = new Map<string, UsdValue>();
  private readonly listeners = new Set<(tick: PriceTick) => void>();
  private readonly scheduled = new ScheduledTasks();

  constructor(private readonly clock: Clock) {}

  /** Calls `listener` with every accepted tick. @returns a function that removes it. */
  on(listener: (tick: PriceTick) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes one upstream tick in. @returns the tick, or undefined when its source timestamp is not
   * later than the id's last one (dropped, as Kalshi drops duplicates and out-of-order ticks).
   * @throws MockExchangeError `INVALID_PARAMETER` naming `feed`, `id`, `value_usd` or `source_ts_ms`.
   */
  set(input: PriceInput): PriceTick | undefined {
    checkFeed(input.feed);
    if (typeof input.id !== 'string' || input.id === '' || input.id === 'all') {
      throw new MockExchangeError('INVALID_PARAMETER', 'id must be a non-empty string other than "all"', { field: 'id', value: input.id });
    }
    const value = parseUsdValue(input.valueUsd, 'value_usd');
    const now = this.clock.now();
    const sourceTsMs = input.sourceTsMs ?? now;
    if (!Number.isSafeInteger(sourceTsMs) || sourceTsMs < 0) {
      throw new MockExchangeError('INVALID_PARAMETER', 'source_ts_ms must be Unix milliseconds', { field: 'source_ts_ms', value: sourceTsMs });
    }
    const key = `${input.feed}:${input.id}`;
    let series = this.series.get(key);
    if (series !== undefined && sourceTsMs <= series.lastSourceMs) return undefined;
    const previousSecond = series === undefined ? -1 : Math.floor(series.lastSourceMs / 1000);
    series ??= { lastSourceMs: -1, lastFiveHzMs: -Infinity, window: [] };
    this.series.set(key, series);
    series.lastSourceMs = sourceTsMs;
    this.lastReceived.set(key, now);
    const tick = input.feed === 'pyth' ? this.pythTick(input.id, value, sourceTsMs, now) : this.indexTick(series, input.id, value, sourceTsMs, now, previousSecond);
    for (const listener of this.listeners) listener(tick);
    return tick;
  }

  /**
   * Takes the tick in once the clock reaches its source time (now when that is past); needs a
   * scheduling clock (`ManualClock`, `SystemClock`) for a future time. Validates at once.
   * @throws MockExchangeError `INVALID_PARAMETER` as {@link set}, or for a future time on a clock that cannot schedule.
   */
  schedule(input: PriceInput & { readonly sourceTsMs: number }): void {
    checkFeed(input.feed);
    parseUsdValue(input.valueUsd, 'value_usd');
    if (input.sourceTsMs <= this.clock.now()) {
      this.set(input);
      return;
    }
    if (!isSchedulingClock(this.clock)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'a future source time needs a clock that can schedule (ManualClock or SystemClock)', {
        field: 'source_ts_ms',
        value: input.sourceTsMs,
      });
    }
    this.scheduled.at(this.clock, input.sourceTsMs, () => this.set(input));
  }

  /** Cancels the ticks still scheduled (the simulator is closing). */
  stop(): void {
    this.scheduled.cancelAll();
  }

  /** The latest accepted value of `id` on `feed` (8 decimals) and its source time, if any. */
  latest(feed: PriceFeed, id: string): { readonly valueUsd: string; readonly sourceTsMs: number } | undefined {
    const series = this.series.get(`${feed}:${id}`);
    const value = this.lastValue.get(`${feed}:${id}`);
    return series === undefined || value === undefined ? undefined : { valueUsd: formatUsdValue(value), sourceTsMs: series.lastSourceMs };
  }

  /** `cfbenchmarks_value_indexlist`: every index with a value. */
  indexList(): string[] {
    return this.ids('cfbenchmarks');
  }

  /** `cfbenchmarks_value_5hz_indexlist`: the 5 Hz indices with a value. */
  fiveHzIndexList(): string[] {
    return this.ids('cfbenchmarks').filter((id) => CFB_5HZ_INDICES.has(id));
  }

  /** `pyth_value_underlying_list`: underlyings with a tick received in the last two hours. */
  underlyingList(): string[] {
    const since = this.clock.now() - PYTH_LIST_MS;
    return this.ids('pyth').filter((id) => this.lastReceived.get(`pyth:${id}`)! >= since);
  }

  private ids(feed: PriceFeed): string[] {
    const prefix = `${feed}:`;
    return [...this.series.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
  }

  private pythTick(id: string, value: UsdValue, sourceTsMs: number, now: number): PriceTick {
    this.lastValue.set(`pyth:${id}`, value);
    return { feed: 'pyth', id, valueUsd: formatUsdValue(value), sourceTsMs, receivedMs: now, perSecond: false, fiveHz: false };
  }

  private indexTick(series: Series, id: string, value: UsdValue, sourceTsMs: number, now: number, previousSecond: number): PriceTick {
    this.lastValue.set(`cfbenchmarks:${id}`, value);
    const fiveHz = CFB_5HZ_INDICES.has(id) && sourceTsMs - series.lastFiveHzMs >= 200;
    if (fiveHz) series.lastFiveHzMs = sourceTsMs;
    const perSecond = Math.floor(sourceTsMs / 1000) > previousSecond;
    const base = { feed: 'cfbenchmarks' as const, id, valueUsd: formatUsdValue(value), sourceTsMs, receivedMs: now, fiveHz, perSecond };
    if (!perSecond) return base;
    // Trailing window [ts - 60 s, ts) of prior per-second ticks; none: the tick's own value.
    while (series.window.length > 0 && series.window[0]!.tsMs < sourceTsMs - MINUTE_MS) series.window.shift();
    const prior = series.window.map((t) => t.value);
    const avg60s = average(prior.length === 0 ? [value] : prior, prior.length, sourceTsMs - MINUTE_MS, sourceTsMs);
    series.window.push({ tsMs: sourceTsMs, value });
    // Final minute before a quarter-hour close: window (close - 60 s, close], this tick included.
    const close = Math.ceil(sourceTsMs / QUARTER_MS) * QUARTER_MS;
    if (close - sourceTsMs >= MINUTE_MS) return { ...base, avg60s };
    const inQuarter = series.window.filter((t) => t.tsMs > close - MINUTE_MS).map((t) => t.value);
    return { ...base, avg60s, quarterHourAverage: average(inQuarter, inQuarter.length, close - MINUTE_MS, sourceTsMs) };
  }
}

function average(values: readonly UsdValue[], windowSize: number, windowStartMs: number, windowEndExclusiveMs: number): IndexAverage {
  return { value: formatUsdValue(meanUsdValue(values)), windowSize, windowStartMs, windowEndExclusiveMs };
}

function checkFeed(feed: unknown): asserts feed is PriceFeed {
  if (feed !== 'cfbenchmarks' && feed !== 'pyth') {
    throw new MockExchangeError('INVALID_PARAMETER', 'feed must be cfbenchmarks or pyth', { field: 'feed', value: feed });
  }
}
