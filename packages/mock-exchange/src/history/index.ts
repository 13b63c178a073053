export { MarketHistory } from './market-history.js';
export { CandleRecorder, type Candle, type CandleQuery, type Ohlc, type TradeOhlc } from './candles.js';
export { HistoricalCutoff, LIVE_WINDOW_MONTHS, type CutoffTimes } from './cutoff.js';
export { FeeChanges, type EventFeeChange, type FeeChangeType, type SeriesFeeChange } from './fee-changes.js';
export { ExchangeSchedule, type MaintenanceWindow } from './exchange-schedule.js';
