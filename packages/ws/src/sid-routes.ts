import { internal, type Subscription } from './subscription.js';

/**
 * Which subscriptions each server sid feeds. Usually one; but Kalshi may answer a repeated
 * subscribe to a channel with the sid of the subscription it merged the markets into
 * (/changelog/index), so several `Subscription` objects can share a sid. Every member then sees
 * every frame of the sid (so `seq` stays gapless for each) and delivers only its own markets'.
 */
export class SidRoutes {
  readonly #routes = new Map<number, Subscription[]>();

  /** The subscriptions `sid` feeds. */
  get(sid: number): readonly Subscription[] | undefined {
    return this.#routes.get(sid);
  }

  /** Routes `sid` to `sub` as well; returns the other subscriptions already on it (never replaced). */
  add(sid: number, sub: Subscription): readonly Subscription[] {
    const subs = this.#routes.get(sid);
    if (subs === undefined) {
      this.#routes.set(sid, [sub]);
      return [];
    }
    if (!subs.includes(sub)) subs.push(sub);
    markShared(subs);
    return subs.filter((s) => s !== sub);
  }

  /** Stops routing `sid` to `sub`; returns the subscriptions still on it. */
  remove(sid: number, sub: Subscription): readonly Subscription[] {
    const subs = this.#routes.get(sid);
    if (subs === undefined) return [];
    const i = subs.indexOf(sub);
    if (i < 0) return subs;
    subs.splice(i, 1);
    sub[internal].share(false);
    if (subs.length === 0) this.#routes.delete(sid);
    markShared(subs);
    return subs;
  }

  clear(): void {
    for (const subs of this.#routes.values()) for (const s of subs) s[internal].share(false);
    this.#routes.clear();
  }
}

function markShared(subs: readonly Subscription[]): void {
  for (const s of subs) s[internal].share(subs.length > 1);
}

/** A subscription's market filter; undefined when it takes every market. */
export function marketsOf(sub: Subscription): string[] | undefined {
  const { market_tickers: many, market_ticker: one } = sub.params;
  if (many === undefined && one === undefined) return undefined;
  return [...(many ?? []), ...(one === undefined ? [] : [one])];
}

/** Of `tickers`, those no subscription in `others` takes (so they may leave the shared sid). */
export function marketsOnlyFor(tickers: readonly string[], others: readonly Subscription[]): string[] {
  const kept = new Set<string>();
  for (const other of others) {
    const markets = marketsOf(other);
    if (markets === undefined) return [];
    for (const t of markets) kept.add(t);
  }
  return tickers.filter((t) => !kept.has(t));
}

/** Of `tickers`, those some subscription in `others` already took (Kalshi sends them no new snapshot). */
export function marketsHeldBy(tickers: readonly string[], others: readonly Subscription[]): string[] {
  const held = new Set<string>();
  for (const other of others) for (const t of marketsOf(other) ?? tickers) held.add(t);
  return tickers.filter((t) => held.has(t));
}
