import { complement, type Contracts, type Dollars } from '@kalshi-sdk/fixed-point';
import type { BookSide, Order, OrderStatus, SelfTradePrevention, TimeInForce, UpdateReason } from './types.js';

/** The engine's mutable order. Exposed to listeners and callers only as the read-only {@link Order}. */
export interface OrderRecord extends Order {
  clientOrderId: string;
  price: Dollars;
  initialCount: Contracts;
  remaining: Contracts;
  filled: Contracts;
  timeInForce: TimeInForce;
  selfTradePrevention: SelfTradePrevention;
  expirationMs: number | undefined;
  status: OrderStatus;
  updatedMs: number;
  lastUpdateReason: UpdateReason | undefined;
  takerFillCost: Dollars;
  makerFillCost: Dollars;
  takerFees: Dollars;
  makerFees: Dollars;
  /** Rounding fees paid by this order's fills and not yet rebated (`/getting_started/fee_rounding`), dollars. */
  roundingAccumulated: Dollars;
}

/** Dollars one contract of this side costs at YES price `price`: p for a bid, 1 − p for an ask. */
export function unitCost(side: BookSide, price: Dollars): Dollars {
  return side === 'bid' ? price : complement(price);
}
