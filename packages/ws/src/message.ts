import { Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';
import type { ChannelMessageMap, DataChannel, DataMessage } from './generated/channels.js';

type MsgOf<T> = T extends { msg: infer M } ? M : never;
type KeysOfType<M, V> = { [K in keyof M]-?: NonNullable<M[K]> extends V ? K : never }[keyof M] & string;
/** `V`, or `V | undefined` when `K` is optional or nullable in `M`. */
type FieldValue<M, K extends keyof M, V> = object extends Pick<M, K> ? V | undefined : null extends M[K] ? V | undefined : V;

/** Count fields that may be negative: net positions and book deltas. */
type SignedCountName = 'position_fp' | 'post_position_fp' | 'delta_fp';

/**
 * Dollar strings named without the `_dollars` suffix: `fee_cost` and `settlement_value`, and the
 * `start`/`end`/`step` of a market's `price_ranges` bands.
 */
type DollarsName = 'fee_cost' | 'settlement_value' | 'start' | 'end' | 'step';

/**
 * The fields of an object `M` of a payload (`msg`, or an element of an array inside it) that
 * hold dollars: every `*_dollars` string, the dollar strings named otherwise (`fee_cost`,
 * `settlement_value`, a price band's `start`/`end`/`step`), and the whole-dollar integers
 * `dollar_volume` / `dollar_open_interest` of `ticker`.
 */
export type DollarsKey<M> =
  | Extract<KeysOfType<M, string>, `${string}_dollars` | DollarsName>
  | Extract<KeysOfType<M, number>, `dollar_${string}`>;
/** The fields of an object `M` of a payload that hold non-negative contract counts (`*_fp` strings). */
export type ContractsKey<M> = Exclude<Extract<KeysOfType<M, string>, `${string}_fp`>, SignedCountName>;
/** The fields of an object `M` of a payload that hold signed contract counts (`position_fp`, `post_position_fp`, `delta_fp`). */
export type SignedContractsKey<M> = Extract<KeysOfType<M, string>, SignedCountName>;

/** The `msg` fields of payload `T` that hold dollars (see {@link DollarsKey}). */
export type DollarsField<T> = DollarsKey<MsgOf<T>>;
/** The `msg` fields of payload `T` that hold non-negative contract counts (`*_fp` strings). */
export type ContractsField<T> = ContractsKey<MsgOf<T>>;
/** The `msg` fields of payload `T` that hold signed contract counts (`position_fp`, `post_position_fp`, `delta_fp`). */
export type SignedContractsField<T> = SignedContractsKey<MsgOf<T>>;
/** The `msg` fields of payload `T` that hold `[price_dollars, count_fp]` pairs (`yes_dollars_fp`, `no_dollars_fp`). */
export type LevelsField<T> = KeysOfType<MsgOf<T>, string[][]>;

/** One price level: a price in dollars and the contracts resting there. */
export interface PriceLevel {
  readonly price: Dollars;
  readonly size: Contracts;
}

function readDollars(obj: object, field: string): Dollars | undefined {
  const value = (obj as Record<string, unknown>)[field];
  if (typeof value === 'string') return Dollars.parse(value, field, { maxDecimals: 6 });
  if (typeof value === 'number') return Dollars.fromCents(BigInt(value) * 100n, field);
  return undefined;
}

function readContracts(obj: object, field: string): Contracts | undefined {
  const value = (obj as Record<string, unknown>)[field];
  return typeof value === 'string' ? Contracts.parse(value, field) : undefined;
}

function readSignedContracts(obj: object, field: string): SignedContracts | undefined {
  const value = (obj as Record<string, unknown>)[field];
  return typeof value === 'string' ? SignedContracts.parse(value, field) : undefined;
}

/**
 * Reads a dollar field of any object inside a data message, such as an element of a nested
 * array: `dollars(leg, 'yes_settlement_value_dollars')` for a leg of `rfq_created`'s
 * `mve_selected_legs`, or `dollars(band, 'start')` for one of `market_lifecycle_v2`'s
 * `price_ranges`. Only the {@link DollarsKey} fields of `obj`'s type are accepted. Dollar strings
 * read up to 6 decimals; `dollar_*` integers are whole dollars. An absent optional field gives
 * `undefined`. For a field of `msg` itself, `WsMessage.dollars(field)` does the same.
 * @throws FixedPointError naming the field when the value is not a dollar amount.
 */
export function dollars<M extends object, K extends DollarsKey<M>>(obj: M, field: K): FieldValue<M, K, Dollars> {
  return readDollars(obj, field) as FieldValue<M, K, Dollars>;
}

/**
 * Reads a non-negative count field (`*_fp`, a {@link ContractsKey}) of any object inside a data
 * message as {@link Contracts}; `undefined` when an optional field is absent.
 * @throws FixedPointError naming the field when the value is not a count with at most 2 decimals.
 */
export function contracts<M extends object, K extends ContractsKey<M>>(obj: M, field: K): FieldValue<M, K, Contracts> {
  return readContracts(obj, field) as FieldValue<M, K, Contracts>;
}

/**
 * Reads a signed count field (`position_fp`, `post_position_fp`, `delta_fp`) of any object
 * inside a data message as {@link SignedContracts}; `undefined` when an optional field is absent.
 * @throws FixedPointError naming the field when the value is not a count with at most 2 decimals.
 */
export function signedContracts<M extends object, K extends SignedContractsKey<M>>(obj: M, field: K): FieldValue<M, K, SignedContracts> {
  return readSignedContracts(obj, field) as FieldValue<M, K, SignedContracts>;
}

/**
 * One data message as it arrived, with fixed-point accessors for its money and count fields.
 * `raw` is the generated payload type, untouched; the accessors parse on each call, so a message
 * nobody reads costs nothing but the JSON parse.
 *
 * ```ts
 * if (m.type === 'ticker') m.dollars('yes_bid_dollars'); // Dollars
 * if (m.type === 'fill') m.signedContracts('post_position_fp'); // SignedContracts
 * ```
 *
 * Accessors trust the frame's shape; a malformed value throws `FixedPointError`. The accessors
 * read fields of `msg` itself; for a field of an object nested inside it (an element of an array),
 * use the standalone {@link dollars} / {@link contracts} / {@link signedContracts}.
 */
export class WsMessage<T extends DataMessage> {
  /** The payload as it arrived, typed by the generated AsyncAPI models. */
  readonly raw: T;

  constructor(raw: T) {
    this.raw = raw;
  }

  /** The message `type`, e.g. `orderbook_delta`; narrow a channel's union on it. */
  get type(): T['type'] {
    return this.raw.type;
  }

  /** The server subscription id the frame carried (it changes across reconnects). */
  get sid(): number {
    return this.raw.sid;
  }

  /** The per-subscription sequence number, on channels that carry one. */
  get seq(): T extends { seq: number } ? number : undefined {
    return (this.raw as { seq?: number }).seq as T extends { seq: number } ? number : undefined;
  }

  /** The message body (`msg`), with wire field names. */
  get msg(): MsgOf<T> {
    return (this.raw as unknown as { msg: MsgOf<T> }).msg;
  }

  /**
   * A dollar field as {@link Dollars} (up to 6 decimals, as Kalshi documents for fees and costs).
   * `market_position` frames in the older centi-cent shape (integer `position_cost`, ...) are
   * read as centi-cents when the `*_dollars` field is absent.
   * @throws FixedPointError when the value is not a dollar amount.
   */
  dollars<K extends DollarsField<T>>(field: K): FieldValue<MsgOf<T>, K, Dollars> {
    const msg = this.msg as unknown as Record<string, unknown>;
    let result = readDollars(msg, field);
    if (result === undefined && this.raw.type === 'market_position' && field.endsWith('_dollars')) {
      const legacy = msg[field.slice(0, -'_dollars'.length)];
      if (typeof legacy === 'number') result = Dollars.fromCentiCents(legacy, field);
    }
    return result as FieldValue<MsgOf<T>, K, Dollars>;
  }

  /**
   * A non-negative count field (`*_fp`) as {@link Contracts}.
   * @throws FixedPointError when the value is not a count with at most 2 decimals.
   */
  contracts<K extends ContractsField<T>>(field: K): FieldValue<MsgOf<T>, K, Contracts> {
    return readContracts(this.msg as object, field) as FieldValue<MsgOf<T>, K, Contracts>;
  }

  /**
   * A signed count field (`position_fp`, `post_position_fp`, `delta_fp`) as {@link SignedContracts}.
   * @throws FixedPointError when the value is not a count with at most 2 decimals.
   */
  signedContracts<K extends SignedContractsField<T>>(field: K): FieldValue<MsgOf<T>, K, SignedContracts> {
    return readSignedContracts(this.msg as object, field) as FieldValue<MsgOf<T>, K, SignedContracts>;
  }

  /**
   * A snapshot ladder (`yes_dollars_fp`, `no_dollars_fp`) as price levels, in wire order; an
   * absent side (Kalshi omits empty sides) is an empty list.
   * @throws FixedPointError for a malformed price or count.
   */
  levels<K extends LevelsField<T>>(field: K): PriceLevel[] {
    const value = (this.msg as unknown as Record<string, unknown>)[field];
    if (!Array.isArray(value)) return [];
    return (value as string[][]).map(([price, size]) => ({
      price: Dollars.parse(String(price), `${field}.price`),
      size: Contracts.parse(String(size), `${field}.count`),
    }));
  }
}

/** Each payload of channel `C`, wrapped: a union you narrow on `type`. */
export type ChannelMessage<C extends DataChannel> = ChannelMessageMap[C] extends infer P
  ? P extends DataMessage
    ? WsMessage<P>
    : never
  : never;
