import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness, type RestClient } from './support/harness.js';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function market(harness: Harness = h): string {
  const ticker = `KXORD-M${++n}`;
  harness.mock.exchange.addMarket({ ticker });
  return ticker;
}

async function place(client: RestClient, ticker: string, body: Record<string, unknown>): Promise<string> {
  const answer = await client.order({ ticker, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.order_id as string;
}

const queue = async (client: RestClient, orderId: string): Promise<string> =>
  (await client.get(`/portfolio/orders/${orderId}/queue_position`)).body.queue_position_fp;

describe('amend', () => {
  it('keeps queue position when only the count goes down', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    const b = await place(h.rest(2), ticker, { side: 'bid', price: '0.40', count: '5' });
    const amend = await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.40', count: '3' });
    expect(amend).toMatchObject({ status: 200, body: { order_id: a, remaining_count: '3.00', fill_count: '0.00' } });
    expect([await queue(h.rest(0), a), await queue(h.rest(2), b)]).toEqual(['0.00', '3.00']);
  });

  it('sends a repriced order to the back of the queue', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    const b = await place(h.rest(2), ticker, { side: 'bid', price: '0.40', count: '5' });
    await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.39', count: '5' });
    await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.40', count: '5' });
    expect([await queue(h.rest(0), a), await queue(h.rest(2), b)]).toEqual(['5.00', '0.00']);
  });

  it('trades when the new price crosses, and counts the filled contracts in `count`', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    await place(h.rest(1), ticker, { side: 'ask', price: '0.40', count: '1' });
    await place(h.rest(1), ticker, { side: 'ask', price: '0.42', count: '2' });
    const amend = await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.42', count: '5' });
    expect(amend.body).toMatchObject({ fill_count: '2.00', remaining_count: '2.00', average_fill_price: '0.4200' });
    const order = await h.rest(0).get(`/portfolio/orders/${a}`);
    expect(order.body.order).toMatchObject({ status: 'resting', fill_count_fp: '3.00', remaining_count_fp: '2.00', yes_price_dollars: '0.4200' });
  });

  it.each([
    ['a side that does not match', { side: 'ask' }, 400],
    ['a price off the tick grid', { price: '0.405' }, 400],
  ])('rejects %s', async (_name, override, status) => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    const answer = await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.40', count: '4', ...override });
    expect(answer.status).toBe(status);
  });

  it('renames the client order id', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5', client_order_id: 'first' });
    const answer = await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, {
      ticker,
      side: 'bid',
      price: '0.40',
      count: '5',
      client_order_id: 'first',
      updated_client_order_id: 'second',
    });
    expect(answer.body.client_order_id).toBe('second');
  });

  it("answers 404 for another user's order", async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    expect((await h.rest(1).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.41', count: '5' })).status).toBe(404);
  });
});

describe('amend through the engine, as FIX cancel/replace calls it', () => {
  it('cancels an order replaced down to its filled quantity and keeps the new ClOrdID as its client order id', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5', client_order_id: 'fix-orig' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2', time_in_force: 'immediate_or_cancel' });
    const { engine } = h.mock.exchange;
    const userId = h.mock.exchange.userId(h.users[0]!.apiKeyId);
    const result = engine.amendOrder(userId, a, {
      ticker,
      side: 'bid',
      price: Dollars.parse('0.40'),
      count: Contracts.parse('2'),
      updatedClientOrderId: 'fix-replace',
    });
    expect(result.order).toMatchObject({ status: 'canceled', clientOrderId: 'fix-replace', lastUpdateReason: 'Amend' });
    expect(result.order.remaining.isZero()).toBe(true);
    expect(() => engine.amendOrder(userId, a, { ticker, side: 'bid', price: Dollars.parse('0.40'), count: Contracts.parse('2') })).toThrow(
      expect.objectContaining({ code: 'ORDER_NOT_RESTING' }),
    );
  });

  it('refuses a replace below the filled quantity and changes nothing', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5', client_order_id: 'fix-below' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2', time_in_force: 'immediate_or_cancel' });
    const { engine } = h.mock.exchange;
    const userId = h.mock.exchange.userId(h.users[0]!.apiKeyId);
    expect(() =>
      engine.amendOrder(userId, a, { ticker, side: 'bid', price: Dollars.parse('0.40'), count: Contracts.parse('1'), updatedClientOrderId: 'fix-below-2' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ORDER', field: 'count' }));
    expect(engine.getOrder(userId, a)).toMatchObject({ status: 'resting', clientOrderId: 'fix-below' });
  });
});

describe('decrease and cancel', () => {
  it.each([
    ['reduce_by', { reduce_by: '2' }, 200, '3.00'],
    ['reduce_to', { reduce_to: '1.5' }, 200, '1.50'],
    ['reduce_by past the remaining count cancels', { reduce_by: '9' }, 200, '0.00'],
    ['both fields', { reduce_by: '1', reduce_to: '1' }, 400, undefined],
    ['neither field', {}, 400, undefined],
    ['reduce_to above the remaining count', { reduce_to: '6' }, 400, undefined],
  ])('decrease with %s', async (_name, body, status, remaining) => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '5' });
    const answer = await h.rest(0).post(`/portfolio/events/orders/${a}/decrease`, body);
    expect(answer.status).toBe(status);
    if (remaining !== undefined) expect(answer.body.remaining_count).toBe(remaining);
    const book = await h.rest(0).get(`/markets/${ticker}/orderbook`);
    const expected = remaining === undefined ? '5.00' : remaining;
    expect(book.body.orderbook_fp.yes_dollars).toEqual(expected === '0.00' ? [] : [['0.4000', expected]]);
  });

  it('cancels once, then answers 404', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'ask', price: '0.60', count: '4', client_order_id: 'c-1' });
    const first = await h.rest(0).delete(`/portfolio/events/orders/${a}`);
    expect(first).toMatchObject({ status: 200, body: { order_id: a, client_order_id: 'c-1', reduced_by: '4.00' } });
    expect((await h.rest(0).delete(`/portfolio/events/orders/${a}`)).status).toBe(404);
    expect((await h.rest(0).get(`/portfolio/orders/${a}`)).body.order.status).toBe('canceled');
  });

  it('cancels every resting order of the caller only', async () => {
    const ticker = market();
    await place(h.rest(0), ticker, { side: 'bid', price: '0.30', count: '1' });
    await place(h.rest(0), ticker, { side: 'ask', price: '0.70', count: '1' });
    await place(h.rest(1), ticker, { side: 'bid', price: '0.31', count: '1' });
    expect((await h.rest(0).delete('/portfolio/events/orders')).status).toBe(204);
    const book = await h.rest(0).get(`/markets/${ticker}/orderbook`);
    expect(book.body.orderbook_fp).toEqual({ yes_dollars: [['0.3100', '1.00']], no_dollars: [] });
  });
});

describe('batches', () => {
  it('creates each order independently and reports per-item errors', async () => {
    const ticker = market();
    const base = { ticker, time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' };
    const answer = await h.rest(0).post('/portfolio/events/orders/batched', {
      orders: [
        { ...base, side: 'bid', price: '0.40', count: '1', client_order_id: 'b-1' },
        { ...base, side: 'bid', price: '0.401', count: '1', client_order_id: 'b-2' },
        { ...base, side: 'ask', price: '0.60', count: '2' },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.orders[0]).toMatchObject({ client_order_id: 'b-1', fill_count: '0.00', remaining_count: '1.00' });
    expect(answer.body.orders[1]).toMatchObject({ client_order_id: 'b-2', error: { code: 'invalid_order' } });
    expect(answer.body.orders[2]).toMatchObject({ remaining_count: '2.00' });

    const ids = [answer.body.orders[0].order_id, 'no-such-order'];
    const cancel = await h.rest(0).delete('/portfolio/events/orders/batched', { orders: ids.map((order_id) => ({ order_id })) });
    expect(cancel.status).toBe(200);
    expect(cancel.body.orders[0]).toMatchObject({ order_id: ids[0], reduced_by: '1.00' });
    expect(cancel.body.orders[1]).toMatchObject({ order_id: 'no-such-order', reduced_by: '0.00', error: { code: 'not_found' } });
  });
});

describe('client_order_id', () => {
  it('is unique per user for good: another user may use the same id, the same user never again', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '1', client_order_id: 'dup' });
    const again = await h.rest(0).order({ ticker, side: 'bid', price: '0.41', count: '1', client_order_id: 'dup' });
    expect(again).toMatchObject({ status: 409, body: { code: 'order_already_exists' } });
    expect((await h.rest(1).order({ ticker, side: 'bid', price: '0.41', count: '1', client_order_id: 'dup' })).status).toBe(201);
    await h.rest(0).delete(`/portfolio/events/orders/${a}`);
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.41', count: '1', client_order_id: 'dup' })).status).toBe(409);
  });

  it('may be kept by an amend that repeats the order\'s own id', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '1', client_order_id: 'own' });
    const amend = await h.rest(0).post(`/portfolio/events/orders/${a}/amend`, { ticker, side: 'bid', price: '0.41', count: '1', updated_client_order_id: 'own' });
    expect(amend).toMatchObject({ status: 200, body: { client_order_id: 'own' } });
  });
});

describe('orders and queue positions', () => {
  it('lists orders newest first with status filters, and queue positions of resting ones', async () => {
    const ticker = market();
    const a = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '2' });
    const b = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '3' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2' });
    const resting = await h.rest(0).get(`/portfolio/orders?ticker=${ticker}&status=resting`);
    expect(resting.body.orders.map((o: { order_id: string }) => o.order_id)).toEqual([b]);
    const executed = await h.rest(0).get(`/portfolio/orders?ticker=${ticker}&status=executed`);
    expect(executed.body.orders.map((o: { order_id: string }) => o.order_id)).toEqual([a]);
    const positions = await h.rest(0).get(`/portfolio/orders/queue_positions?market_tickers=${ticker}`);
    expect(positions.body.queue_positions).toEqual([{ order_id: b, market_ticker: ticker, queue_position_fp: '0.00' }]);
  });
});

describe('pauses', () => {
  it('rejects orders while trading is paused and cancels cancel_order_on_pause orders', async () => {
    const ticker = market();
    const keep = await place(h.rest(0), ticker, { side: 'bid', price: '0.40', count: '1' });
    const drop = await place(h.rest(0), ticker, { side: 'bid', price: '0.41', count: '1', cancel_order_on_pause: true });
    h.mock.exchange.pauseTrading();
    try {
      expect((await h.rest(0).get('/exchange/status')).body.trading_active).toBe(false);
      const answer = await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' });
      expect(answer).toMatchObject({ status: 503, body: { code: 'trading_is_paused' } });
      expect((await h.rest(0).get(`/portfolio/orders/${drop}`)).body.order.status).toBe('canceled');
      expect((await h.rest(0).get(`/portfolio/orders/${keep}`)).body.order.status).toBe('resting');
    } finally {
      h.mock.exchange.resumeTrading();
    }
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' })).status).toBe(201);
  });

  it('rejects orders on a paused market', async () => {
    const ticker = market();
    h.mock.exchange.pauseMarket(ticker);
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' })).body.code).toBe('market_closed');
    expect((await h.rest(0).get(`/markets?status=paused&tickers=${ticker}`)).body.markets).toHaveLength(1);
    h.mock.exchange.resumeMarket(ticker);
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1' })).status).toBe(201);
  });
});

describe('with a manual clock', () => {
  const clock = new ManualClock();
  let m: Harness;
  beforeAll(async () => {
    m = await startHarness({ userCount: 2, markets: [], clock });
  });
  afterEach(() => m.assertConformance());
  afterAll(() => m.close());

  it('expires good-till-canceled orders at their expiration_time', async () => {
    const ticker = market(m);
    const expiry = Math.floor(clock.now() / 1000) + 10;
    const a = await place(m.rest(0), ticker, { side: 'bid', price: '0.40', count: '1', expiration_time: expiry });
    clock.advance(9_000);
    expect((await m.rest(0).get(`/portfolio/orders/${a}`)).body.order.status).toBe('resting');
    clock.advance(2_000);
    expect((await m.rest(0).get(`/portfolio/orders/${a}`)).body.order.status).toBe('canceled');
    expect((await m.rest(0).get(`/markets/${ticker}/orderbook`)).body.orderbook_fp.yes_dollars).toEqual([]);
  });

  it('rejects an expiration_time on immediate-or-cancel', async () => {
    const ticker = market(m);
    const answer = await m.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1', time_in_force: 'immediate_or_cancel', expiration_time: 99 });
    expect(answer.status).toBe(400);
  });

  describe('order groups', () => {
    async function group(limit: string): Promise<string> {
      const answer = await m.rest(0).post('/portfolio/order_groups/create', { contracts_limit_fp: limit });
      expect(answer.status).toBe(201);
      return answer.body.order_group_id as string;
    }

    it('caps matching at the limit, cancels the group and blocks it until reset', async () => {
      const ticker = market(m);
      const id = await group('5');
      const a = await place(m.rest(0), ticker, { side: 'bid', price: '0.40', count: '3', order_group_id: id });
      const b = await place(m.rest(0), ticker, { side: 'bid', price: '0.39', count: '3', order_group_id: id });
      const c = await place(m.rest(0), ticker, { side: 'bid', price: '0.38', count: '3', order_group_id: id });
      const sell = await m.rest(1).order({ ticker, side: 'ask', price: '0.38', count: '10', time_in_force: 'immediate_or_cancel' });
      expect(sell.body.fill_count).toBe('5.00');
      const statuses = await Promise.all([a, b, c].map(async (o) => (await m.rest(0).get(`/portfolio/orders/${o}`)).body.order));
      expect(statuses.map((o) => [o.status, o.fill_count_fp])).toEqual([
        ['executed', '3.00'],
        ['canceled', '2.00'],
        ['canceled', '0.00'],
      ]);
      expect((await m.rest(0).get(`/portfolio/order_groups/${id}`)).body).toMatchObject({ is_auto_cancel_enabled: true, contracts_limit_fp: '5.00' });
      const blocked = await m.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1', order_group_id: id });
      expect(blocked).toMatchObject({ status: 400, body: { code: 'order_group_limit_hit' } });
      expect((await m.rest(0).put(`/portfolio/order_groups/${id}/reset`, {})).status).toBe(200);
      expect((await m.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '1', order_group_id: id })).status).toBe(201);
    });

    it('measures the limit over a rolling 15-second window', async () => {
      const ticker = market(m);
      const id = await group('5');
      await place(m.rest(0), ticker, { side: 'bid', price: '0.40', count: '10', order_group_id: id });
      expect((await m.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '4' })).body.fill_count).toBe('4.00');
      clock.advance(15_001);
      expect((await m.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '4' })).body.fill_count).toBe('4.00');
      expect((await m.rest(0).get(`/portfolio/order_groups/${id}`)).body.is_auto_cancel_enabled).toBe(false);
      clock.advance(14_000);
      expect((await m.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '4', time_in_force: 'immediate_or_cancel' })).body.fill_count).toBe('1.00');
      expect((await m.rest(0).get(`/portfolio/order_groups/${id}`)).body.is_auto_cancel_enabled).toBe(true);
    });

    it('triggers, updates its limit, lists and deletes', async () => {
      const ticker = market(m);
      const id = await group('5');
      const a = await place(m.rest(0), ticker, { side: 'bid', price: '0.40', count: '1', order_group_id: id });
      expect((await m.rest(0).put(`/portfolio/order_groups/${id}/limit`, { contracts_limit: 7 })).status).toBe(200);
      expect((await m.rest(0).get('/portfolio/order_groups')).body.order_groups).toContainEqual({
        id,
        contracts_limit_fp: '7.00',
        is_auto_cancel_enabled: false,
        exchange_index: 0,
      });
      expect((await m.rest(0).put(`/portfolio/order_groups/${id}/trigger`, {})).status).toBe(200);
      expect((await m.rest(0).get(`/portfolio/orders/${a}`)).body.order.status).toBe('canceled');
      expect((await m.rest(0).delete(`/portfolio/order_groups/${id}`)).status).toBe(200);
      expect((await m.rest(0).get(`/portfolio/order_groups/${id}`)).status).toBe(404);
      expect((await m.rest(1).get(`/portfolio/order_groups/${id}`)).status).toBe(404);
    });

    it.each([
      ['no limit', {}],
      ['limits that disagree', { contracts_limit: 5, contracts_limit_fp: '6' }],
    ])('rejects a group with %s', async (_name, body) => {
      expect((await m.rest(0).post('/portfolio/order_groups/create', body)).status).toBe(400);
    });
  });
});
