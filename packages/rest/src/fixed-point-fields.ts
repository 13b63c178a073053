import { Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';

/** Keys of `T` ending in `Suffix` whose values are strings (possibly optional or null). */
type StringKeysEndingWith<T, Suffix extends string> = {
  [K in keyof T]-?: K extends `${string}${Suffix}` ? (NonNullable<T[K]> extends string ? K : never) : never;
}[keyof T];

/** The `*_dollars` fields of a generated schema type, e.g. `DollarsField<Market>` includes `'yes_bid_dollars'`. */
export type DollarsField<T> = StringKeysEndingWith<T, '_dollars'>;

/** The `*_fp` (fixed-point contract count) fields of a generated schema type, e.g. `'volume_fp'`. */
export type CountField<T> = StringKeysEndingWith<T, '_fp'>;

/** `V`, or `V | undefined` when the field may be absent or null. */
type Parsed<T, K extends keyof T, V> = undefined extends T[K] ? V | undefined : null extends T[K] ? V | undefined : V;

function read(obj: object, field: PropertyKey): string | undefined {
  const v = (obj as Record<PropertyKey, unknown>)[field];
  return v === undefined || v === null ? undefined : (v as string);
}

/**
 * Reads a `*_dollars` field (a fixed-point dollar string such as `"0.5600"`; responses carry up
 * to 6 decimals) as exact {@link Dollars}. Only `*_dollars` keys of `obj`'s type are accepted; an optional or nullable
 * field gives `undefined` when absent.
 *
 * @example dollars(market, 'yes_bid_dollars') // Dollars
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`) naming the field, for a malformed value.
 */
export function dollars<T extends object, K extends DollarsField<T>>(obj: T, field: K): Parsed<T, K, Dollars> {
  const v = read(obj, field);
  return (v === undefined ? undefined : Dollars.parse(v, String(field), { maxDecimals: 6 })) as Parsed<T, K, Dollars>;
}

/**
 * Reads a `*_fp` field (a contract count such as `"10.00"`, granularity 0.01) as exact
 * {@link Contracts} (never negative). Use {@link signedContracts} for positions.
 *
 * @example contracts(market, 'volume_fp') // Contracts
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`, `FIXED_POINT_RANGE` if negative) naming the field.
 */
export function contracts<T extends object, K extends CountField<T>>(obj: T, field: K): Parsed<T, K, Contracts> {
  const v = read(obj, field);
  return (v === undefined ? undefined : Contracts.parse(v, String(field))) as Parsed<T, K, Contracts>;
}

/**
 * Reads a `*_fp` field that may be negative (a position, e.g. `position_fp`: negative is short
 * YES) as exact {@link SignedContracts}.
 *
 * @throws FixedPointError (`FIXED_POINT_INVALID`, `FIXED_POINT_PRECISION`) naming the field.
 */
export function signedContracts<T extends object, K extends CountField<T>>(obj: T, field: K): Parsed<T, K, SignedContracts> {
  const v = read(obj, field);
  return (v === undefined ? undefined : SignedContracts.parse(v, String(field))) as Parsed<T, K, SignedContracts>;
}
