import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXRESTV');

it('/api-reference/portfolio/get-total-resting-order-value: the value of resting orders, in cents', async () => {
  // Quote: "Endpoint for getting the total value, in cents, of resting orders."
  const ticker = file.market();
  await file.h.rest(0).order({ ticker, side: 'bid', price: '0.33', count: '3' });
  const answer = await file.h.rest(0).get('/portfolio/summary/total_resting_order_value');
  expect(answer.body.total_resting_order_value).toBe(99);
});
