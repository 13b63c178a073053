// cancelOrder, cancelOrders, decreaseOrder and the outcome of placeOrder / placeOrders (issue #13 item 3),
// against the loopback server, which checks every request against specs/openapi.yaml.
import { Contracts } from '@kalshi-sdk/fixed-point';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelOrder,
  cancelOrders,
  createClient,
  decreaseOrder,
  KalshiOrderError,
  placeOrder,
  placeOrders,
  type MarketTicks,
  type OrderOutcome,
  type PlaceOrderParams,
} from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply } from './helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '66666666-6666-4666-8666-666666666666';
const market: MarketTicks = { ticker: 'KXLIFE-26JAN01-T1', price_level_structure: 'linear_cent' };

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...replies: Reply[]): Promise<Loopback> {
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: (_, i) => replies[Math.min(i, replies.length - 1)]! });
  return server;
}

const client = (s: Loopback) => createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false });

/** The outcome with its counts as wire strings, for comparing. */
function plain(outcome: OrderOutcome | undefined): Record<string, string> | undefined {
  if (outcome === undefined) return undefined;
  return Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, v instanceof Contracts ? v.toWire() : String(v)]));
}

describe('cancelOrder', () => {
  it('sends DELETE /portfolio/events/orders/{order_id} with subaccount and market_ticker, and returns the answer', async () => {
    const s = await serve({ json: { order_id: 'o-1', client_order_id: 'c-1', reduced_by: '10.00', ts_ms: 5 } });
    const cancelled = await cancelOrder(client(s), { orderId: 'o-1', subaccount: 3, marketTicker: market.ticker });
    expect(cancelled).toEqual({ order_id: 'o-1', client_order_id: 'c-1', reduced_by: '10.00', ts_ms: 5 });
    const [req] = s.requests;
    expect([req?.method, req?.pathname, req?.signatureValid]).toEqual(['DELETE', '/trade-api/v2/portfolio/events/orders/o-1', true]);
    expect(Object.fromEntries(req!.query)).toEqual({ subaccount: '3', market_ticker: market.ticker });
  });

  it('takes a bare order id', async () => {
    const s = await serve({ json: { order_id: 'o-2', reduced_by: '1.00', ts_ms: 1 } });
    await cancelOrder(client(s), 'o-2');
    expect(s.requests[0]?.url).toBe('/trade-api/v2/portfolio/events/orders/o-2');
  });

  it.each([
    ['an empty order id', '', 'order_id', ''],
    ['a blank order id', { orderId: '  ' }, 'order_id', '  '],
    ['subaccount 64', { orderId: 'o-1', subaccount: 64 }, 'subaccount', 64],
    ['a fractional subaccount', { orderId: 'o-1', subaccount: 1.5 }, 'subaccount', 1.5],
    ['an empty market ticker', { orderId: 'o-1', marketTicker: '' }, 'market_ticker', ''],
  ] as const)('refuses %s with KalshiOrderError naming the field and value; nothing is sent', async (_, ref, field, value) => {
    const s = await serve({ json: {} });
    const error = await cancelOrder(client(s), ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiOrderError);
    expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field, value });
    expect(s.requests).toHaveLength(0);
  });
});

describe('signal', () => {
  it('an aborted signal ends cancelOrder, cancelOrders and decreaseOrder with its reason before anything is sent', async () => {
    const s = await serve({ json: {} });
    const reason = new Error('deadline');
    const signal = AbortSignal.abort(reason);
    await expect(cancelOrder(client(s), 'o-1', { signal })).rejects.toBe(reason);
    await expect(cancelOrders(client(s), ['o-1'], { signal })).rejects.toBe(reason);
    await expect(decreaseOrder(client(s), 'o-1', { reduceBy: '1' }, { signal })).rejects.toBe(reason);
    expect(s.requests).toHaveLength(0);
  });
});

describe('decreaseOrder', () => {
  it('sends reduce_by in wire format, with the subaccount in the query and the market for routing', async () => {
    const s = await serve({ json: { order_id: 'o-1', remaining_count: '8.00', ts_ms: 2 } });
    const decreased = await decreaseOrder(client(s), { orderId: 'o-1', subaccount: 2, marketTicker: market.ticker }, { reduceBy: '2' });
    expect(decreased.remaining_count).toBe('8.00');
    const [req] = s.requests;
    expect([req?.method, req?.pathname]).toEqual(['POST', '/trade-api/v2/portfolio/events/orders/o-1/decrease']);
    expect(Object.fromEntries(req!.query)).toEqual({ subaccount: '2' });
    expect(req?.json).toEqual({ reduce_by: '2.00', market_ticker: market.ticker });
  });

  it('sends reduce_to, zero included, from a string or Contracts', async () => {
    const s = await serve({ json: { order_id: 'o-1', remaining_count: '0.00', ts_ms: 2 } });
    await decreaseOrder(client(s), 'o-1', { reduceTo: '0' });
    await decreaseOrder(client(s), 'o-1', { reduceTo: Contracts.parse('3.5') });
    expect(s.requests.map((r) => r.json)).toEqual([{ reduce_to: '0.00' }, { reduce_to: '3.50' }]);
  });

  it.each([
    ['reduceBy below the 0.01 granularity', { reduceBy: '1.234' }, 'reduce_by', '1.234'],
    ['a zero reduceBy', { reduceBy: '0' }, 'reduce_by', '0'],
    ['a negative reduceBy', { reduceBy: '-1' }, 'reduce_by', '-1'],
    ['reduceTo that is not a number', { reduceTo: 'ten' }, 'reduce_to', 'ten'],
    ['a negative reduceTo', { reduceTo: '-2' }, 'reduce_to', '-2'],
  ])('refuses %s with KalshiOrderError naming the field and value; nothing is sent', async (_, by, field, value) => {
    const s = await serve({ json: {} });
    const error = await decreaseOrder(client(s), 'o-1', by as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiOrderError);
    expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field, value });
    expect(s.requests).toHaveLength(0);
  });
});

describe('cancelOrders', () => {
  it('sends one BatchCancelOrdersV2 body and returns the items, refused ones with their error', async () => {
    const items = [
      { order_id: 'o-1', client_order_id: 'c-1', reduced_by: '10.00', ts_ms: 7 },
      { order_id: 'o-2', client_order_id: null, reduced_by: '0.00', ts_ms: null, error: { code: 'not_found', message: 'order not found' } },
    ];
    const s = await serve({ json: { orders: items } });
    expect(await cancelOrders(client(s), ['o-1', { orderId: 'o-2', subaccount: 1, marketTicker: market.ticker }])).toEqual(items);
    const [req] = s.requests;
    expect([req?.method, req?.pathname]).toEqual(['DELETE', '/trade-api/v2/portfolio/events/orders/batched']);
    expect(req?.json).toEqual({ orders: [{ order_id: 'o-1' }, { order_id: 'o-2', subaccount: 1, market_ticker: market.ticker }] });
  });

  it('refuses an empty batch and a bad item by index; nothing is sent', async () => {
    const s = await serve({ json: { orders: [] } });
    await expect(cancelOrders(client(s), [])).rejects.toMatchObject({ code: 'REST_ORDER_INVALID', field: 'orders' });
    await expect(cancelOrders(client(s), ['o-1', ''])).rejects.toMatchObject({ code: 'REST_ORDER_INVALID', field: 'orders[1].order_id', value: '' });
    expect(s.requests).toHaveLength(0);
  });
});

describe('the outcome of placeOrder', () => {
  const created = (fill: string, remaining: string): Reply => ({ status: 201, json: { order_id: 'o-1', client_order_id: 'c', fill_count: fill, remaining_count: remaining, ts_ms: 1 } });
  const order = (extra: Partial<PlaceOrderParams> = {}): PlaceOrderParams => ({ market, side: 'bid', price: '0.50', count: '10', ...extra });

  it.each([
    ['rested', order(), created('0.00', '10.00'), { kind: 'resting', filled: '0.00', resting: '10.00' }],
    ['partly filled, rest resting', order(), created('4.00', '6.00'), { kind: 'partially_filled_resting', filled: '4.00', resting: '6.00' }],
    ['filled', order(), created('10.00', '0.00'), { kind: 'filled', filled: '10.00' }],
    ['stopped by self-trade prevention (taker_at_cross), after 3 filled', order(), created('3.00', '0.00'), { kind: 'cancelled', reason: 'self_trade_prevention', filled: '3.00', cancelled: '7.00' }],
    ['stopped by self-trade prevention before any fill', order(), created('0.00', '0.00'), { kind: 'cancelled', reason: 'self_trade_prevention', filled: '0.00', cancelled: '10.00' }],
    ['IOC, partly filled', order({ time_in_force: 'immediate_or_cancel' }), created('2.50', '0.00'), { kind: 'cancelled', reason: 'immediate_or_cancel_unfilled', filled: '2.50', cancelled: '7.50' }],
    ['FOK, unfilled', order({ time_in_force: 'fill_or_kill' }), created('0.00', '0.00'), { kind: 'cancelled', reason: 'fill_or_kill_unfilled', filled: '0.00', cancelled: '10.00' }],
    ['post-only that would cross', order({ post_only: true }), created('0.00', '0.00'), { kind: 'cancelled', reason: 'post_only_cross', filled: '0.00', cancelled: '10.00' }],
    ['in an order group (its limit also cancels)', order({ order_group_id: 'g-1' }), created('1.00', '0.00'), { kind: 'cancelled', reason: 'unspecified', filled: '1.00', cancelled: '9.00' }],
  ])('%s', async (_, params, reply, outcome) => {
    const s = await serve(reply);
    const placed = await placeOrder(client(s), params);
    expect(plain(placed.outcome)).toEqual(outcome);
    expect(placed.fill_count).toBe((reply as { json: { fill_count: string } }).json.fill_count); // the existing fields stay
  });

  it('is set on each placed batch item, not on a refused one', async () => {
    const s = await serve({
      status: 201,
      json: {
        orders: [
          { order_id: 'o-1', client_order_id: 'a', fill_count: '1.00', remaining_count: '0.00', average_fill_price: '0.5000', average_fee_paid: '0.0100', ts_ms: 1 },
          { order_id: null, client_order_id: 'b', fill_count: null, remaining_count: null, error: { code: 'insufficient_balance', message: 'no' } },
        ],
      },
    });
    const items = await placeOrders(client(s), [order({ count: '1', client_order_id: 'a' }), order({ client_order_id: 'b' })]);
    expect(items.map((i) => plain(i.outcome))).toEqual([{ kind: 'filled', filled: '1.00' }, undefined]);
  });
});
