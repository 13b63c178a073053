import { afterEach, describe, expect, it } from 'vitest';
import { createClient, placeOrder, type MarketTicks } from '../../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from '../helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const market: MarketTicks = { ticker: 'KXSTP-26JAN01-T1', price_level_structure: 'linear_cent' };

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('/changelog/index', () => {
  it('/changelog/index: a taker_at_cross order that stops short with nothing resting has outcome cancelled for self_trade_prevention, its partial fills kept', async () => {
    // Quote: "`taker_at_cross`: the taker is canceled, execution stops. Any partial fills are executed."
    // Spec: openapi.yaml's CreateOrderV2Response carries fill_count and remaining_count but no status or reason, so the reason is derived from the counts of a good_till_canceled order.
    server = await startLoopback({
      keys: { [KEY_ID]: KEY.publicKey },
      handler: () => ({ status: 201, json: { order_id: 'o-1', client_order_id: 'c', fill_count: '4.00', remaining_count: '0.00', average_fill_price: '0.5000', average_fee_paid: '0.0100', ts_ms: 1 } }),
    });
    const kalshi = createClient({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false });
    const placed = await placeOrder(kalshi, { market, side: 'bid', price: '0.50', count: '10', self_trade_prevention_type: 'taker_at_cross' });
    expect(placed.outcome.kind).toBe('cancelled');
    if (placed.outcome.kind !== 'cancelled') return;
    expect(placed.outcome.reason).toBe('self_trade_prevention');
    expect([placed.outcome.filled.toWire(), placed.outcome.cancelled.toWire()]).toEqual(['4.00', '6.00']);
  });
});
