import { afterEach, describe, expect, it } from 'vitest';
import { cancelOrders, createClient, KalshiRateLimitError } from '../../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from '../helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '99999999-9999-4999-8999-999999999999';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('/api-reference/orders/batch-cancel-orders-v2', () => {
  it('/api-reference/orders/batch-cancel-orders-v2: cancelOrders on the Basic tier sends 50 cancels (100 tokens) and refuses 51 before sending, naming the largest batch', async () => {
    // Quote: "The maximum batch size scales with your tier's write budget"
    // Quote: "billed per item, so total cost for a batch of N cancels is N × 2"
    // Quote /getting_started/rate_limits: "cancelling 25 orders costs `25 × 2 = 50` tokens"
    server = await startLoopback({
      keys: { [KEY_ID]: KEY.publicKey },
      handler: (req) => ({ json: { orders: (req.json as { orders: Array<{ order_id: string }> }).orders.map((o) => ({ order_id: o.order_id, reduced_by: '1.00', ts_ms: 1 })) } }),
    });
    const kalshi = createClient({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: { tier: 'basic' }, retry: false });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `o-${i}`);
    const error = await cancelOrders(kalshi, ids(51)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiRateLimitError);
    expect(error).toMatchObject({ code: 'REST_COST_OVER_CAPACITY', bucket: 'write', tokens: 102, capacity: 100, maxItems: 50 });
    expect(server.requests).toHaveLength(0);
    expect(await cancelOrders(kalshi, ids(50))).toHaveLength(50);
    expect(server.requests).toHaveLength(1);
  });
});
