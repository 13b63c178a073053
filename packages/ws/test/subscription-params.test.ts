import { describe, expect, it } from 'vitest';
import type { OkResponsePayloadMsg } from '../src/generated/models.js';
import type { Params, UpdateSubscriptionParams } from '../src/subscription-options.js';
import { paramsAfterUpdate } from '../src/subscription-params.js';

describe('paramsAfterUpdate', () => {
  it.each<[string, { given: { params: Params; update: UpdateSubscriptionParams; reply?: OkResponsePayloadMsg }; want: Params }]>([
    [
      'add_markets folds market_ticker into market_tickers',
      { given: { params: { channels: ['fill'], market_ticker: 'R' }, update: { action: 'add_markets', market_tickers: ['S'] } }, want: { channels: ['fill'], market_tickers: ['R', 'S'] } },
    ],
    [
      'delete_markets removes the named markets',
      {
        given: { params: { channels: ['orderbook_delta'], market_tickers: ['A', 'B', 'C'] }, update: { action: 'delete_markets', market_ticker: 'B' } },
        want: { channels: ['orderbook_delta'], market_tickers: ['A', 'C'] },
      },
    ],
    [
      "the ok reply's list wins",
      {
        given: { params: { channels: ['ticker'], market_tickers: ['A'] }, update: { action: 'add_markets', market_tickers: ['B'] }, reply: { market_tickers: ['A', 'B', 'X'] } as OkResponsePayloadMsg },
        want: { channels: ['ticker'], market_tickers: ['A', 'B', 'X'] },
      },
    ],
    [
      'market ids follow the same rule',
      {
        given: { params: { channels: ['ticker'], market_id: 'm1' }, update: { action: 'add_markets', market_ids: ['m2'] } },
        want: { channels: ['ticker'], market_tickers: [], market_ids: ['m1', 'm2'] },
      },
    ],
    [
      'subscribe_indices adds index ids once',
      { given: { params: { channels: ['cfbenchmarks_value'], index_ids: ['I1'] }, update: { action: 'subscribe_indices', index_ids: ['I1', 'I2'] } }, want: { channels: ['cfbenchmarks_value'], index_ids: ['I1', 'I2'] } },
    ],
    [
      'unsubscribe_underlyings removes underlyings',
      {
        given: { params: { channels: ['pyth_value'], underlying_tickers: ['BTC', 'ETH'] }, update: { action: 'unsubscribe_underlyings', underlying_tickers: ['BTC'] } },
        want: { channels: ['pyth_value'], underlying_tickers: ['ETH'] },
      },
    ],
    ['get_snapshot changes nothing', { given: { params: { channels: ['orderbook_delta'], market_tickers: ['A'] }, update: { action: 'get_snapshot' } }, want: { channels: ['orderbook_delta'], market_tickers: ['A'] } }],
  ])('%s', (_name, { given, want }) => {
    expect(paramsAfterUpdate(given.params, given.update, given.reply)).toEqual(want);
  });
});
