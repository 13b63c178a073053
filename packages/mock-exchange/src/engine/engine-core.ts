import { MockExchangeError } from '../errors.js';
import { Accounts } from './accounts.js';
import { Catalog } from './catalog.js';
import { EngineEvents } from './engine-events.js';
import { Halts } from './halts.js';
import { Matcher } from './matcher.js';
import { OrderEntry } from './order-entry.js';
import { OrderGroups } from './order-groups.js';
import { OrderStore } from './order-store.js';
import { OwnedTasks } from './owned-tasks.js';
import { isSchedulingClock } from './scheduler.js';
import type { SettlementParts } from './settlement.js';
import type { InjectTradeInput } from './engine-views.js';
import { checkPrice, type MarketRecord } from './markets.js';
import type { Clock, Trade } from './types.js';

/**
 * The engine's clock as its modules read it: inside an operation, the instant the operation
 * began (every time stamp of one operation is the same instant, and the source clock is read
 * once per operation instead of a dozen times per order); outside one, the source clock.
 */
export class OperationClock implements Clock {
  private held: number | undefined;

  constructor(private readonly source: Clock) {}

  now(): number {
    return this.held ?? this.source.now();
  }

  /** Holds the source clock's time until {@link release}. */
  hold(): void {
    this.held = this.source.now();
  }

  release(): void {
    this.held = undefined;
  }
}

/** The order core the `MatchingEngine` facade is built on: one module per job, wired to one clock, id source and event channel. */
export interface EngineCore {
  /**
   * The engine's clock, read as {@link operationClock} reads it; when the source can schedule, an
   * {@link OwnedTasks} over it (the engine's timers never keep a dropped engine alive).
   */
  readonly clock: Clock;
  /** The source clock, held still during an operation. */
  readonly operationClock: OperationClock;
  readonly newId: () => string;
  readonly events: EngineEvents;
  readonly accounts: Accounts;
  readonly catalog: Catalog;
  readonly orders: OrderStore;
  readonly groups: OrderGroups;
  readonly halts: Halts;
  readonly matcher: Matcher;
  readonly entry: OrderEntry;
  /** What {@link settleMarket} works on. */
  readonly settlement: SettlementParts;
}

/** Builds the order core: catalog, accounts, order store, groups, halts, matcher and order entry. */
export function buildEngineCore(source: Clock, newId: () => string): EngineCore {
  const clock = new OperationClock(source);
  const owned = isSchedulingClock(source) ? new OwnedTasks(source, clock) : clock;
  const events = new EngineEvents(clock);
  const accounts = new Accounts();
  const catalog = new Catalog({ clock, newId, events });
  const orders = new OrderStore({ clock, events, catalog, accounts });
  const groups = new OrderGroups({ clock, newId, events, orders });
  const halts = new Halts({ clock, catalog, orders });
  const matcher = new Matcher({ clock, newId, events, catalog, accounts, orders, groups });
  const entry = new OrderEntry({ clock, newId, accounts, orders, groups, halts, matcher });
  const settlement = { clock, events, catalog, accounts, orders };
  return { clock: owned, operationClock: clock, newId, events, accounts, catalog, orders, groups, halts, matcher, entry, settlement };
}

/**
 * Runs engine operations: sweeps what fell due (expired orders, then each added sweep such as RFQ
 * timers), runs the operation, then sends `market_stats` for the markets it touched. A call made
 * from inside an operation (an event listener reading the engine) joins the operation in progress:
 * sweeping again there would act twice on what the outer sweep is still acting on (a confirmed
 * quote executing would execute again, for ever).
 */
export class Operations {
  /** How many operations are running: more than 0 inside an event listener's call back into the engine. */
  private depth = 0;
  private readonly sweeps: Array<() => void> = [];

  constructor(private readonly core: EngineCore) {}

  /** Adds work to run at the start of every operation, after expired orders are canceled. */
  addSweep(sweep: () => void): void {
    this.sweeps.push(sweep);
  }

  /** Runs `fn` as one operation (or as part of the running one). */
  run<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    this.core.operationClock.hold();
    try {
      this.core.orders.sweepExpired();
      for (const sweep of this.sweeps) sweep();
      return fn();
    } finally {
      this.depth--;
      this.core.events.flushStats();
      this.core.operationClock.release();
    }
  }
}

/** Records a public trade no user took part in. Throws `INVALID_PRICE`, `INVALID_ORDER` (count 0). */
export function injectTrade(matcher: Matcher, market: MarketRecord, input: InjectTradeInput): Trade {
  checkPrice(market, input.price);
  if (input.count.isZero()) {
    throw new MockExchangeError('INVALID_ORDER', 'count must be at least 0.01', { field: 'count' });
  }
  return matcher.recordTrade(market, input.price, input.count, input.takerSide);
}

/** The order core and operation runner behind each engine facade, for the package's own fast paths (not exported from the package). */
const internals = new WeakMap<object, { readonly core: EngineCore; readonly operations: Operations }>();

/** Makes the operation runner of `engine` (called by its constructor) and registers it with the engine's core. */
export function registerInternals(engine: object, core: EngineCore): Operations {
  const operations = new Operations(core);
  internals.set(engine, { core, operations });
  return operations;
}

/** The order core and operation runner of an engine facade. Throws when `engine` is not one. */
export function internalsOf(engine: object): { readonly core: EngineCore; readonly operations: Operations } {
  const found = internals.get(engine);
  if (found === undefined) throw new Error('not a MatchingEngine of this package');
  return found;
}
