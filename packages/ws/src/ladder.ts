/** Levels scanned down from the best bid before falling back to a binary search. */
const TOP_SCAN = 8;

/**
 * One side's resting bids: prices (integer centi-cents, ascending) and sizes (integer hundredths
 * of a contract, always > 0) in parallel typed arrays with spare capacity. The best bid is the
 * last entry. A book has tens of levels, so a search from the top plus a short shift beats any
 * tree here, and a delta allocates nothing unless the side outgrows its capacity.
 *
 * Prices fit an `Int32Array` (at most 10,000). Sizes live in a `Float64Array`, which holds every
 * integer below 2^53 exactly, so hundredths stay exact for any count Kalshi can send.
 */
export class Ladder {
  #prices: Int32Array;
  #sizes: Float64Array;
  #length = 0;

  constructor(capacity = 0) {
    this.#prices = new Int32Array(capacity);
    this.#sizes = new Float64Array(capacity);
  }

  /**
   * Builds a ladder from `[priceCc, sizeHundredths]` pairs in any order. Returns undefined for a
   * repeated price or a size that is not positive, which a well-formed snapshot never has.
   */
  static fromPairs(pairs: Array<[number, number]>): Ladder | undefined {
    pairs.sort((a, b) => a[0] - b[0]);
    const ladder = new Ladder(pairs.length + (pairs.length >> 2) + 4);
    const prices = ladder.#prices;
    const sizes = ladder.#sizes;
    for (let i = 0; i < pairs.length; i++) {
      const [price, size] = pairs[i] as [number, number];
      if (size <= 0 || (i > 0 && prices[i - 1] === price)) return undefined;
      prices[i] = price;
      sizes[i] = size;
    }
    ladder.#length = pairs.length;
    return ladder;
  }

  /** Number of price levels. */
  get length(): number {
    return this.#length;
  }

  /** Price of level `i` (0 is the lowest), in centi-cents. */
  price(i: number): number {
    return this.#prices[i] as number;
  }

  /** Size of level `i`, in hundredths of a contract. */
  size(i: number): number {
    return this.#sizes[i] as number;
  }

  /**
   * Adds `delta` hundredths at `price`; a level that reaches zero is removed. Returns false, and
   * changes nothing, when the result would be negative (the book has diverged from the exchange).
   */
  apply(price: number, delta: number): boolean {
    const prices = this.#prices;
    const length = this.#length;
    // `lo`: the first level at or above `price`. Most deltas land near the best bid (the end), so
    // look at the top few levels first and binary-search the rest only when the price is deeper.
    let lo = length;
    const stop = length > TOP_SCAN ? length - TOP_SCAN : 0;
    while (lo > stop && (prices[lo - 1] as number) >= price) lo--;
    if (lo === stop && stop > 0) {
      let low = 0;
      let high = stop;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((prices[mid] as number) < price) low = mid + 1;
        else high = mid;
      }
      lo = low;
    }
    const sizes = this.#sizes;
    if (lo < length && prices[lo] === price) {
      const size = (sizes[lo] as number) + delta;
      if (size > 0) sizes[lo] = size;
      else if (size === 0) {
        // Levels near the best bid (the end) move most often, so these shifts are short.
        for (let i = lo + 1; i < length; i++) {
          prices[i - 1] = prices[i] as number;
          sizes[i - 1] = sizes[i] as number;
        }
        this.#length = length - 1;
      } else return false;
      return true;
    }
    if (delta <= 0) return delta === 0;
    if (length === prices.length) this.#grow();
    const p = this.#prices;
    const s = this.#sizes;
    for (let i = length; i > lo; i--) {
      p[i] = p[i - 1] as number;
      s[i] = s[i - 1] as number;
    }
    p[lo] = price;
    s[lo] = delta;
    this.#length = length + 1;
    return true;
  }

  #grow(): void {
    const capacity = Math.max(8, this.#prices.length * 2);
    const prices = new Int32Array(capacity);
    const sizes = new Float64Array(capacity);
    prices.set(this.#prices);
    sizes.set(this.#sizes);
    this.#prices = prices;
    this.#sizes = sizes;
  }
}
