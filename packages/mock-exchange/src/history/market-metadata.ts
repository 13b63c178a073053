import { MockExchangeError } from '../errors.js';
import type { MarketRecord, MarketStrike } from '../engine/markets.js';
import type { Clock } from '../engine/types.js';

/** Strike types a market may have (openapi.yaml `Market.strike_type`). */
const STRIKE_TYPES: readonly string[] = ['greater', 'greater_or_equal', 'less', 'less_or_equal', 'between', 'functional', 'custom', 'structured'];

/** A change of a market's metadata; each field given is set, each omitted is kept. */
export interface MarketMetadataChange {
  readonly yesSubTitle?: string;
  readonly strikeType?: string;
  readonly floorStrike?: number;
  readonly capStrike?: number;
  readonly customStrike?: Readonly<Record<string, unknown>>;
}

/** A market's metadata after a change, with only the fields whose value changed. */
export interface MarketMetadataUpdate extends MarketMetadataChange {
  readonly ticker: string;
  /** Unix ms of the change. */
  readonly tsMs: number;
}

/** A listener of market metadata changes. */
export type MarketMetadataListener = (update: MarketMetadataUpdate) => void;

function invalid(field: string, value: unknown, what: string): never {
  throw new MockExchangeError('INVALID_PARAMETER', `${field} must be ${what}`, { field, value });
}

function validate(change: MarketMetadataChange): void {
  const { yesSubTitle, strikeType, floorStrike, capStrike, customStrike } = change;
  if (yesSubTitle !== undefined && (typeof yesSubTitle !== 'string' || yesSubTitle === '')) invalid('yes_sub_title', yesSubTitle, 'a non-empty string');
  if (strikeType !== undefined && !STRIKE_TYPES.includes(strikeType)) invalid('strike_type', strikeType, `one of ${STRIKE_TYPES.join(', ')}`);
  if (floorStrike !== undefined && !Number.isFinite(floorStrike)) invalid('floor_strike', floorStrike, 'a finite number');
  if (capStrike !== undefined && !Number.isFinite(capStrike)) invalid('cap_strike', capStrike, 'a finite number');
  if (customStrike !== undefined && (typeof customStrike !== 'object' || customStrike === null || Array.isArray(customStrike))) {
    invalid('custom_strike', customStrike, 'a JSON object');
  }
  if (Object.values(change).every((v) => v === undefined)) {
    invalid('body', change, 'at least one of yes_sub_title, strike_type, floor_strike, cap_strike, custom_strike');
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Market metadata that changes after creation: the yes subtitle and the strike. A change that
 * alters a value is announced to the {@link on} listeners (the WebSocket's `metadata_updated` on
 * `market_lifecycle_v2`) with only the fields whose value changed; a change that alters nothing
 * is not announced.
 */
export class MarketMetadata {
  private readonly listeners = new Set<MarketMetadataListener>();

  constructor(
    private readonly market: (ticker: string) => MarketRecord,
    private readonly clock: Clock,
  ) {}

  /** Registers a listener. @returns a function that removes it. */
  on(listener: MarketMetadataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies `change` to the market `ticker` (REST `Market` shows it at once).
   * @returns the fields whose value changed (none: nothing is announced).
   * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`yes_sub_title`, `strike_type`,
   *   `floor_strike`, `cap_strike`, `custom_strike`, or `body` when no field is given) and value;
   *   `MARKET_NOT_FOUND`.
   */
  update(ticker: string, change: MarketMetadataChange): MarketMetadataUpdate {
    validate(change);
    const market = this.market(ticker);
    const strike: MarketStrike = market.strike ?? {};
    const changed: { -readonly [K in keyof MarketMetadataChange]: MarketMetadataChange[K] } = {};
    if (change.yesSubTitle !== undefined && change.yesSubTitle !== market.yesSubTitle) changed.yesSubTitle = change.yesSubTitle;
    for (const key of ['strikeType', 'floorStrike', 'capStrike', 'customStrike'] as const) {
      if (change[key] !== undefined && !same(change[key], strike[key])) Object.assign(changed, { [key]: change[key] });
    }
    const { yesSubTitle, ...strikeChange } = changed;
    const nextStrike: MarketStrike = { ...strike, ...strikeChange };
    if (nextStrike.floorStrike !== undefined && nextStrike.capStrike !== undefined && nextStrike.floorStrike > nextStrike.capStrike) {
      invalid('floor_strike', nextStrike.floorStrike, `at most cap_strike (${nextStrike.capStrike})`);
    }
    const update: MarketMetadataUpdate = { ticker, tsMs: this.clock.now(), ...changed };
    if (Object.keys(changed).length === 0) return update;
    if (yesSubTitle !== undefined) market.yesSubTitle = yesSubTitle;
    if (Object.keys(strikeChange).length > 0) market.strike = nextStrike;
    market.updatedMs = update.tsMs;
    for (const listener of this.listeners) listener(update);
    return update;
  }
}

/** The REST / WebSocket strike fields of `strike` (absent ones omitted). */
export function strikeFields(strike: MarketStrike | undefined): Record<string, unknown> {
  if (strike === undefined) return {};
  return {
    ...(strike.strikeType === undefined ? {} : { strike_type: strike.strikeType }),
    ...(strike.floorStrike === undefined ? {} : { floor_strike: strike.floorStrike }),
    ...(strike.capStrike === undefined ? {} : { cap_strike: strike.capStrike }),
    ...(strike.customStrike === undefined ? {} : { custom_strike: strike.customStrike }),
  };
}
