import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXAMD');

/** A resting YES bid for 5 at $0.40 of which 2 filled. */
async function partlyFilled(): Promise<{ ticker: string; orderId: string }> {
  const ticker = file.market();
  const placed = await file.h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '5' });
  await file.h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2', time_in_force: 'immediate_or_cancel' });
  return { ticker, orderId: placed.body.order_id as string };
}

it('/api-reference/orders/amend-order-v2: amending the count down to the filled count cancels the order', async () => {
  // Quote: "The request `count` is the updated total/max fillable count, equal to already filled count plus desired resting remaining count."
  // Quote /fix/order-entry: "New total quantity. If equal to filled qty, order is canceled. If less, rejected."
  const { ticker, orderId } = await partlyFilled();
  const amend = await file.h.rest(0).post(`/portfolio/events/orders/${orderId}/amend`, { ticker, side: 'bid', price: '0.40', count: '2' });
  expect(amend).toMatchObject({ status: 200, body: { order_id: orderId, remaining_count: '0.00', fill_count: '0.00' } });
  expect((await file.h.rest(0).get(`/portfolio/orders/${orderId}`)).body.order).toMatchObject({
    status: 'canceled',
    fill_count_fp: '2.00',
    remaining_count_fp: '0.00',
  });
  expect((await file.h.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp.yes_dollars).toEqual([]);
});

it('/api-reference/orders/amend-order-v2: amending down to the filled count cancels even with a new price, without trading', async () => {
  // Quote /fix/order-entry: "New total quantity. If equal to filled qty, order is canceled. If less, rejected."
  const { ticker, orderId } = await partlyFilled();
  await file.h.rest(1).order({ ticker, side: 'ask', price: '0.45', count: '1' });
  const amend = await file.h.rest(0).post(`/portfolio/events/orders/${orderId}/amend`, { ticker, side: 'bid', price: '0.45', count: '2' });
  expect(amend).toMatchObject({ status: 200, body: { remaining_count: '0.00', fill_count: '0.00' } });
  expect((await file.h.rest(0).get(`/portfolio/orders/${orderId}`)).body.order).toMatchObject({ status: 'canceled', fill_count_fp: '2.00' });
});

it('/api-reference/orders/amend-order-v2: amending the count below the filled count is rejected and leaves the order resting', async () => {
  // Quote /fix/order-entry: "New total quantity. If equal to filled qty, order is canceled. If less, rejected."
  const { ticker, orderId } = await partlyFilled();
  const amend = await file.h.rest(0).post(`/portfolio/events/orders/${orderId}/amend`, { ticker, side: 'bid', price: '0.40', count: '1' });
  expect(amend).toMatchObject({ status: 400, body: { code: 'invalid_order' } });
  expect((await file.h.rest(0).get(`/portfolio/orders/${orderId}`)).body.order).toMatchObject({ status: 'resting', remaining_count_fp: '3.00' });
});
