import type { OkResponsePayloadMsg } from './generated/models.js';
import type { Params, UpdateSubscriptionParams } from './subscription-options.js';

/** @internal The markets an update names: `market_tickers` plus `market_ticker`. */
export function namedMarkets(params: { readonly market_tickers?: readonly string[]; readonly market_ticker?: string }): string[] {
  return [...(params.market_tickers ?? []), ...(params.market_ticker === undefined ? [] : [params.market_ticker])];
}

/**
 * @internal A subscription's `subscribe` params after an `update_subscription`, as sent on the
 * next (re)subscribe. `add_markets` / `delete_markets` take the `ok` reply's full lists when there
 * is one (`reply`), else apply the change; the index and underlying actions edit their lists.
 * Doc page: /websockets (Update Subscription).
 */
export function paramsAfterUpdate(p: Params, update: UpdateSubscriptionParams, reply: OkResponsePayloadMsg | undefined): Params {
  switch (update.action) {
    case 'add_markets':
    case 'delete_markets': {
      const add = update.action === 'add_markets';
      const current = new Set(namedMarkets(p));
      for (const t of namedMarkets(update)) {
        if (add) current.add(t);
        else current.delete(t);
      }
      const { market_ticker: _dropped, ...rest } = p;
      const next: Params = { ...rest, market_tickers: reply?.market_tickers ?? [...current] };
      const ids = update.market_ids ?? (update.market_id === undefined ? [] : [update.market_id]);
      if (ids.length === 0) return next;
      const currentIds = new Set([...(p.market_ids ?? []), ...(p.market_id === undefined ? [] : [p.market_id])]);
      for (const id of ids) {
        if (add) currentIds.add(id);
        else currentIds.delete(id);
      }
      const { market_id: _droppedId, ...withoutId } = next;
      return { ...withoutId, market_ids: reply?.market_ids ?? [...currentIds] };
    }
    case 'subscribe_indices':
    case 'unsubscribe_indices':
      return { ...p, index_ids: mergeList(p.index_ids, update.index_ids, update.action === 'subscribe_indices') };
    case 'subscribe_underlyings':
    case 'unsubscribe_underlyings':
      return { ...p, underlying_tickers: mergeList(p.underlying_tickers, update.underlying_tickers, update.action === 'subscribe_underlyings') };
    default:
      return p;
  }
}

function mergeList(current: string[] | undefined, change: string[] | undefined, add: boolean): string[] {
  const set = new Set(current ?? []);
  for (const item of change ?? []) {
    if (add) set.add(item);
    else set.delete(item);
  }
  return [...set];
}
