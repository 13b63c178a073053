import type { IndexAverage, PriceFeeds, PriceTick } from '../reference/price-feeds.js';
import type { Connection } from './connection.js';
import { wantsFeedId } from './feed-commands.js';

type Msg = Record<string, unknown>;

function averageMsg(a: IndexAverage): Msg {
  return { value: a.value, window_size: a.windowSize, window_start_ts_ms: a.windowStartMs, window_end_ts_exclusive: a.windowEndExclusiveMs };
}

/** The upstream CF Benchmarks frame a tick stands for, as the `data` string carries it. */
function rawIndexFrame(tick: PriceTick): string {
  const value = tick.valueUsd.replace(/\.?0+$/, '');
  return JSON.stringify({ type: 'value', id: tick.id, time: tick.sourceTsMs, value });
}

/** Each channel's message for `tick`, paired with the channel; empty when no channel publishes it. */
function messagesOf(tick: PriceTick): Array<readonly [channel: string, msg: Msg]> {
  if (tick.feed === 'pyth') {
    return [['pyth_value', { underlying_ticker: tick.id, value_usd: tick.valueUsd, source_ts_ms: tick.sourceTsMs, received_at: tick.receivedMs }]];
  }
  const out: Array<readonly [string, Msg]> = [];
  if (tick.perSecond && tick.avg60s !== undefined) {
    out.push([
      'cfbenchmarks_value',
      {
        index_id: tick.id,
        received_at: tick.receivedMs,
        data: rawIndexFrame(tick),
        avg_60s_data: averageMsg(tick.avg60s),
        ...(tick.quarterHourAverage === undefined ? {} : { last_60s_windowed_average_15min: averageMsg(tick.quarterHourAverage) }),
      },
    ]);
  }
  if (tick.fiveHz) {
    out.push([
      'cfbenchmarks_value_5hz',
      { index_id: tick.id, value_usd: tick.valueUsd, source_ts_ms: tick.sourceTsMs, received_at: tick.receivedMs, data: rawIndexFrame(tick) },
    ]);
  }
  return out;
}

/**
 * The reference-price channels `cfbenchmarks_value`, `cfbenchmarks_value_5hz` and `pyth_value`:
 * each accepted tick of `feeds` goes to the subscriptions of `connections` that name its id or are
 * in all-mode (message type = channel name).
 * @returns a function that stops the feed.
 */
export function feedPrices(feeds: PriceFeeds, connections: ReadonlySet<Connection>): () => void {
  return feeds.on((tick) => {
    if (connections.size === 0) return;
    for (const [channel, msg] of messagesOf(tick)) {
      for (const conn of connections) {
        for (const sub of conn.subscriptions.values()) {
          if (sub.channel === channel && wantsFeedId(sub, tick.id)) conn.sendToSubscription(sub, channel, msg);
        }
      }
    }
  });
}
