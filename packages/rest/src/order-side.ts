/**
 * Kalshi's two order vocabularies. The V2 endpoints (`/portfolio/events/orders…`) take a book side (`bid` buys
 * YES, `ask` sells YES) and a price that is always the YES price. The legacy endpoints (`/portfolio/orders`),
 * FIX and the other SDKs take an outcome side (`yes` / `no`), an action (`buy` / `sell`) and the price of the
 * named side. Doc pages: /getting_started/order_direction, /getting_started/orderbook_responses.
 */
import { complement, Dollars, FixedPointError } from '@kalshi-sdk/fixed-point';
import { KalshiOrderError } from './errors.js';

/** An order in the V2 vocabulary: `bid` buys YES and `ask` sells YES, at `price`, a YES price in dollars. */
export interface V2Side {
  readonly side: 'bid' | 'ask';
  readonly price: Dollars;
}

/** An order in the legacy vocabulary: `action` on the `side` outcome at `price`, the price of that outcome in dollars. */
export interface LegacySide {
  readonly side: 'yes' | 'no';
  readonly action: 'buy' | 'sell';
  readonly price: Dollars;
}

/**
 * The V2 form of a legacy order: buy YES at p is a bid at p, sell YES at p an ask at p, buy NO at p an ask
 * at 1 − p, sell NO at p a bid at 1 − p (exact, in `Dollars`).
 * @param order `price` as `Dollars` or a dollar string (`'0.30'`), from 0 to 1.
 * @throws KalshiOrderError naming `side`, `action` or `price` and the value.
 */
export function toV2Side(order: { readonly side: 'yes' | 'no'; readonly action: 'buy' | 'sell'; readonly price: Dollars | string }): V2Side {
  const outcome = oneOf(order.side, ['yes', 'no'], 'side');
  const action = oneOf(order.action, ['buy', 'sell'], 'action');
  const price = priceOf(order.price);
  const buysYes = (outcome === 'yes') === (action === 'buy');
  return { side: buysYes ? 'bid' : 'ask', price: outcome === 'yes' ? price : complement(price) };
}

/**
 * The legacy form of a V2 order, on the `outcome` side you want it named by (default `'yes'`): a bid at p is
 * buy YES at p or sell NO at 1 − p; an ask at p is sell YES at p or buy NO at 1 − p.
 * @param order `price` (the YES price) as `Dollars` or a dollar string, from 0 to 1.
 * @throws KalshiOrderError naming `side`, `outcome` or `price` and the value.
 */
export function fromV2Side(order: { readonly side: 'bid' | 'ask'; readonly price: Dollars | string }, outcome: 'yes' | 'no' = 'yes'): LegacySide {
  const side = oneOf(order.side, ['bid', 'ask'], 'side');
  const named = oneOf(outcome, ['yes', 'no'], 'outcome');
  const price = priceOf(order.price);
  const buysNamed = (side === 'bid') === (named === 'yes');
  return { side: named, action: buysNamed ? 'buy' : 'sell', price: named === 'yes' ? price : complement(price) };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new KalshiOrderError({ field, value, reason: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

function priceOf(price: Dollars | string): Dollars {
  try {
    const p = typeof price === 'string' ? Dollars.parse(price, 'price') : price;
    complement(p); // range check: 0 to 1
    return p;
  } catch (error) {
    if (error instanceof FixedPointError) throw new KalshiOrderError({ field: 'price', value: String(price), reason: error.message, cause: error });
    throw error;
  }
}
