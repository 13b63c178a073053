import { Contracts, Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';
import type { ChannelMessageMap, DataChannel, DataMessage } from './generated/channels.js';

type MsgOf<T> = T extends { msg: infer M } ? M : never;
type KeysOfType<M, V> = { [K in keyof M]-?: NonNullable<M[K]> extends V ? K : never }[keyof M] & string;
/** `V`, or `V | undefined` when `K` is optional in `M`. */
type FieldValue<M, K extends keyof M, V> = object extends Pick<M, K> ? V | undefined : V;

/** Count fields that may be negative: net positions and book deltas. */
type SignedCountName = 'position_fp' | 'post_position_fp' | 'delta_fp';

/**
 * The `msg` fields of payload `T` that hold dollars: every `*_dollars` string, `fee_cost` and
 * `settlement_value` (dollar strings under other names), and the whole-dollar integers
 * `dollar_volume` / `dollar_open_interest` of `ticker`.
 */
export type DollarsField<T> =
  | Extract<KeysOfType<MsgOf<T>, string>, `${string}_dollars` | 'fee_cost' | 'settlement_value'>
  | Extract<KeysOfType<MsgOf<T>, number>, `dollar_${string}`>;
/** The `msg` fields of payload `T` that hold non-negative contract counts (`*_fp` strings). */
export type ContractsField<T> = Exclude<Extract<KeysOfType<MsgOf<T>, string>, `${string}_fp`>, SignedCountName>;
/** The `msg` fields of payload `T` that hold signed contract counts (`position_fp`, `post_position_fp`, `delta_fp`). */
export type SignedContractsField<T> = Extract<KeysOfType<MsgOf<T>, string>, SignedCountName>;
/** The `msg` fields of payload `T` that hold `[price_dollars, count_fp]` pairs (`yes_dollars_fp`, `no_dollars_fp`). */
export type LevelsField<T> = KeysOfType<MsgOf<T>, string[][]>;

/** One price level: a price in dollars and the contracts resting there. */
export interface PriceLevel {
  readonly price: Dollars;
  readonly size: Contracts;
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
 * Accessors trust the frame's shape; a malformed value throws `FixedPointError`.
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
    const value = msg[field];
    let result: Dollars | undefined;
    if (typeof value === 'string') result = Dollars.parse(value, field, { maxDecimals: 6 });
    else if (typeof value === 'number') result = Dollars.fromCents(BigInt(value) * 100n, field);
    else if (this.raw.type === 'market_position' && field.endsWith('_dollars')) {
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
    const value = (this.msg as unknown as Record<string, unknown>)[field];
    return (typeof value === 'string' ? Contracts.parse(value, field) : undefined) as FieldValue<MsgOf<T>, K, Contracts>;
  }

  /**
   * A signed count field (`position_fp`, `post_position_fp`, `delta_fp`) as {@link SignedContracts}.
   * @throws FixedPointError when the value is not a count with at most 2 decimals.
   */
  signedContracts<K extends SignedContractsField<T>>(field: K): FieldValue<MsgOf<T>, K, SignedContracts> {
    const value = (this.msg as unknown as Record<string, unknown>)[field];
    return (typeof value === 'string' ? SignedContracts.parse(value, field) : undefined) as FieldValue<
      MsgOf<T>,
      K,
      SignedContracts
    >;
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
