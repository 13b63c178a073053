import { AveragePrice, Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';

/**
 * Dollar fields named without the `_dollars` suffix: the spec types each as a fixed-point dollar
 * string (`FixedPointDollars`, or a string described "in dollars"), e.g. the V2 order responses'
 * `average_fill_price`, historical candlesticks' `open`/`close`, `PriceRange.start`.
 */
type DollarsName =
  | 'amount'
  | 'average_fee_paid'
  | 'average_fill_price'
  | 'balance'
  | 'close'
  | 'end'
  | 'executed_utilization'
  | 'fee_cost'
  | 'high'
  | 'limit'
  | 'low'
  | 'maker_fee_cost'
  | 'mean'
  | 'no_bid'
  | 'open'
  | 'pending_order_utilization'
  | 'previous'
  | 'price'
  | 'resting_order_utilization'
  | 'start'
  | 'step'
  | 'taker_fee_cost'
  | 'yes_bid';

/**
 * Contract-count fields named without the `_fp` suffix: the spec types each as `FixedPointCount`,
 * e.g. the V2 order responses' `fill_count`, `remaining_count`, `reduced_by`.
 */
type CountName = 'count' | 'fill_count' | 'open_interest' | 'reduce_by' | 'reduce_to' | 'reduced_by' | 'remaining_count' | 'volume';

/** Keys of `T` matching `Name` whose values are strings (possibly optional or null). */
type StringKeysNamed<T, Name extends string> = {
  [K in keyof T]-?: K extends Name ? (NonNullable<T[K]> extends string ? K : never) : never;
}[keyof T];

/**
 * The fixed-point dollar fields of a generated schema type: every `*_dollars` string, and the
 * dollar strings named otherwise (`average_fill_price`, `fee_cost`, …). `DollarsField<Market>`
 * includes `'yes_bid_dollars'`; a key whose value is not a string (an integer `balance` in cents)
 * is never included.
 */
export type DollarsField<T> = StringKeysNamed<T, `${string}_dollars` | DollarsName>;

/**
 * The fixed-point contract-count fields of a generated schema type: every `*_fp` string (`'volume_fp'`),
 * and the count strings named otherwise (`fill_count`, `remaining_count`, `reduced_by`, …).
 */
export type CountField<T> = StringKeysNamed<T, `${string}_fp` | CountName>;

/**
 * The volume-weighted average fields of a schema type: the V2 order responses' `average_fill_price` and
 * `average_fee_paid` (dollars per contract).
 */
export type AverageField<T> = StringKeysNamed<T, 'average_fill_price' | 'average_fee_paid'>;

/** The `[price, count]` ladder fields of a schema type: `*_dollars` arrays of string pairs (`yes_dollars`, `no_dollars` of `OrderbookCountFp`). */
export type LevelsField<T> = {
  [K in keyof T]-?: K extends `${string}_dollars` ? (NonNullable<T[K]> extends readonly (readonly string[])[] ? K : never) : never;
}[keyof T];

/** One price level of an order book ladder: a price in dollars and the contracts resting there. */
export interface PriceLevel {
  readonly price: Dollars;
  readonly size: Contracts;
}

/** `V`, or `V | undefined` when the field may be absent or null. */
type Parsed<T, K extends keyof T, V> = undefined extends T[K] ? V | undefined : null extends T[K] ? V | undefined : V;

function read(obj: object, field: PropertyKey): string | undefined {
  const v = (obj as Record<PropertyKey, unknown>)[field];
  return v === undefined || v === null ? undefined : (v as string);
}

/**
 * Reads a fixed-point dollar field (a string such as `"0.5600"`; responses carry up to 6
 * decimals) as exact {@link Dollars}. Only the {@link DollarsField} keys of `obj`'s type are
 * accepted; an optional or nullable field gives `undefined` when absent.
 *
 * @example dollars(market, 'yes_bid_dollars') // Dollars
 * @example dollars(created, 'average_fill_price') // Dollars | undefined (CreateOrderV2Response)
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`) naming the field, for a malformed value.
 */
export function dollars<T extends object, K extends DollarsField<T>>(obj: T, field: K): Parsed<T, K, Dollars> {
  const v = read(obj, field);
  return (v === undefined ? undefined : Dollars.parse(v, String(field), { maxDecimals: 6 })) as Parsed<T, K, Dollars>;
}

/**
 * Reads a volume-weighted average (an {@link AverageField}: `average_fill_price`, `average_fee_paid` of the V2
 * order responses, dollars per contract) as an exact {@link AveragePrice}. An average is derived (total ÷ count)
 * and may carry more decimals than a request accepts (`"0.552381"`), so it has no `toWire()`: round it
 * explicitly (`avg.round(4, 'half-even').toWire()`) or print it with `toString()`. Nothing is rounded here.
 * `dollars(obj, field)` still reads these fields too (as `Dollars`, up to 6 decimals, whose `toWire()` throws
 * `FIXED_POINT_PRECISION` for 5–6 decimals).
 *
 * @example averagePrice(created, 'average_fill_price')?.round(4, 'half-even').toWire() // '0.5524' (CreateOrderV2Response)
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_RANGE` if negative) naming the field.
 */
export function averagePrice<T extends object, K extends AverageField<T>>(obj: T, field: K): Parsed<T, K, AveragePrice> {
  const v = read(obj, field);
  return (v === undefined ? undefined : AveragePrice.parse(v, String(field))) as Parsed<T, K, AveragePrice>;
}

/**
 * Reads a contract-count field (a {@link CountField}: a string such as `"10.00"`, granularity
 * 0.01) as exact {@link Contracts} (never negative). Use {@link signedContracts} for positions.
 *
 * @example contracts(market, 'volume_fp') // Contracts
 * @example contracts(created, 'remaining_count') // Contracts (CreateOrderV2Response)
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`, `FIXED_POINT_RANGE` if negative) naming the field.
 */
export function contracts<T extends object, K extends CountField<T>>(obj: T, field: K): Parsed<T, K, Contracts> {
  const v = read(obj, field);
  return (v === undefined ? undefined : Contracts.parse(v, String(field))) as Parsed<T, K, Contracts>;
}

/**
 * Reads a contract-count field that may be negative (a position, e.g. `position_fp`: negative is short
 * YES) as exact {@link SignedContracts}.
 *
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`) naming the field.
 */
export function signedContracts<T extends object, K extends CountField<T>>(obj: T, field: K): Parsed<T, K, SignedContracts> {
  const v = read(obj, field);
  return (v === undefined ? undefined : SignedContracts.parse(v, String(field))) as Parsed<T, K, SignedContracts>;
}

/**
 * Reads a `[price, count]` ladder (a {@link LevelsField}, e.g. `yes_dollars` of the order book:
 * `[["0.1500", "100.00"], …]`) as price levels, in wire order: `price` in exact
 * {@link Dollars} (up to 6 decimals), `size` in {@link Contracts}. An absent or null ladder is an
 * empty list. Kalshi lists bids only (a YES bid at p is a NO ask at 1 - p).
 *
 * @example levels(data.orderbook_fp, 'yes_dollars') // readonly PriceLevel[]
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`, `FIXED_POINT_RANGE`)
 *   naming the level, e.g. field `yes_dollars[2].count`, for a malformed price or count.
 */
export function levels<T extends object, K extends LevelsField<T>>(obj: T, field: K): readonly PriceLevel[] {
  const ladder = (obj as Record<PropertyKey, unknown>)[field];
  if (ladder === undefined || ladder === null) return [];
  const name = String(field);
  return (ladder as readonly (readonly string[])[]).map(([price, size], i) => ({
    price: Dollars.parse(price as string, `${name}[${i}].price`, { maxDecimals: 6 }),
    size: Contracts.parse(size as string, `${name}[${i}].count`),
  }));
}
