/**
 * `@kalshi-sdk/mock-exchange`: a loopback Kalshi simulator with a real matching engine, REST on
 * `/trade-api/v2` and WebSocket on `/trade-api/ws/v2`, for testing bots and SDKs offline.
 */
export {
  startMockExchange,
  DEFAULT_MARKETS,
  type MockExchangeOptions,
  type RunningMockExchange,
} from './start-mock-exchange.js';
export { MockExchange, type InjectTradeOptions, type MockMarketSeed, type MockUser } from './mock-exchange.js';
export { MockExchangeError, type MockExchangeErrorCode, type MockExchangeErrorFacts } from './errors.js';
export { DEFAULT_REFERENCE_DATA } from './reference/defaults.js';
export { ReferenceStore } from './reference/reference-store.js';
export { WEEKLY_CREATION_LIMIT } from './reference/multivariate.js';
export { CFB_5HZ_INDICES, PriceFeeds, type IndexAverage, type PriceFeed, type PriceInput, type PriceTick } from './reference/price-feeds.js';
export type {
  MockEventLiveData,
  MockEventMetadata,
  MockForecastPoint,
  MockGameStats,
  MockIncentiveProgram,
  MockLiveData,
  MockMilestone,
  MockMultivariateCollection,
  MockReferenceData,
  MockSportFilters,
  MockStructuredTarget,
  MockWeatherIndex,
  MultivariateLeg,
} from './reference/types.js';
export type { EmitHook, EmittedMessage } from './emit.js';
export {
  MatchingEngine,
  type AmendOrderInput,
  type BalanceView,
  type DecreaseOrderInput,
  type ExecutionResult,
  type InjectTradeInput,
  type LevelView,
  type MatchingEngineOptions,
  type PlaceOrderInput,
  type PriceLevelStructureChange,
} from './engine/matching-engine.js';
export type {
  EventInput,
  EventRecord,
  FeeType,
  MarketInput,
  MarketRecord,
  MarketStatus,
  MarketStrike,
  PriceLevelStructure,
  PriceRangeInput,
  SeriesInput,
  SeriesRecord,
} from './engine/markets.js';
export { ORDER_GROUP_WINDOW_MS } from './engine/order-groups.js';
export {
  Communications,
  HVM_CONFIRMATION_WINDOW_MS,
  HVM_EXECUTION_TIMER_MS,
  MAX_OPEN_RFQS,
  RFQ_CONFIRMATION_WINDOW_MS,
  RFQ_EXECUTION_TIMER_MS,
  type CommunicationsOptions,
  type CreateQuoteInput,
  type CreateRfqInput,
  type QuoteFilter,
  type RfqFilter,
} from './engine/communications.js';
export { BlockTrades, type BlockTradesOptions, type ProposeBlockTradeInput } from './engine/block-trades.js';
export type { BlockTradeProposal, CommunicationsEvent, Quote, QuoteStatus, Rfq, RfqStatus } from './engine/communications-types.js';
export { ManualClock, SystemClock, isSchedulingClock, type CancelTask, type SchedulingClock } from './engine/scheduler.js';
export { startReplay, type Replay, type ReplayOptions, type ReplayStats } from './replay/replay.js';
export { REPLAY_LIQUIDITY_USER } from './replay/replay-liquidity.js';
export { readRecording, RECORDING_FORMAT, RECORDING_VERSIONS, type ReadRecordingOptions, type RecordedFrame, type RecordingWarning } from './replay/recording-reader.js';
export type {
  BookSide,
  Clock,
  EngineEvent,
  Fill,
  MarketLifecycleType,
  NetPosition,
  Order,
  OrderGroup,
  OrderGroupEventType,
  OrderStatus,
  OutcomeSide,
  Position,
  SelfTradePrevention,
  Settlement,
  TimeInForce,
  Trade,
  UpdateReason,
} from './engine/types.js';
export { RestFaults } from './rest/rest-server.js';
export type { ApiUsageLevels, UsageGrant } from './rest/api-usage.js';
export { MAX_SUBACCOUNTS, type Wallet } from './engine/accounts.js';
export { SubaccountDesk, type BalanceAllocation, type SubaccountTransfer, type SubaccountTransferInput } from './engine/subaccounts.js';
export { FcmDesk, type FcmSubtrader } from './engine/fcm.js';
export { TIER_BUDGETS, type RateLimitTier } from './rest/rate-limit.js';
export type { ConnectionFilter, SubscriptionFilter, WsFaults } from './ws/ws-gateway.js';
export { DEFAULT_SUBSCRIPTION_COMMAND_RATE, DEFAULT_SUBSCRIPTION_MARKET_LIMIT, type SubscriptionLimits } from './ws/command-guards.js';
export type { Channel } from './ws/channels.js';
export {
  FIXTURES_SCHEMA,
  readFixturesFile,
  validateFixtures,
  type FixtureEvent,
  type FixtureMarket,
  type FixtureSeries,
  type MockFixtures,
  type FixtureEventFeeChange,
  type FixturePriceFeeds,
  type FixturePriceTick,
  type FixtureSeriesFeeChange,
  type ReferenceFixtures,
} from './fixtures/index.js';
export { CONTROL_COMMANDS, CONTROL_PREFIX, mockCoverage, servedOperationIds, type AdvanceableClock, type MockCoverage } from './control/index.js';
export { snapshotFixtures } from './cli/snapshot.js';
export {
  CandleRecorder,
  ExchangeSchedule,
  FeeChanges,
  HistoricalCutoff,
  LIVE_WINDOW_MONTHS,
  MarketHistory,
  MarketMetadata,
  type Candle,
  type CandleQuery,
  type CutoffTimes,
  type EventFeeChange,
  type EventFeeListener,
  type FeeChangeType,
  type MaintenanceWindow,
  type MarketMetadataChange,
  type MarketMetadataListener,
  type MarketMetadataUpdate,
  type Ohlc,
  type SeriesFeeChange,
  type TradeOhlc,
} from './history/index.js';
export {
  MockFixAcceptor,
  type FixSessionFilter,
  type FixTraffic,
  type MockFixAcceptorOptions,
  type MockFixLogonFlags,
  type MockFixSessionName,
} from './fix/fix-acceptor.js';
