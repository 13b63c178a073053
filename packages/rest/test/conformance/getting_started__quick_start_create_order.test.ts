import { afterEach, describe, expect, it } from 'vitest';
import { createClient, KalshiOrderConflictError, placeOrder, placeOrders, type components, type MarketTicks } from '../../src/index.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply, type SeenRequest } from '../helpers/loopback-server.js';
import { skippingClock } from '../helpers/manual-clock.js';

type Order = components['schemas']['Order'];

const KEY = makeKeyPair();
const KEY_ID = '77777777-7777-4777-8777-777777777777';
const market: MarketTicks = { ticker: 'KXDUP-26JAN01-T1', price_level_structure: 'linear_cent' };

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A small Kalshi on the loopback server: creates orders (single and batched), refuses a reused
 * client_order_id with 409 `order_already_exists` (per item in a batch), lists orders, and drops the
 * connection after processing the first `lose` creates, so the client never sees those answers.
 */
async function kalshi(options: { lose: number; existing?: Order[] }) {
  const orders: Order[] = [...(options.existing ?? [])];
  let lose = options.lose;
  const duplicate = { code: 'order_already_exists', message: 'order already exists', details: 'client_order_id is already used by an open order' };
  const create = (item: Record<string, string>) => {
    if (orders.some((o) => o.client_order_id === item.client_order_id)) return { error: duplicate };
    const order: Order = {
      order_id: `o-${orders.length + 1}`,
      user_id: 'u-1',
      client_order_id: item.client_order_id!,
      ticker: item.ticker!,
      outcome_side: item.side === 'bid' ? 'yes' : 'no',
      book_side: item.side as 'bid' | 'ask',
      type: 'limit',
      status: 'resting',
      yes_price_dollars: item.price!,
      no_price_dollars: '0.0000',
      fill_count_fp: '0.00',
      remaining_count_fp: item.count!,
      initial_count_fp: item.count!,
      taker_fees_dollars: '0.0000',
      maker_fees_dollars: '0.0000',
      taker_fill_cost_dollars: '0.0000',
      maker_fill_cost_dollars: '0.0000',
      created_time: '2026-01-01T00:00:01.234Z',
    };
    orders.push(order);
    return { order_id: order.order_id, client_order_id: order.client_order_id, fill_count: '0.00', remaining_count: order.remaining_count_fp, ts_ms: 1767225601234 };
  };
  const handler = (req: SeenRequest): Reply => {
    if (req.method === 'GET' && req.pathname.endsWith('/portfolio/orders')) {
      return { json: { orders: orders.filter((o) => o.ticker === req.query.get('ticker')), cursor: '' } };
    }
    let reply: Reply;
    if (req.pathname.endsWith('/portfolio/events/orders/batched')) {
      reply = { status: 201, json: { orders: (req.json as { orders: Record<string, string>[] }).orders.map(create) } };
    } else {
      const result = create(req.json as Record<string, string>);
      reply = 'error' in result ? { status: 409, json: result.error } : { status: 201, json: result };
    }
    if (lose > 0) {
      lose -= 1;
      return { destroy: true };
    }
    return reply;
  };
  server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler });
  const client = createClient({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: { baseDelayMs: 1 }, clock: skippingClock() });
  return { client, orders, server };
}

describe('duplicate client_order_id', () => {
  it('/getting_started/quick_start_create_order: a create whose answer was lost and whose retry is refused as a duplicate resolves to the order the first attempt created', async () => {
    // Quote: "If network issues occur, you can resubmit with the same `client_order_id`"
    // Quote: "The API will reject duplicate submissions, preventing accidental double orders"
    // Quote: "`409 Conflict`: Order with this `client_order_id` already exists"
    const { client, orders, server: s } = await kalshi({ lose: 1 });
    const placed = await placeOrder(client, { market, side: 'bid', price: '0.42', count: '3', client_order_id: 'dup-1' });
    expect(orders).toHaveLength(1);
    expect(placed).toMatchObject({ order_id: 'o-1', client_order_id: 'dup-1', fill_count: '0.00', remaining_count: '3.00', ts_ms: 1767225601234 });
    expect(placed.existing?.order_id).toBe('o-1');
    // Sent twice (the answer to the first was lost), refused once, then looked up by ticker.
    expect(s.requests.map((r) => `${r.method} ${r.pathname.replace('/trade-api/v2', '')}`)).toEqual([
      'POST /portfolio/events/orders',
      'POST /portfolio/events/orders',
      'GET /portfolio/orders',
    ]);
    expect(s.requests[2]?.query.get('ticker')).toBe(market.ticker);
  });

  it('/getting_started/quick_start_create_order: a batch whose answer was lost resolves each refused item to the order it created', async () => {
    // Quote: "If network issues occur, you can resubmit with the same `client_order_id`"
    // Quote: "The API will reject duplicate submissions, preventing accidental double orders"
    // Spec: openapi.yaml reports a failed batch item in its own `error` object (an ErrorResponse) inside a 201.
    const { client, orders } = await kalshi({ lose: 1 });
    const placed = await placeOrders(client, [
      { market, side: 'bid', price: '0.40', count: '2', client_order_id: 'b-1' },
      { market, side: 'ask', price: '0.60', count: '5', client_order_id: 'b-2' },
    ]);
    expect(orders).toHaveLength(2);
    expect(placed.map((p) => [p.order_id, p.client_order_id, p.remaining_count, p.error ?? null])).toEqual([
      ['o-1', 'b-1', '2.00', null],
      ['o-2', 'b-2', '5.00', null],
    ]);
  });

  it('/getting_started/quick_start_create_order: undocumented — a client_order_id held by a different order is a typed error naming the field and value, never that order', async () => {
    // Quote: "Generate a unique ID (like UUID4) for each order before submission"
    // Quote: "`409 Conflict`: Order with this `client_order_id` already exists"
    // Undocumented: the page does not say what a resubmission that differs from the first order gets; we refuse to
    // report someone else's order (other price, count, side or market) as this one, which would hide a lost order.
    const { client } = await kalshi({ lose: 0 });
    await placeOrder(client, { market, side: 'bid', price: '0.42', count: '3', client_order_id: 'dup-2' });
    const error = await placeOrder(client, { market, side: 'bid', price: '0.43', count: '4', client_order_id: 'dup-2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiOrderConflictError);
    expect(error).toMatchObject({ code: 'REST_ORDER_CONFLICT', field: 'client_order_id' });
    expect(error).toMatchObject({ field: 'client_order_id', value: 'dup-2', existingOrderId: 'o-1', mismatches: ['price', 'count'] });
    expect((error as Error).message).toContain('client_order_id');
    expect((error as Error).message).toContain('dup-2');
    const batch = await placeOrders(client, [{ market, side: 'ask', price: '0.42', count: '3', client_order_id: 'dup-2' }]);
    expect(batch[0]?.error?.code).toBe('order_already_exists');
    expect(batch[0]?.conflict).toMatchObject({ field: 'client_order_id', value: 'dup-2', mismatches: ['side'] });
  });
});
