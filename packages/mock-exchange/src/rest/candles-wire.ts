import type { Candle } from '../history/candles.js';
import type { components } from '../spec-types.js';
import { dollars } from '../wire.js';
import type { Dollars } from '@kalshi-sdk/fixed-point';

type Schemas = components['schemas'];

const orNull = (d: Dollars | undefined): string | null => (d === undefined ? null : dollars(d));

const optional = <K extends string>(key: K, d: Dollars | undefined): { [P in K]?: string } =>
  (d === undefined ? {} : { [key]: dollars(d) }) as { [P in K]?: string };

/** REST `MarketCandlestick` (live candlestick endpoints). */
export function candleToWire(c: Candle): Schemas['MarketCandlestick'] {
  const quote = (o: Candle['yesBid']): Schemas['BidAskDistribution'] => ({
    open_dollars: dollars(o.open),
    low_dollars: dollars(o.low),
    high_dollars: dollars(o.high),
    close_dollars: dollars(o.close),
  });
  return {
    end_period_ts: c.endPeriodTs,
    yes_bid: quote(c.yesBid),
    yes_ask: quote(c.yesAsk),
    price: {
      // The live schema's trade prices may be absent: a period without trades carries none.
      ...optional('open_dollars', c.price.open),
      ...optional('low_dollars', c.price.low),
      ...optional('high_dollars', c.price.high),
      ...optional('close_dollars', c.price.close),
      ...optional('mean_dollars', c.price.mean),
      ...optional('previous_dollars', c.price.previous),
    },
    volume_fp: c.volume.toWire(),
    open_interest_fp: c.openInterest.toWire(),
  };
}

/** REST `MarketCandlestickHistorical` (`GET /historical/markets/{ticker}/candlesticks`). */
export function historicalCandleToWire(c: Candle): Schemas['MarketCandlestickHistorical'] {
  const quote = (o: Candle['yesBid']): Schemas['BidAskDistributionHistorical'] => ({
    open: dollars(o.open),
    low: dollars(o.low),
    high: dollars(o.high),
    close: dollars(o.close),
  });
  return {
    end_period_ts: c.endPeriodTs,
    yes_bid: quote(c.yesBid),
    yes_ask: quote(c.yesAsk),
    price: {
      open: orNull(c.price.open),
      low: orNull(c.price.low),
      high: orNull(c.price.high),
      close: orNull(c.price.close),
      mean: orNull(c.price.mean),
      previous: orNull(c.price.previous),
    },
    volume: c.volume.toWire(),
    open_interest: c.openInterest.toWire(),
  };
}
