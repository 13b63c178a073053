/**
 * Rate limits: one limiter per API key, sized from GET /account/limits and costed from
 * GET /account/endpoint_costs, shared by every client of that key; across worker threads, one
 * budget in a SharedArrayBuffer.
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY=./key.pem npx tsx examples/rate-limits.ts`
 */
// readme:start
import { createClient, RateLimiter, SharedArrayBufferRateLimitStore, type ClientOptions, type KalshiClient, type RateLimitTier } from '@kalshi-sdk/rest';

/** A client whose limiter matches the account's real budgets and endpoint costs. */
export async function calibratedClient(options: ClientOptions & { throwOnError?: true }): Promise<{ kalshi: KalshiClient; limiter: RateLimiter }> {
  const probe = createClient(options); // paces itself on the Basic tier meanwhile
  const { data: limits } = await probe.GET('/account/limits'); // { read: { refill_rate, bucket_capacity }, write: … }
  const { data: costs } = await probe.GET('/account/endpoint_costs'); // { default_cost, endpoint_costs: [{ method, path, cost }] }
  const limiter = new RateLimiter({ limits, endpointCosts: costs }); // or new RateLimiter({ tier: 'advanced' })
  // Share `limiter` between every client of this API key; limiter.setEndpointCosts(costs) refreshes it.
  return { kalshi: createClient({ ...options, rateLimit: limiter }), limiter };
}

/**
 * Worker threads of one API key: create the store once (`new SharedArrayBufferRateLimitStore()`),
 * pass its `buffer` to each worker (`workerData`), and build every thread's limiter on it.
 */
export function threadLimiter(buffer: SharedArrayBuffer, tier: RateLimitTier): RateLimiter {
  return new RateLimiter({ tier, store: new SharedArrayBufferRateLimitStore(buffer) });
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const { limiter } = await calibratedClient({
    ...(process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' }),
    apiKeyId: process.env.KALSHI_API_KEY_ID!,
    privateKey: process.env.KALSHI_PRIVATE_KEY!,
  });
  console.log(`read ${limiter.read.ratePerSecond}/s (holds ${limiter.read.capacity}), write ${limiter.write.ratePerSecond}/s (holds ${limiter.write.capacity})`);
  console.log(`a cancel costs ${limiter.costOf('CancelOrderV2').tokens} tokens, a batch of 20 creates ${limiter.costOf('BatchCreateOrdersV2', { orders: Array(20).fill({}) }).tokens}`);
}
