import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from '../support/harness.js';

const clock = new ManualClock();
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], clock });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(): string {
  const ticker = `KXOGL-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

/** A group with limit 10 whose resting bid has matched 3 contracts, plus a second resting order in it. */
async function groupThatMatchedThree(ticker: string): Promise<{ groupId: string; orderIds: string[] }> {
  const created = await h.rest(0).post('/portfolio/order_groups/create', { contracts_limit: 10 });
  expect(created.status).toBe(201);
  const groupId = created.body.order_group_id as string;
  const a = await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '5', order_group_id: groupId });
  const b = await h.rest(0).order({ ticker, side: 'bid', price: '0.35', count: '5', order_group_id: groupId });
  const take = await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '3', time_in_force: 'immediate_or_cancel' });
  expect(take.body.fill_count).toBe('3.00');
  return { groupId, orderIds: [a.body.order_id, b.body.order_id] };
}

it('/api-reference/order-groups/update-order-group-limit: a limit at or below the contracts matched in the window cancels the group orders and triggers it', async () => {
  // Quote: "If the updated limit would immediately trigger the group, all orders in the group are canceled and the group is triggered."
  // Quote /fix/order-groups: "If the updated limit would immediately trigger the group (based on the rolling 15-second window), the server cancels all orders in the group and marks it as triggered."
  // Quote /fix/order-groups: "No new orders can be placed until the group is reset."
  const ticker = market();
  const { groupId, orderIds } = await groupThatMatchedThree(ticker);
  expect((await h.rest(0).put(`/portfolio/order_groups/${groupId}/limit`, { contracts_limit: 3 })).status).toBe(200);
  for (const id of orderIds) expect((await h.rest(0).get(`/portfolio/orders/${id}`)).body.order.status).toBe('canceled');
  expect((await h.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp.yes_dollars).toEqual([]);
  expect((await h.rest(0).get(`/portfolio/order_groups/${groupId}`)).body).toMatchObject({ is_auto_cancel_enabled: true, contracts_limit_fp: '3.00' });
  const refused = await h.rest(0).order({ ticker, side: 'bid', price: '0.30', count: '1', order_group_id: groupId });
  expect(refused).toMatchObject({ status: 400, body: { code: 'order_group_limit_hit' } });
});

it('/api-reference/order-groups/update-order-group-limit: the limit update that triggers the group streams limit_updated then triggered', async () => {
  // Quote: "If the updated limit would immediately trigger the group, all orders in the group are canceled and the group is triggered."
  // Quote /websockets/order-group-updates: "Updates sent when order groups are created, triggered, reset, deleted, or have limits updated"
  const ticker = market();
  const ws = await h.ws(0);
  const subscribed = await ws.command('subscribe', { channels: ['order_group_updates'] });
  expect(subscribed.type).toBe('subscribed');
  const { groupId } = await groupThatMatchedThree(ticker);
  await h.rest(0).put(`/portfolio/order_groups/${groupId}/limit`, { contracts_limit: 2 });
  const ofGroup = (f: { type: string; msg?: { order_group_id?: string } }) => f.type === 'order_group_updates' && f.msg?.order_group_id === groupId;
  const frames = await ws.waitForCount(ofGroup, 3);
  expect(frames.map((f) => [f.msg.event_type, f.msg.contracts_limit_fp])).toEqual([
    ['created', '10.00'],
    ['limit_updated', '2.00'],
    ['triggered', undefined],
  ]);
});

it('/api-reference/order-groups/update-order-group-limit: a limit above the contracts matched in the window leaves the group live', async () => {
  // Quote: "If the updated limit would immediately trigger the group, all orders in the group are canceled and the group is triggered."
  const ticker = market();
  const { groupId, orderIds } = await groupThatMatchedThree(ticker);
  expect((await h.rest(0).put(`/portfolio/order_groups/${groupId}/limit`, { contracts_limit: 4 })).status).toBe(200);
  for (const id of orderIds) expect((await h.rest(0).get(`/portfolio/orders/${id}`)).body.order.status).toBe('resting');
  expect((await h.rest(0).get(`/portfolio/order_groups/${groupId}`)).body.is_auto_cancel_enabled).toBe(false);
});

it('/api-reference/order-groups/update-order-group-limit: contracts matched more than 15 seconds ago do not count toward the new limit', async () => {
  // Quote: "Updates the order group contracts limit (rolling 15-second window)."
  const ticker = market();
  const { groupId, orderIds } = await groupThatMatchedThree(ticker);
  clock.advance(15_001);
  expect((await h.rest(0).put(`/portfolio/order_groups/${groupId}/limit`, { contracts_limit: 1 })).status).toBe(200);
  for (const id of orderIds) expect((await h.rest(0).get(`/portfolio/orders/${id}`)).body.order.status).toBe('resting');
});
