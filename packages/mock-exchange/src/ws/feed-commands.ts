import type { PriceFeeds } from '../reference/price-feeds.js';
import type { Channel, Subscription } from './channels.js';
import { fail } from './command-error.js';
import type { Connection } from './connection.js';

type Params = Record<string, unknown>;

/** How one reference-price channel names its ids and actions (asyncapi.yaml subscribe and update_subscription payloads). */
interface FeedChannel {
  /** The id list parameter. */
  readonly param: 'index_ids' | 'underlying_tickers';
  readonly add: string;
  readonly remove: string;
  readonly list: string;
  /** Error code of an add/remove without ids. */
  readonly missing: 24 | 28;
  /** `type` of the list answer. */
  readonly listType: string;
  /** The channel's ids on offer now. */
  available(feeds: PriceFeeds): string[];
}

const CFB = { param: 'index_ids', add: 'subscribe_indices', remove: 'unsubscribe_indices', list: 'indexlist', missing: 24 } as const;

const FEED_CHANNELS: ReadonlyMap<Channel, FeedChannel> = new Map<Channel, FeedChannel>([
  ['cfbenchmarks_value', { ...CFB, listType: 'cfbenchmarks_value_indexlist', available: (f) => f.indexList() }],
  ['cfbenchmarks_value_5hz', { ...CFB, listType: 'cfbenchmarks_value_5hz_indexlist', available: (f) => f.fiveHzIndexList() }],
  [
    'pyth_value',
    {
      param: 'underlying_tickers',
      add: 'subscribe_underlyings',
      remove: 'unsubscribe_underlyings',
      list: 'underlying_list',
      missing: 28,
      listType: 'pyth_value_underlying_list',
      available: (f) => f.underlyingList(),
    },
  ],
]);

/** The `update_subscription` actions of the reference-price channels. */
export const FEED_ACTIONS: ReadonlySet<unknown> = new Set(
  [...FEED_CHANNELS.values()].flatMap((c) => [c.add, c.remove, c.list]),
);

/** True for `cfbenchmarks_value`, `cfbenchmarks_value_5hz` and `pyth_value`. */
export function isFeedChannel(channel: Channel): boolean {
  return FEED_CHANNELS.has(channel);
}

/** Whether `sub` wants ticks of `id`: all-mode, or named. */
export function wantsFeedId(sub: Subscription, id: string): boolean {
  return sub.feedAll || sub.feedIds.has(id);
}

/** The ids of a command's id list: undefined when absent; error 11 when not a non-empty list of strings. */
function idsOf(p: Params, param: string): string[] | undefined {
  const ids = p[param];
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((i) => typeof i !== 'string' || i === '')) fail(11);
  return ids as string[];
}

/** Applies a subscribe's `index_ids` / `underlying_tickers` (a new subscription, or a repeated subscribe joining one). */
export function seedFeedIds(sub: Subscription, p: Params): void {
  const channel = FEED_CHANNELS.get(sub.channel);
  if (channel === undefined) return;
  for (const id of idsOf(p, channel.param) ?? []) {
    if (id === 'all') sub.feedAll = true;
    else sub.feedIds.add(id);
  }
}

/** Checks a subscribe's id list before any subscription is made (error 11 for a malformed one). */
export function checkFeedParams(channels: readonly Channel[], p: Params): void {
  for (const channel of channels) {
    const feed = FEED_CHANNELS.get(channel);
    if (feed !== undefined) idsOf(p, feed.param);
  }
}

/**
 * `update_subscription` on a reference-price subscription: add or remove ids (answered `ok` with
 * the filter now in force, `["all"]` in all-mode), or list the ids on offer (answered with the
 * channel's list message). Error 13 for an action of another channel, 24 / 28 for add or remove
 * without ids. Removing one id leaves all-mode on; removing `"all"` turns it off and keeps the
 * named ids.
 */
export function updateFeed(conn: Connection, id: number | undefined, sub: Subscription, action: unknown, p: Params, feeds: PriceFeeds): void {
  const channel = FEED_CHANNELS.get(sub.channel);
  if (channel === undefined || (action !== channel.add && action !== channel.remove && action !== channel.list)) fail(13);
  if (action === channel.list) {
    conn.sendToSubscription(sub, channel.listType, { [channel.param]: channel.available(feeds) }, id);
    return;
  }
  const raw = p[channel.param];
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) fail(channel.missing);
  const ids = idsOf(p, channel.param)!;
  for (const one of ids) {
    if (action === channel.add) {
      if (one === 'all') sub.feedAll = true;
      else sub.feedIds.add(one);
    } else if (one === 'all') sub.feedAll = false;
    else sub.feedIds.delete(one);
  }
  conn.sendToSubscription(sub, 'ok', { [channel.param]: sub.feedAll ? ['all'] : [...sub.feedIds] }, id);
}
