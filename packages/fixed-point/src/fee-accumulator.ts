import { B, type Big, ceilTo, floorTo } from './big.js';
import type { Contracts } from './contracts.js';
import { Dollars, dollarsBig, dollarsFromBig } from './dollars.js';
import { FixedPointError } from './errors.js';
import { type FeeKind, type FeeRounding, type FeeType, feeDecimals, tradingFee } from './fees.js';

/** Options of a {@link FeeAccumulator}. */
export interface FeeAccumulatorOptions {
  /**
   * The precision the member's balance is kept at: `'cent'` ($0.01, non-direct members, the default) or
   * `'centi-cent'` ($0.0001, direct members of the exchange).
   */
  readonly balancePrecision?: FeeRounding | undefined;
}

/** One fill in the units of Kalshi's fee-rounding rule. All amounts in dollars. */
export interface FillFees {
  /** The fee-model fee, rounded up to $0.0001. >= 0. */
  readonly tradeFee: Dollars;
  /** `balance_change - floor(balance_change)`: what brings the balance back to its precision. 0 ≤ x < precision. */
  readonly roundingFee: Dollars;
  /** Whole cents refunded from the accumulator on this fill (usually 0). */
  readonly rebate: Dollars;
  /** `tradeFee + roundingFee - rebate`, never negative. */
  readonly netFee: Dollars;
  /**
   * The fill's own posting, `floor(revenue - tradeFee)` at the balance precision: the page's "Balance Change"
   * column, which does not include the rebate.
   */
  readonly balanceChange: Dollars;
  /** What the balance moves by in all on this fill: `balanceChange + rebate`, which is `revenue - netFee`. */
  readonly netChange: Dollars;
}

/** Running sums over the fills of one order. */
export interface FeeTotals {
  readonly tradeFee: Dollars;
  readonly roundingFee: Dollars;
  readonly rebate: Dollars;
  readonly netFee: Dollars;
  /** Σ {@link FillFees.balanceChange}. */
  readonly balanceChange: Dollars;
  /** Σ {@link FillFees.netChange}: revenue minus net fees. */
  readonly netChange: Dollars;
}

/** A fill described by its trade, from which revenue and trade fee are computed. */
export interface FeeAccumulatorFill {
  /** `'buy'`: revenue is `-price × count`; `'sell'`: `+price × count`. */
  readonly action: 'buy' | 'sell';
  /** Fill price in dollars, 0–1. */
  readonly price: Dollars;
  readonly count: Contracts;
  readonly kind: FeeKind;
  /** As in {@link TradingFeeInput.multiplier}. */
  readonly multiplier?: Dollars | undefined;
  /** As in {@link TradingFeeInput.feeType}. */
  readonly feeType?: FeeType | undefined;
}

const CENT = new B('0.01');

/**
 * Kalshi's rounding-fee / rebate accumulator for the fills of ONE order (create one per order; it carries over
 * from taker fills to later maker fills of the same order).
 *
 * The rule implemented, from Kalshi's "Fee Rounding" page (`/getting_started/fee_rounding`), for each fill
 * with signed `revenue` (negative for a buyer):
 * 1. `trade_fee` = the fee-model fee rounded up to $0.0001;
 * 2. `balance_change = revenue - trade_fee`;
 * 3. the fill posts `floor(balance_change)` to the member's precision ($0.01, or $0.0001 for direct
 *    members), toward negative infinity;
 * 4. `rounding_fee = balance_change - floor(balance_change)` is added to the accumulator;
 * 5. while the accumulator holds more than $0.01 and this fill's `trade_fee + rounding_fee` still covers
 *    another cent, a $0.01 rebate is refunded on this fill and the accumulator drops by $0.01.
 *
 * So balances stay whole cents, every fill's net fee is >= 0, and the total charged over many small fills
 * converges to what one equivalent fill would cost.
 *
 * Where the page disagrees with itself (this SDK had no access to Kalshi's implementation):
 * - The prose rebates once the accumulator "exceeds" $0.01, and the worked example says "(> $0.01)"; its
 *   stated goal (split fills "converges to what a single equivalent fill would cost") would need the rebate
 *   at $0.01 exactly (four 1-lot fills at $0.50 accumulate exactly $0.0100). This class follows the rule as
 *   stated, strictly above $0.01, as the mock exchange does; an accumulator at exactly $0.01 waits.
 * - "Net fee ... always >= $0.00" per fill, but the accumulator can pass $0.01 on a fill whose own fees are
 *   under a cent (tiny fractional fills, maker fills without a maker fee). This class keeps each net fee
 *   >= 0 and pays that cent on the next fill whose fees cover it, so the accumulator may then hold $0.01 or
 *   more between fills; an order made only of such fills keeps its unpaid rebate in {@link accumulated}.
 * - The worked tables show the rebate fill's "Balance Change" without the rebate: {@link FillFees.balanceChange}
 *   is that posting, {@link FillFees.netChange} adds the rebate.
 * - The trade fee's own rounding up to $0.0001 is not rebated; only rounding fees accumulate.
 */
export class FeeAccumulator {
  /** The balance precision fills are settled to. */
  readonly balancePrecision: FeeRounding;
  private readonly precisionDecimals: 2 | 4;
  private acc: Big = new B('0');
  private sums = { tradeFee: new B('0'), roundingFee: new B('0'), rebate: new B('0'), balanceChange: new B('0') };

  constructor(options: FeeAccumulatorOptions = {}) {
    this.balancePrecision = options.balancePrecision ?? 'cent';
    this.precisionDecimals = feeDecimals(this.balancePrecision);
  }

  /** Rounding fees accumulated and not yet rebated: >= 0; under $0.01 except while a rebate waits (see the class notes). */
  get accumulated(): Dollars {
    return dollarsFromBig(this.acc, 'accumulated rounding');
  }

  /** Sums over every fill recorded so far. */
  get totals(): FeeTotals {
    const s = this.sums;
    return {
      tradeFee: dollarsFromBig(s.tradeFee, 'total trade fee'),
      roundingFee: dollarsFromBig(s.roundingFee, 'total rounding fee'),
      rebate: dollarsFromBig(s.rebate, 'total rebate'),
      netFee: dollarsFromBig(s.tradeFee.plus(s.roundingFee).minus(s.rebate), 'total net fee'),
      balanceChange: dollarsFromBig(s.balanceChange, 'total balance change'),
      netChange: dollarsFromBig(s.balanceChange.plus(s.rebate), 'total net change'),
    };
  }

  /**
   * Records a fill given its trade: revenue is `∓ price × count`, the trade fee is
   * {@link tradingFee} rounded up to $0.0001.
   * @throws FixedPointError as {@link tradingFee}.
   */
  fill(input: FeeAccumulatorFill): FillFees {
    const gross = input.price.times(input.count);
    return this.record({
      revenue: input.action === 'sell' ? gross : gross.neg(),
      tradeFee: tradingFee({
        price: input.price,
        count: input.count,
        kind: input.kind,
        multiplier: input.multiplier,
        feeType: input.feeType,
        roundTo: 'centi-cent',
      }),
    });
  }

  /**
   * Records a fill given its revenue and fee-model fee (step 1 rounds the fee up to $0.0001 if it has more
   * decimals).
   * @param input.revenue signed: negative for a buyer (the cost), positive for a seller.
   * @param input.tradeFee the fee-model fee, >= 0.
   * @throws FixedPointError `FIXED_POINT_RANGE` for a negative trade fee.
   */
  record(input: { readonly revenue: Dollars; readonly tradeFee: Dollars }): FillFees {
    if (input.tradeFee.isNegative()) {
      throw new FixedPointError('FIXED_POINT_RANGE', {
        value: input.tradeFee.toString(),
        field: 'tradeFee',
        problem: 'is negative; a trade fee is >= 0',
      });
    }
    const tradeFee = ceilTo(dollarsBig(input.tradeFee), 4);
    const change = dollarsBig(input.revenue).minus(tradeFee);
    const floored = floorTo(change, this.precisionDecimals);
    const roundingFee = change.minus(floored);
    const fees = tradeFee.plus(roundingFee);
    let acc = this.acc.plus(roundingFee);
    let rebate = new B('0');
    while (acc.gt(CENT) && fees.minus(rebate).gte(CENT)) {
      acc = acc.minus(CENT);
      rebate = rebate.plus(CENT);
    }
    this.acc = acc;
    const s = this.sums;
    s.tradeFee = s.tradeFee.plus(tradeFee);
    s.roundingFee = s.roundingFee.plus(roundingFee);
    s.rebate = s.rebate.plus(rebate);
    s.balanceChange = s.balanceChange.plus(floored);
    return {
      tradeFee: dollarsFromBig(tradeFee, 'trade fee'),
      roundingFee: dollarsFromBig(roundingFee, 'rounding fee'),
      rebate: dollarsFromBig(rebate, 'rebate'),
      netFee: dollarsFromBig(fees.minus(rebate), 'net fee'),
      balanceChange: dollarsFromBig(floored, 'balance change'),
      netChange: dollarsFromBig(floored.plus(rebate), 'net change'),
    };
  }
}
