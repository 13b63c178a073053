export { FixedPointError, type FixedPointErrorCode } from './errors.js';
export { Dollars, type DollarsParseOptions, MAX_DOLLAR_DECIMALS, type MidOptions, WIRE_DOLLAR_DECIMALS } from './dollars.js';
export { type DivOptions, type RoundingMode } from './rounding.js';
export { Contracts, SignedContracts } from './contracts.js';
export { AveragePrice, MAX_AVERAGE_DECIMALS } from './average-price.js';
export {
  type PriceLevelStructure,
  type PriceRange,
  type PriceRangeWire,
  type TickRounding,
  TickSchedule,
  type TickScheduleSource,
} from './tick-schedule.js';
export { complement, notional, payout } from './binary.js';
export {
  COMBO_MAKER_FEE_RATE,
  type FeeKind,
  type FeeRounding,
  type FeeType,
  MAKER_FEE_RATE,
  TAKER_FEE_RATE,
  tradingFee,
  type TradingFeeInput,
} from './fees.js';
export {
  FeeAccumulator,
  type FeeAccumulatorFill,
  type FeeAccumulatorOptions,
  type FeeTotals,
  type FillFees,
} from './fee-accumulator.js';
