import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { MockExchange } from '../mock-exchange.js';
import { SystemClock, type CancelTask, type SchedulingClock } from '../engine/scheduler.js';
import { internalsOf } from '../engine/engine-core.js';
import { DeltaBytes } from './delta-bytes.js';
import { parseDeltaLine, type DeltaLine } from './delta-line.js';
import { linesOf, readLineBatches, recordAt, type LineBatch, type RecordedFrame, type RecordingWarning } from './recording-reader.js';
import { REPLAY_LIQUIDITY_USER, ReplayLiquidity } from './replay-liquidity.js';

/** Options of {@link startReplay}. */
export interface ReplayOptions {
  /** The recording: JSONL written by `@kalshi-sdk/ws`'s `openWsRecorder` (gzipped when it ends `.gz`). */
  readonly path: string;
  /**
   * `1` (default) replays at recorded pace, `N` N times faster, `'max'` as fast as possible. Paced
   * replay waits on `clock`: frame k is applied at start + (t_k − t_first) / speed.
   */
  readonly speed?: number | 'max';
  /** Schedules paced replay; pass the same `ManualClock` as the exchange's for a virtual-time backtest. Default a `SystemClock`. */
  readonly clock?: SchedulingClock;
  /** Skip corrupt lines (each counted in `warnings`) instead of failing; default false. */
  readonly lenient?: boolean;
  /** Called for each line skipped under `lenient`. */
  readonly onWarning?: (warning: RecordingWarning) => void;
  /** User id of the synthetic counterparty whose orders are the replayed book; default `replay-liquidity`. */
  readonly liquidityUserId?: string;
  /**
   * Price structure of markets the recording names that the exchange does not have (they are
   * created); default `deci_cent`, which takes cent and tenth-of-a-cent prices.
   */
  readonly missingMarketStructure?: 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';
}

/** What a replay did: frames applied to the engine, lines skipped, and the skipped lines' reasons. */
export interface ReplayStats {
  /** Book and trade frames applied (snapshots, deltas, trades). */
  readonly applied: number;
  /** Frames read but not market data the engine takes (`ticker`, command replies, user channels…). */
  readonly ignored: number;
  /** Lines skipped under `lenient`. */
  readonly skipped: number;
  readonly warnings: readonly RecordingWarning[];
}

/** A running replay. */
export interface Replay {
  /** Resolves with the stats when the whole file was applied (or after {@link stop}); rejects with `INVALID_RECORDING` naming the line. */
  readonly done: Promise<ReplayStats>;
  /** The stats so far. */
  stats(): ReplayStats;
  /**
   * Resolves once the replay is waiting on its clock or finished: after `ManualClock.advance`,
   * `await replay.idle()` before looking at the book. Never waits on real time by itself.
   */
  idle(): Promise<void>;
  /** Stops after the frame being applied; `done` resolves. */
  stop(): void;
}

/** The synthetic counterparty's cash: ample for any recorded book, and within the fixed-point fast path (at most $9.007 billion as micro-dollars in a safe integer). */
const MAX_BALANCE = '5000000000';
const NEWLINE = 10;

/**
 * Replays a recorded WebSocket session as the exchange's market-data feed: `orderbook_snapshot`
 * and `orderbook_delta` frames become resting orders of a synthetic counterparty (see
 * `ReplayLiquidity`), `trade` frames public trades; `ticker` and the other frames are
 * ignored (the engine derives its own ticker from the replayed book). Your bot's orders match
 * against the replayed book as against any other user's, and its WS subscribers see the book
 * change as the recording did.
 *
 * @throws MockExchangeError `INVALID_OPTIONS` for a bad `speed`; `done` rejects with
 *   `INVALID_RECORDING` (line number in `value`) for a corrupt or truncated file unless `lenient`,
 *   and with engine errors (`INVALID_PRICE`…) that name the line too.
 */
export function startReplay(exchange: MockExchange, options: ReplayOptions): Replay {
  const speed = options.speed ?? 1;
  if (speed !== 'max' && (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0)) {
    throw new MockExchangeError('INVALID_OPTIONS', "speed must be a positive number or 'max'", { field: 'speed', value: speed });
  }
  const clock = options.clock ?? new SystemClock();
  const engine = exchange.engine;
  const userId = options.liquidityUserId ?? REPLAY_LIQUIDITY_USER;
  try {
    engine.balance(userId);
  } catch {
    engine.addUser({ userId, balance: Dollars.parse(MAX_BALANCE) });
  }
  const liquidity = new ReplayLiquidity(engine, userId);
  const { operations } = internalsOf(engine);
  const warnings: RecordingWarning[] = [];
  let applied = 0;
  let ignored = 0;
  let stopped = false;
  let waiting = false;
  let finished = false;
  let wake: CancelTask | undefined;
  let resume: (() => void) | undefined;
  let idlers: Array<() => void> = [];
  const stats = (): ReplayStats => ({ applied, ignored, skipped: warnings.length, warnings: [...warnings] });
  const settleIdle = (): void => {
    for (const resolve of idlers) resolve();
    idlers = [];
  };

  let lastTicker: string | undefined;
  const ensureMarket = (ticker: string): void => {
    if (ticker === lastTicker) return;
    if (engine.getMarket(ticker) === undefined) exchange.addMarket({ ticker, priceLevelStructure: options.missingMarketStructure ?? 'deci_cent' });
    lastTicker = ticker;
  };

  const apply = (record: RecordedFrame): void => {
    const frame = record.frame;
    const msg = (frame?.msg ?? {}) as Record<string, unknown>;
    const ticker = msg.market_ticker;
    if (typeof ticker !== 'string' || (frame?.type !== 'orderbook_snapshot' && frame?.type !== 'orderbook_delta' && frame?.type !== 'trade')) {
      ignored++;
      return;
    }
    ensureMarket(ticker);
    if (frame.type === 'orderbook_snapshot') {
      liquidity.snapshot(ticker, levels(msg.yes_dollars_fp), levels(msg.no_dollars_fp));
    } else if (frame.type === 'orderbook_delta') {
      const side = msg.side;
      if (side !== 'yes' && side !== 'no') throw new Error(`side must be yes or no, got ${String(side)}`);
      liquidity.delta(ticker, side, String(msg.price_dollars), String(msg.delta_fp));
    } else {
      engine.injectTrade({
        ticker,
        price: Dollars.parse(String(msg.yes_price_dollars), 'yes_price_dollars'),
        count: Contracts.parse(String(msg.count_fp), 'count_fp'),
        takerSide: msg.taker_side === 'no' ? 'ask' : 'bid',
      });
    }
    applied++;
  };

  /** An error applying the frame of line `line`: named with the line and thrown, or skipped under `lenient`. */
  const failed = (line: number, type: unknown, error: unknown): void => {
    const reason = `cannot apply the ${String(type)} frame: ${(error as Error).message}`;
    if (options.lenient === true) {
      warnings.push({ line, reason });
      options.onWarning?.({ line, reason });
      return;
    }
    const wrapped = new MockExchangeError('INVALID_RECORDING', `recording ${options.path}, line ${line}: ${reason}`, { field: 'line', value: line });
    Object.defineProperty(wrapped, 'cause', { value: error });
    throw wrapped;
  };

  /** Runs `fn` (applying the frame of line `line`), naming the line in any error, or skipping it under `lenient`. */
  const applyAt = (line: number, type: unknown, fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      failed(line, type, error);
    }
  };

  const applyDelta = (delta: DeltaLine): void => {
    ensureMarket(delta.ticker);
    if (delta.side !== 'yes' && delta.side !== 'no') throw new Error(`side must be yes or no, got ${delta.side}`);
    liquidity.delta(delta.ticker, delta.side, delta.price, delta.delta);
    applied++;
  };

  /** Reads `orderbook_delta` lines of the recorder's shape from a batch's bytes; keeps the last ticker's string. */
  const fast = new DeltaBytes();
  /** Applies the line {@link fast} read. */
  const applyFast = (): void => {
    const ticker = fast.ticker;
    ensureMarket(ticker);
    liquidity.deltaUnits(ticker, fast.yes ? 'yes' : 'no', fast.cc, fast.hundredths);
    applied++;
  };

  const readerOptions = {
    lenient: options.lenient === true,
    onWarning: (warning: RecordingWarning) => {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
  };

  /** One line: an `orderbook_delta` of the recorder's shape straight to the book, anything else parsed in full. `undefined` for a line with no record (blank, or skipped under `lenient`). */
  const parseLine = (text: string, line: number): DeltaLine | RecordedFrame | undefined => parseDeltaLine(text) ?? recordAt(options.path, text, line, readerOptions);

  const applyParsed = (parsed: DeltaLine | RecordedFrame, line: number): void => {
    if ('frame' in parsed) applyAt(line, parsed.frame?.type, () => apply(parsed));
    else applyAt(line, 'orderbook_delta', () => applyDelta(parsed));
  };

  /** Applies every line of `batch` until stopped: `orderbook_delta` lines of the recorder's shape from the bytes, the rest as text; then tells the batch how many lines it held. */
  const applyBatch = (batch: LineBatch): void => {
    const bytes = batch.bytes;
    fast.use(bytes);
    let line = batch.firstLine;
    for (let at = 0; at < bytes.length && !stopped; line++) {
      const end = fast.read(at);
      if (end >= 0) {
        try {
          applyFast();
        } catch (error) {
          failed(line, 'orderbook_delta', error);
        }
        at = end + 1;
        continue;
      }
      const newline = bytes.indexOf(NEWLINE, at);
      const parsed = parseLine(bytes.toString('utf8', at, newline), line);
      if (parsed !== undefined) applyParsed(parsed, line);
      at = newline + 1;
    }
    if (!stopped) batch.lineCount = line - batch.firstLine;
  };

  const waitUntil = (atMs: number): Promise<void> =>
    new Promise<void>((resolve) => {
      waiting = true;
      resume = resolve;
      wake = clock.at(atMs, () => {
        waiting = false;
        resolve();
      });
      settleIdle();
    });

  const run = async (): Promise<ReplayStats> => {
    const startMs = clock.now();
    let firstT: number | undefined;
    try {
      for await (const batch of readLineBatches(options.path, readerOptions)) {
        if (stopped) break;
        if (speed === 'max') {
          // A whole chunk of lines is one engine operation: one market_stats per market it changed.
          operations.run(() => applyBatch(batch));
          continue;
        }
        const lines = linesOf(batch);
        const firstLine = batch.firstLine;
        for (let i = 0; i < lines.length; i++) {
          const parsed = parseLine(lines[i]!, firstLine + i);
          if (parsed === undefined) continue;
          firstT ??= parsed.t;
          const due = startMs + (parsed.t - firstT) / speed;
          if (clock.now() < due) await waitUntil(due);
          if (stopped) break;
          operations.run(() => applyParsed(parsed, firstLine + i));
        }
        if (stopped) break;
      }
    } finally {
      finished = true;
      waiting = false;
      settleIdle();
    }
    return stats();
  };

  const done = run();
  done.catch(() => undefined);
  return {
    done,
    stats,
    idle: () => (finished || waiting ? Promise.resolve() : new Promise<void>((resolve) => idlers.push(resolve))),
    stop: () => {
      stopped = true;
      wake?.();
      resume?.();
    },
  };
}

/** `[[price, size], …]` wire levels of a snapshot side (absent: none). */
function levels(value: unknown): Array<readonly [string, string]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error('book levels must be an array of [price, size]');
  return value.map((level: unknown) => {
    if (!Array.isArray(level) || level.length < 2) throw new Error('a book level must be [price, size]');
    return [String(level[0]), String(level[1])] as const;
  });
}
