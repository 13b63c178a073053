import { Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { fromV2Side, KalshiOrderError, toV2Side } from '../../src/index.js';

/** The page's table: legacy (action, side) → book_side, and the V2 price for a legacy price of 0.30. */
const TABLE = [
  { action: 'buy', side: 'yes', bookSide: 'bid', v2Price: '0.3000' },
  { action: 'sell', side: 'no', bookSide: 'bid', v2Price: '0.7000' },
  { action: 'buy', side: 'no', bookSide: 'ask', v2Price: '0.7000' },
  { action: 'sell', side: 'yes', bookSide: 'ask', v2Price: '0.3000' },
] as const;

describe('/getting_started/order_direction', () => {
  it('/getting_started/order_direction: toV2Side / fromV2Side follow the (action, side) → book_side table, NO prices by complement', () => {
    // Quote: "Buy-yes and sell-no produce the same directional exposure (long yes); buy-no and sell-yes both produce long no."
    // Quote: "`bid ≡ yes`, `ask ≡ no`"
    // Quote /getting_started/orderbook_responses: "A **NO BID** at price Y is equivalent to a **YES ASK** at price (\$1.00 - Y)"
    for (const { action, side, bookSide, v2Price } of TABLE) {
      const v2 = toV2Side({ side, action, price: '0.30' });
      expect({ side: v2.side, price: v2.price.toWire() }).toEqual({ side: bookSide, price: v2Price });
      const back = fromV2Side(v2, side);
      expect({ side: back.side, action: back.action, price: back.price.toWire() }).toEqual({ side, action, price: '0.3000' });
    }
  });

  it('/getting_started/order_direction: a V2 price is the YES price on both sides, so NO prices convert by complement, exactly', () => {
    // Quote: "An order at price `p` with `outcome_side=no` is matched by an order at the same price `p` with `outcome_side=yes`"
    for (const [no, yes] of [['0.0001', '0.9999'], ['0.555', '0.4450'], ['0', '1.0000'], ['1', '0.0000'], ['0.1', '0.9000']]) {
      expect(toV2Side({ side: 'no', action: 'buy', price: no! }).price.toWire()).toBe(yes);
      expect(fromV2Side({ side: 'ask', price: Dollars.parse(yes!) }, 'no').price.eq(Dollars.parse(no!))).toBe(true);
    }
    // 0.1 + 0.2 style float error cannot happen: 1 − 0.7 is exactly 0.3.
    expect(toV2Side({ side: 'no', action: 'sell', price: '0.7' }).price.eq(Dollars.parse('0.3'))).toBe(true);
  });

  it('/getting_started/order_direction: undocumented — bad words or prices are refused naming the field', () => {
    // Undocumented: the page defines the four (action, side) pairs and bid/ask only; anything else, or a price outside $0–$1, is refused rather than guessed.
    const cases: Array<[() => unknown, string, unknown]> = [
      [() => toV2Side({ side: 'maybe' as never, action: 'buy', price: '0.3' }), 'side', 'maybe'],
      [() => toV2Side({ side: 'yes', action: 'hold' as never, price: '0.3' }), 'action', 'hold'],
      [() => toV2Side({ side: 'no', action: 'buy', price: '1.01' }), 'price', '1.01'],
      [() => fromV2Side({ side: 'bid', price: '-0.1' }), 'price', '-0.1'],
      [() => fromV2Side({ side: 'buy' as never, price: '0.5' }), 'side', 'buy'],
      [() => fromV2Side({ side: 'bid', price: '0.5' }, 'maybe' as never), 'outcome', 'maybe'],
    ];
    for (const [call, field, value] of cases) {
      const error = (() => {
        try {
          call();
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(KalshiOrderError);
      expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field, value });
    }
  });
});
