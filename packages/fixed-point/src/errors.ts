/**
 * Stable codes carried by every {@link FixedPointError}. Match on these, not on messages.
 *
 * - `FIXED_POINT_INVALID`: the input is not a value of the expected shape (not a plain decimal string,
 *   not a safe integer, an unknown price level structure, a malformed price range, …).
 * - `FIXED_POINT_PRECISION`: the value has more decimals than the target allows; nothing is rounded silently.
 * - `FIXED_POINT_RANGE`: the value is well-formed but outside its domain (a negative count, a price outside
 *   0–1, a number too large for a safe integer).
 * - `FIXED_POINT_TICK`: the price is not on a tick of the market's price level structure, or no tick exists
 *   in the requested rounding direction.
 */
export type FixedPointErrorCode =
  | 'FIXED_POINT_INVALID'
  | 'FIXED_POINT_PRECISION'
  | 'FIXED_POINT_RANGE'
  | 'FIXED_POINT_TICK';

/**
 * The single error type of `@kalshi-sdk/fixed-point`. Every bad input throws one of these, never a bare
 * `Error` or a big.js exception. The message names the field (when known) and quotes the value.
 */
export class FixedPointError extends Error {
  override readonly name = 'FixedPointError';
  /** Stable machine-readable code. */
  readonly code: FixedPointErrorCode;
  /** The offending value as given (a string, number or bigint), or the wire form of a computed value. */
  readonly value: unknown;
  /** The field the value came from, such as `yes_price_dollars`, when the caller named it. */
  declare readonly field?: string;

  constructor(code: FixedPointErrorCode, input: { value: unknown; field?: string | undefined; problem: string }) {
    super(`${input.field === undefined ? '' : `${input.field}: `}${describe(input.value)} ${input.problem}`);
    this.code = code;
    this.value = input.value;
    if (input.field !== undefined) this.field = input.field;
  }
}

/** Quotes strings (so ' 1' and '' stay visible), marks bigints, and names other types. */
function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'object':
      return value === null ? 'null' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
