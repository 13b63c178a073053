import { Contracts, Dollars, FixedPointError } from '@kalshi-sdk/fixed-point';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { amendOrder, createClient, KalshiOrderError, placeOrder, placeOrders, type MarketTicks, type PlacedOrder } from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply } from './helpers/loopback-server.js';
import { skippingClock } from './helpers/manual-clock.js';

const KEY = makeKeyPair();
const KEY_ID = '55555555-5555-4555-8555-555555555555';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...replies: Reply[]): Promise<Loopback> {
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: (_, i) => replies[Math.min(i, replies.length - 1)]! });
  return server;
}

const client = (s: Loopback) =>
  createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: { baseDelayMs: 1 }, clock: skippingClock() });

const cent: MarketTicks = { ticker: 'KXHIGHNY-26JAN01-T60', price_level_structure: 'linear_cent', price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0100' }] };
const tapered: MarketTicks = { ticker: 'KXT-1', price_level_structure: 'tapered_deci_cent' };
const created = { status: 201, json: { order_id: 'o-1', client_order_id: 'echo', fill_count: '0.00', remaining_count: '10.00', ts_ms: 1 } } satisfies Reply;

describe('placeOrder', () => {
  it('sends a checked CreateOrderV2 body with wire-format price and count, defaults, and a fresh client_order_id', async () => {
    const s = await serve(created);
    const order = await placeOrder(client(s), { market: cent, side: 'bid', price: '0.56', count: '10' });
    expectTypeOf(order).toEqualTypeOf<PlacedOrder>();
    expect(order.existing).toBeUndefined();
    expect(order.order_id).toBe('o-1');
    const [req] = s.requests;
    expect(req?.method).toBe('POST');
    expect(req?.pathname).toBe('/trade-api/v2/portfolio/events/orders');
    expect(req?.signatureValid).toBe(true);
    expect(req?.json).toEqual({
      ticker: 'KXHIGHNY-26JAN01-T60',
      side: 'bid',
      price: '0.5600',
      count: '10.00',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
      client_order_id: expect.stringMatching(UUID),
    });
  });

  it('keeps the caller’s client_order_id and extra fields, and accepts Dollars / Contracts', async () => {
    const s = await serve(created);
    await placeOrder(client(s), {
      market: tapered,
      side: 'ask',
      price: Dollars.parse('0.055'),
      count: Contracts.parse('2.5'),
      client_order_id: 'mine-1',
      time_in_force: 'immediate_or_cancel',
      reduce_only: true,
    });
    expect(s.requests[0]?.json).toMatchObject({ ticker: 'KXT-1', side: 'ask', price: '0.0550', count: '2.50', client_order_id: 'mine-1', time_in_force: 'immediate_or_cancel', reduce_only: true });
  });

  it('is retried on a 5xx because it always carries client_order_id, with the same id each time', async () => {
    const s = await serve({ status: 502, json: {} }, created);
    await placeOrder(client(s), { market: cent, side: 'bid', price: '0.40', count: '1' });
    expect(s.requests).toHaveLength(2);
    expect((s.requests[1]?.json as { client_order_id: string }).client_order_id).toBe((s.requests[0]?.json as { client_order_id: string }).client_order_id);
  });

  it.each([
    ['a price between cent ticks', { market: cent, price: '0.555', count: '1', field: 'price', value: '0.555', cause: 'FIXED_POINT_TICK' }],
    ['a price with 5 decimals', { market: cent, price: '0.56789', count: '1', field: 'price', value: '0.56789', cause: 'FIXED_POINT_PRECISION' }],
    ['a price of $1', { market: cent, price: '1', count: '1', field: 'price', value: '1', cause: 'FIXED_POINT_TICK' }],
    ['a price of $0', { market: cent, price: '0', count: '1', field: 'price', value: '0', cause: 'FIXED_POINT_TICK' }],
    ['a price that is not a number', { market: cent, price: '56c', count: '1', field: 'price', value: '56c', cause: 'FIXED_POINT_INVALID' }],
    ['a deci-cent price in the tapered middle', { market: tapered, price: '0.555', count: '1', field: 'price', value: '0.555', cause: 'FIXED_POINT_TICK' }],
    ['a count below 0.01 granularity', { market: cent, price: '0.5', count: '1.234', field: 'count', value: '1.234', cause: 'FIXED_POINT_PRECISION' }],
    ['a negative count', { market: cent, price: '0.5', count: '-1', field: 'count', value: '-1', cause: 'FIXED_POINT_RANGE' }],
    ['a zero count', { market: cent, price: '0.5', count: '0.00', field: 'count', value: '0.00', cause: undefined }],
    ['a count that is not a number', { market: cent, price: '0.5', count: 'ten', field: 'count', value: 'ten', cause: 'FIXED_POINT_INVALID' }],
    ['a market with an unknown tick structure', { market: { ticker: 'KXODD-1', price_level_structure: 'mystery' }, price: '0.5', count: '1', field: 'market', value: 'KXODD-1', cause: 'FIXED_POINT_INVALID' }],
  ])('refuses %s without sending anything', async (_, { market, price, count, field, value, cause }) => {
    const s = await serve(created);
    const error = await placeOrder(client(s), { market, side: 'bid', price, count }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiOrderError);
    expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field, value });
    expect((error as Error).message).toContain(field);
    if (cause) {
      expect((error as Error).cause).toBeInstanceOf(FixedPointError);
      expect(((error as Error).cause as FixedPointError).code).toBe(cause);
    }
    expect(s.requests).toHaveLength(0);
  });
});

describe('amendOrder', () => {
  it('sends a checked AmendOrderV2 body to the order’s amend path', async () => {
    const s = await serve({ json: { order_id: 'o-1', ts_ms: 2 } });
    const amended = await amendOrder(client(s), 'o-1', { market: cent, side: 'bid', price: '0.57', count: '8', updated_client_order_id: 'c-2' });
    expect(amended.order_id).toBe('o-1');
    expect(s.requests[0]?.pathname).toBe('/trade-api/v2/portfolio/events/orders/o-1/amend');
    expect(s.requests[0]?.json).toEqual({ ticker: cent.ticker, side: 'bid', price: '0.5700', count: '8.00', updated_client_order_id: 'c-2' });
  });

  it('refuses an off-tick price without sending anything', async () => {
    const s = await serve({ json: {} });
    await expect(amendOrder(client(s), 'o-1', { market: cent, side: 'bid', price: '0.575', count: '8' })).rejects.toMatchObject({ code: 'REST_ORDER_INVALID', field: 'price' });
    expect(s.requests).toHaveLength(0);
  });

  it('surfaces a 409 that no order explains as the KalshiApiError itself, from a { data, error } client too', async () => {
    const conflict = { status: 409, json: { error: { code: 'order_already_exists', message: 'duplicate' } } } satisfies Reply;
    const s = await serve(conflict, { json: { orders: [], cursor: '' } });
    const kalshi = createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false, throwOnError: false });
    await expect(placeOrder(kalshi, { market: cent, side: 'bid', price: '0.5', count: '1' })).rejects.toMatchObject({
      code: 'REST_CONFLICT',
      kalshiCode: 'order_already_exists',
      operationId: 'CreateOrderV2',
    });
    expect(s.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('surfaces a failed lookup after a 409 as that error', async () => {
    const s = await serve({ status: 409, json: { code: 'order_already_exists', message: 'duplicate' } }, { status: 500, json: {} });
    const kalshi = createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false });
    await expect(placeOrder(kalshi, { market: cent, side: 'bid', price: '0.5', count: '1' })).rejects.toMatchObject({ code: 'REST_SERVER', operationId: 'GetOrders' });
  });
});

describe('placeOrders', () => {
  it('sends one checked BatchCreateOrdersV2 body, every item with a client_order_id, and returns the items in order', async () => {
    const s = await serve({ status: 201, json: { orders: [{ order_id: 'o-1', client_order_id: 'a', fill_count: '0.00', remaining_count: '1.00', ts_ms: 1 }, { client_order_id: 'b', error: { code: 'insufficient_balance', message: 'no' } }] } });
    const items = await placeOrders(client(s), [
      { market: cent, side: 'bid', price: '0.40', count: '1', client_order_id: 'a' },
      { market: tapered, side: 'ask', price: '0.055', count: '2.5', client_order_id: 'b' },
    ]);
    expect(s.requests[0]?.pathname).toBe('/trade-api/v2/portfolio/events/orders/batched');
    expect(s.requests[0]?.json).toEqual({
      orders: [
        { ticker: cent.ticker, side: 'bid', price: '0.4000', count: '1.00', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: 'a' },
        { ticker: 'KXT-1', side: 'ask', price: '0.0550', count: '2.50', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: 'b' },
      ],
    });
    expect(items.map((i) => [i.order_id ?? null, i.error?.code ?? null])).toEqual([['o-1', null], [null, 'insufficient_balance']]);
    expect(s.requests).toHaveLength(1);
  });

  it('gives every item a fresh client_order_id when none is given', async () => {
    const s = await serve({ status: 201, json: { orders: [] } });
    await placeOrders(client(s), [{ market: cent, side: 'bid', price: '0.40', count: '1' }, { market: cent, side: 'bid', price: '0.41', count: '1' }]);
    const ids = (s.requests[0]?.json as { orders: { client_order_id: string }[] }).orders.map((o) => o.client_order_id);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it('refuses a bad item naming its index, without sending anything', async () => {
    const s = await serve({ status: 201, json: { orders: [] } });
    const error = await placeOrders(client(s), [{ market: cent, side: 'bid', price: '0.40', count: '1' }, { market: cent, side: 'bid', price: '0.405', count: '1' }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field: 'orders[1].price', value: '0.405' });
    expect(s.requests).toHaveLength(0);
  });

  it('keeps a duplicate item that no order explains as Kalshi sent it', async () => {
    const item = { client_order_id: 'z', error: { code: 'order_already_exists', message: 'dup' } };
    const s = await serve({ status: 201, json: { orders: [item] } }, { json: { orders: [], cursor: '' } });
    expect(await placeOrders(client(s), [{ market: cent, side: 'bid', price: '0.40', count: '1', client_order_id: 'z' }])).toEqual([item]);
  });
});
