import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXDEC');

it('/api-reference/orders/decrease-order: decreasing a partly filled order to zero remaining cancels it', async () => {
  // Quote: "Cancelling an order is equivalent to decreasing an order amount to zero."
  // Quote /fix/order-entry: "New total quantity. If equal to filled qty, order is canceled."
  const ticker = file.market();
  const placed = await file.h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '5' });
  await file.h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2', time_in_force: 'immediate_or_cancel' });
  const orderId = placed.body.order_id as string;
  const decrease = await file.h.rest(0).post(`/portfolio/events/orders/${orderId}/decrease`, { reduce_to: '0' });
  expect(decrease).toMatchObject({ status: 200, body: { order_id: orderId, remaining_count: '0.00' } });
  expect((await file.h.rest(0).get(`/portfolio/orders/${orderId}`)).body.order).toMatchObject({ status: 'canceled', fill_count_fp: '2.00' });
  expect((await file.h.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp.yes_dollars).toEqual([]);
});
