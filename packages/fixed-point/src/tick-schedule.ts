import { B } from './big.js';
import { Dollars, dollarsBig, dollarsMicros } from './dollars.js';
import { FixedPointError } from './errors.js';

/**
 * The price level structures whose tick tables this package knows without `price_ranges`. Kalshi lists more
 * (`banded_centi_cent`, `center_*_edge_*`, …); for those, pass the market's `price_ranges`.
 */
export type PriceLevelStructure = 'linear_cent' | 'tapered_deci_cent' | 'deci_cent';

/** One band of valid prices: `start`, `start + step`, … up to `end`, all in dollars (Kalshi `PriceRange`). */
export interface PriceRange {
  readonly start: Dollars;
  readonly end: Dollars;
  readonly step: Dollars;
}

/** The wire shape of a `PriceRange` (REST `Market.price_ranges`, WS `market_lifecycle_v2`): dollar strings. */
export interface PriceRangeWire {
  readonly start: string;
  readonly end: string;
  readonly step: string;
}

/** The market fields {@link TickSchedule.fromMarket} reads, as they arrive on the wire. */
export interface TickScheduleSource {
  readonly price_level_structure?: string | null | undefined;
  readonly price_ranges?: ReadonlyArray<PriceRangeWire> | null | undefined;
}

/** Direction for {@link TickSchedule.roundToTick}; `'nearest'` breaks ties upward. */
export type TickRounding = 'down' | 'up' | 'nearest';

const KNOWN: Record<PriceLevelStructure, ReadonlyArray<PriceRangeWire>> = {
  linear_cent: [{ start: '0', end: '1', step: '0.01' }],
  deci_cent: [{ start: '0', end: '1', step: '0.001' }],
  tapered_deci_cent: [
    { start: '0', end: '0.1', step: '0.001' },
    { start: '0.1', end: '0.9', step: '0.01' },
    { start: '0.9', end: '1', step: '0.001' },
  ],
};

const CC_PER_DOLLAR = 10_000;
const MICROS_PER_CC = 100;
const CC_BIG = new B('10000');
const ZERO = new B('0');
const cache = new Map<PriceLevelStructure, TickSchedule>();

/**
 * The valid order prices of one market, from its `price_level_structure` and `price_ranges`.
 *
 * Valid prices are the points `start + k × step` of each range that lie strictly between $0 and $1 (a
 * range's `start` of 0 and `end` of 1 are bounds, not prices). When a market has `price_ranges` they are
 * authoritative; otherwise the table for a known structure is used:
 *
 * | structure | ticks |
 * |---|---|
 * | `linear_cent` | $0.01 from $0.01 to $0.99 |
 * | `deci_cent` | $0.001 from $0.001 to $0.999 |
 * | `tapered_deci_cent` | $0.001 below $0.10 and above $0.90, $0.01 from $0.10 to $0.90 |
 *
 * Kalshi docs: `getting_started/fixed_point_migration` (Price Level Structures); REST `Market.price_level_structure`
 * and `Market.price_ranges`; WS `market_lifecycle_v2` `price_level_structure_updated`.
 */
export class TickSchedule {
  /** Valid prices in centi-cents, ascending. */
  private readonly ticks: readonly number[];

  private constructor(
    /** The market's `price_level_structure`, when it gave one. */
    readonly structure: string | undefined,
    /** The bands, ascending by `start`. */
    readonly ranges: readonly PriceRange[],
  ) {
    const ticks: number[] = [];
    for (const r of ranges) {
      const start = dollarsBig(r.start).times(CC_BIG).toNumber();
      const end = dollarsBig(r.end).times(CC_BIG).toNumber();
      const step = dollarsBig(r.step).times(CC_BIG).toNumber();
      for (let p = start; p <= end; p += step) {
        if (p > 0 && p < CC_PER_DOLLAR && ticks[ticks.length - 1] !== p) ticks.push(p);
      }
    }
    if (ticks.length === 0) {
      throw new FixedPointError('FIXED_POINT_INVALID', {
        value: ranges.length,
        field: 'price_ranges',
        problem: 'ranges contain no price strictly between 0 and 1',
      });
    }
    this.ticks = ticks;
  }

  /**
   * Builds the schedule of a market.
   * @param market a REST `Market` or a WS lifecycle message: `price_ranges` (dollar strings) win when
   *   present and non-empty; otherwise `price_level_structure` must be one of {@link PriceLevelStructure}.
   * @throws FixedPointError `FIXED_POINT_INVALID` for an unknown structure without ranges, or a malformed
   *   range (unparseable, `step <= 0`, `start >= end`, outside 0–1, `end - start` not a multiple of `step`,
   *   overlapping ranges, or no valid price at all); `FIXED_POINT_PRECISION` for more than 4 decimals.
   */
  static fromMarket(market: TickScheduleSource): TickSchedule {
    const structure = market.price_level_structure ?? undefined;
    const wire = market.price_ranges;
    if (wire !== undefined && wire !== null && wire.length > 0) {
      return new TickSchedule(structure, validate(wire));
    }
    if (structure !== undefined && Object.hasOwn(KNOWN, structure)) {
      const known = structure as PriceLevelStructure;
      let s = cache.get(known);
      if (s === undefined) {
        s = new TickSchedule(known, validate(KNOWN[known]));
        cache.set(known, s);
      }
      return s;
    }
    throw new FixedPointError('FIXED_POINT_INVALID', {
      value: structure,
      field: 'price_level_structure',
      problem: `has no built-in tick table (known: ${Object.keys(KNOWN).join(', ')}); pass the market's price_ranges`,
    });
  }

  /** The lowest valid price. */
  get minPrice(): Dollars {
    return Dollars.fromCentiCents(this.ticks[0] as number);
  }

  /** The highest valid price. */
  get maxPrice(): Dollars {
    return Dollars.fromCentiCents(this.ticks[this.ticks.length - 1] as number);
  }

  /** True when `p` is strictly between $0 and $1 and on a tick of this market. */
  isValidPrice(p: Dollars): boolean {
    return this.indexOf(p) >= 0;
  }

  /**
   * @throws FixedPointError `FIXED_POINT_TICK` unless {@link TickSchedule.isValidPrice}; the message names
   *   the field, the price and the tick size that applies there.
   */
  assertValidPrice(p: Dollars, field?: string): void {
    if (this.indexOf(p) < 0) {
      throw new FixedPointError('FIXED_POINT_TICK', { value: p.toString(), field, problem: this.whyInvalid(p) });
    }
  }

  /**
   * The valid price nearest `p` in the given direction: `'down'` is the greatest valid price <= p, `'up'` the
   * least >= p, `'nearest'` the closer of the two (ties go up). A valid `p` is returned unchanged.
   * `p` may carry up to 6 decimals and may lie outside 0–1.
   * @throws FixedPointError `FIXED_POINT_TICK` when no valid price lies in that direction (rounding $0.0005
   *   down, or $0.9995 up in a `linear_cent` market).
   */
  roundToTick(p: Dollars, mode: TickRounding): Dollars {
    const micros = toClampedMicros(p);
    const ticks = this.ticks;
    // i = number of ticks <= p, so ticks[i - 1] is the floor and ticks[i] (or ticks[i - 1] if equal) the ceiling.
    let lo = 0;
    let hi = ticks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ticks[mid] as number) * MICROS_PER_CC <= micros) lo = mid + 1;
      else hi = mid;
    }
    const below = lo > 0 ? (ticks[lo - 1] as number) : undefined;
    const exact = below !== undefined && below * MICROS_PER_CC === micros;
    const above = exact ? below : lo < ticks.length ? (ticks[lo] as number) : undefined;
    let pick: number | undefined;
    if (mode === 'down') pick = below;
    else if (mode === 'up') pick = above;
    else if (mode === 'nearest') {
      if (below === undefined || above === undefined) pick = below ?? above;
      else pick = micros - below * MICROS_PER_CC < above * MICROS_PER_CC - micros ? below : above;
    } else {
      throw new FixedPointError('FIXED_POINT_INVALID', {
        value: mode as unknown,
        field: 'mode',
        problem: "is not a tick rounding mode ('down', 'up', 'nearest')",
      });
    }
    if (pick === undefined) {
      throw new FixedPointError('FIXED_POINT_TICK', {
        value: p.toString(),
        problem: `has no valid price ${mode === 'down' ? 'at or below' : 'at or above'} it (${this.describe()})`,
      });
    }
    return Dollars.fromCentiCents(pick);
  }

  /**
   * The number of ticks from `a` to `b` (negative when `b < a`): 0.10 to 0.12 is 2 in `linear_cent`, and
   * 0.09 to 0.11 is 11 in `tapered_deci_cent` (ten $0.001 ticks, then one $0.01 tick).
   * @throws FixedPointError `FIXED_POINT_TICK` unless both are valid prices.
   */
  ticksBetween(a: Dollars, b: Dollars): number {
    this.assertValidPrice(a, 'from');
    this.assertValidPrice(b, 'to');
    return this.indexOf(b) - this.indexOf(a);
  }

  /** Index of `p` in the tick list, or -1. */
  private indexOf(p: Dollars): number {
    const micros = dollarsMicros(p);
    // Outside 0–1 (including values beyond the fast path, NaN) or finer than a centi-cent: not a price.
    if (!(micros >= 0 && micros < CC_PER_DOLLAR * MICROS_PER_CC) || micros % MICROS_PER_CC !== 0) return -1;
    const cc = micros / MICROS_PER_CC;
    let lo = 0;
    let hi = this.ticks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.ticks[mid] as number;
      if (t === cc) return mid;
      if (t < cc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private whyInvalid(p: Dollars): string {
    if (p.lte(Dollars.ZERO) || p.gte(Dollars.ONE)) return 'is not a price: prices lie strictly between 0 and 1';
    const band = this.ranges.find((r) => p.gte(r.start) && p.lte(r.end));
    if (band === undefined) return `is outside every price range of this market (${this.describe()})`;
    return `is not on a tick: the step is ${band.step.toWire()} between ${band.start.toWire()} and ${band.end.toWire()}`;
  }

  private describe(): string {
    const bands = this.ranges.map((r) => `${r.start.toWire()}-${r.end.toWire()} step ${r.step.toWire()}`).join(', ');
    return this.structure === undefined ? bands : `${this.structure}: ${bands}`;
  }
}

/** p in micro-dollars, clamped to just outside [0, 1] so far-away values stay safe integers. */
function toClampedMicros(p: Dollars): number {
  if (p.lt(Dollars.ZERO)) return -1;
  if (p.gt(Dollars.ONE)) return 1_000_001;
  return dollarsMicros(p);
}

function validate(wire: ReadonlyArray<PriceRangeWire>): PriceRange[] {
  const ranges = wire.map((r, i): PriceRange => {
    const field = `price_ranges[${i}]`;
    if (typeof r !== 'object' || r === null) {
      throw new FixedPointError('FIXED_POINT_INVALID', { value: r, field, problem: 'is not a {start, end, step} object' });
    }
    const range = {
      start: Dollars.parse(r.start, `${field}.start`),
      end: Dollars.parse(r.end, `${field}.end`),
      step: Dollars.parse(r.step, `${field}.step`),
    };
    const bad = (problem: string) =>
      new FixedPointError('FIXED_POINT_INVALID', {
        value: `${range.start.toWire()}-${range.end.toWire()} step ${range.step.toWire()}`,
        field,
        problem,
      });
    if (!range.step.isPositive()) throw bad('has a step that is not positive');
    if (!range.start.lt(range.end)) throw bad('does not have start < end');
    if (range.start.isNegative() || range.end.gt(Dollars.ONE)) throw bad('is not within 0 to 1');
    const span = dollarsBig(range.end.minus(range.start));
    if (!span.mod(dollarsBig(range.step)).eq(ZERO)) throw bad('has end - start that is not a multiple of step');
    return range;
  });
  ranges.sort((x, y) => x.start.cmp(y.start));
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1] as PriceRange;
    const cur = ranges[i] as PriceRange;
    if (cur.start.lt(prev.end)) {
      throw new FixedPointError('FIXED_POINT_INVALID', {
        value: `${cur.start.toWire()}-${cur.end.toWire()}`,
        field: 'price_ranges',
        problem: `overlaps ${prev.start.toWire()}-${prev.end.toWire()}`,
      });
    }
  }
  return ranges;
}
