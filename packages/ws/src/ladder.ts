/**
 * One side's resting bids: parallel arrays of prices (integer centi-cents, ascending) and sizes
 * (integer hundredths of a contract, always > 0). The best bid is the last entry. A book has tens
 * of levels, so binary search plus an occasional splice beats any tree here.
 */
export class Ladder {
  readonly prices: number[];
  readonly sizes: number[];

  constructor(prices: number[] = [], sizes: number[] = []) {
    this.prices = prices;
    this.sizes = sizes;
  }

  /**
   * Builds a ladder from `[priceCc, sizeHundredths]` pairs in any order. Returns undefined for a
   * repeated price or a size that is not positive, which a well-formed snapshot never has.
   */
  static fromPairs(pairs: Array<[number, number]>): Ladder | undefined {
    pairs.sort((a, b) => a[0] - b[0]);
    const prices: number[] = new Array<number>(pairs.length);
    const sizes: number[] = new Array<number>(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      const [price, size] = pairs[i] as [number, number];
      if (size <= 0 || (i > 0 && prices[i - 1] === price)) return undefined;
      prices[i] = price;
      sizes[i] = size;
    }
    return new Ladder(prices, sizes);
  }

  /** Number of price levels. */
  get length(): number {
    return this.prices.length;
  }

  /**
   * Adds `delta` hundredths at `price`; a level that reaches zero is removed. Returns false, and
   * changes nothing, when the result would be negative (the book has diverged from the exchange).
   */
  apply(price: number, delta: number): boolean {
    const prices = this.prices;
    let lo = 0;
    let hi = prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((prices[mid] as number) < price) lo = mid + 1;
      else hi = mid;
    }
    if (lo < prices.length && prices[lo] === price) {
      const size = (this.sizes[lo] as number) + delta;
      if (size > 0) this.sizes[lo] = size;
      else if (size === 0) {
        prices.splice(lo, 1);
        this.sizes.splice(lo, 1);
      } else return false;
      return true;
    }
    if (delta > 0) {
      prices.splice(lo, 0, price);
      this.sizes.splice(lo, 0, delta);
      return true;
    }
    return delta === 0;
  }
}
