export { MarketHistory } from './market-history.js';
export { CandleRecorder, type Candle, type CandleQuery, type Ohlc, type TradeOhlc } from './candles.js';
export { HistoricalCutoff, LIVE_WINDOW_MONTHS, type CutoffTimes } from './cutoff.js';
export { FeeChanges, type EventFeeChange, type EventFeeListener, type FeeChangeType, type SeriesFeeChange } from './fee-changes.js';
export { MarketMetadata, type MarketMetadataChange, type MarketMetadataListener, type MarketMetadataUpdate } from './market-metadata.js';
export { ExchangeSchedule, type MaintenanceWindow } from './exchange-schedule.js';
