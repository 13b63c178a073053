import { afterEach, describe, expect, it } from 'vitest';
import { createClient, decreaseOrder, KalshiOrderError } from '../../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from '../helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '88888888-8888-4888-8888-888888888888';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('/api-reference/orders/decrease-order-v2', () => {
  it('/api-reference/orders/decrease-order-v2: decreaseOrder sends exactly one of reduce_by and reduce_to, and refuses both or neither before sending', async () => {
    // Quote: "Exactly one of `reduce_by` or `reduce_to` must be provided."
    server = await startLoopback({ keys: { [KEY_ID]: KEY.publicKey }, handler: () => ({ json: { order_id: 'o-1', remaining_count: '1.00', ts_ms: 1 } }) });
    const kalshi = createClient({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false });
    for (const [by, field, value] of [
      [{ reduceBy: '1', reduceTo: '2' }, 'reduce_to', '2'],
      [{}, 'reduce_by', 'undefined'],
    ] as const) {
      const error = await decreaseOrder(kalshi, 'o-1', by as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KalshiOrderError);
      expect(error).toMatchObject({ code: 'REST_ORDER_INVALID', field, value });
    }
    expect(server.requests).toHaveLength(0);
    await decreaseOrder(kalshi, 'o-1', { reduceBy: '1' });
    await decreaseOrder(kalshi, 'o-1', { reduceTo: '1' });
    expect(server.requests.map((r) => r.json)).toEqual([{ reduce_by: '1.00' }, { reduce_to: '1.00' }]);
  });
});
