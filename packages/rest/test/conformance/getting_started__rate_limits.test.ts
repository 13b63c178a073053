import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, KalshiApiError, KalshiRateLimitError, RateLimiter, type RateLimitTier, type RetryEvent } from '../../src/index.js';
import { startLoopback, type Loopback } from '../helpers/loopback-server.js';
import { ManualClock } from '../helpers/manual-clock.js';

/** An exact server bucket (no margin): refills continuously up to capacity, refuses what it lacks. */
class ExactBucket {
  #level: number;
  #last: number;
  constructor(
    readonly rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.#level = capacity * 1000;
    this.#last = now;
  }
  admit(cost: number, now: number): boolean {
    this.#level = Math.min(this.capacity * 1000, this.#level + (now - this.#last) * this.rate);
    this.#last = now;
    if (this.#level < cost * 1000) return false;
    this.#level -= cost * 1000;
    return true;
  }
}

const OPS = [
  { op: 'GetMarkets', body: undefined },
  { op: 'CreateOrderV2', body: {} },
  { op: 'CancelOrderV2', body: undefined },
] as const;

describe('/getting_started/rate_limits (client)', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('/getting_started/rate_limits: the client never sends a request an exact server bucket, started at the same moment, would refuse, whatever the network delays', async () => {
    // Quote: "the bucket refills continuously at your per-second budget up to its capacity."
    // Quote: "Over-drawing returns `429 Too Many Requests`."
    // Quote: "Basic tier is the exception — its Write bucket holds one second of budget, with no accumulated headroom."
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<RateLimitTier>('basic', 'advanced'),
        // A burst sent at start is slow to arrive (signatures, new connections), later ones jitter.
        fc.nat(300),
        fc.array(fc.record({ kind: fc.nat(2), delay: fc.nat(60), answer: fc.nat(50) }), { minLength: 20, maxLength: 90 }),
        async (tier, burstDelay, requests) => {
          const clock = new ManualClock();
          const start = clock.now();
          const limiter = new RateLimiter({ tier, clock });
          const server = {
            read: new ExactBucket(limiter.read.ratePerSecond, limiter.read.capacity, clock.now()),
            write: new ExactBucket(limiter.write.ratePerSecond, limiter.write.capacity, clock.now()),
          };
          const refused: string[] = [];
          let pending = requests.length;
          for (const [i, r] of requests.entries()) {
            const { op, body } = OPS[r.kind]!;
            const cost = limiter.costOf(op, body);
            void (async () => {
              await limiter.takeInFlight(op, cost);
              const sentAt = clock.now();
              await clock.sleep(r.delay + (sentAt === start ? burstDelay : 0)); // on the wire: the server sees it only now
              if (!server[cost.bucket].admit(cost.tokens, clock.now())) refused.push(`#${i} ${op} at ${clock.now()}`);
              await clock.sleep(r.answer);
              limiter.settle(cost);
              pending--;
            })();
          }
          while (pending > 0) await clock.advance(5);
          expect(refused).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('/getting_started/rate_limits: a batch costing more than its bucket holds fails fast with KalshiRateLimitError naming the largest batch, and is never sent', async () => {
    // Quote: "submitting 25 orders costs `25 × 10 = 250` tokens."
    // Quote: "Over-drawing returns `429 Too Many Requests`."
    // Quote: "Basic tier is the exception — its Write bucket holds one second of budget"
    server = await startLoopback({ handler: () => ({ status: 201, json: { orders: [] } }) });
    // The batch create needs credentials (else the client refuses it before sending, for that reason).
    const kalshi = createClient({ baseUrl: server.baseUrl, rateLimit: { tier: 'basic' }, retry: false, credentials: { apiKeyId: 'test-key', signer: { sign: async () => 'c2ln' } } });
    const order = { ticker: 'KXA-1', side: 'bid', price: '0.10', count: '1', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' } as const;
    const error = await kalshi.POST('/portfolio/events/orders/batched', { body: { orders: Array.from({ length: 11 }, () => order) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiRateLimitError);
    expect(error).toMatchObject({ code: 'REST_COST_OVER_CAPACITY', operationId: 'BatchCreateOrdersV2', bucket: 'write', tokens: 110, capacity: 100, maxItems: 10, tier: 'basic' });
    expect((error as Error).message).toContain('largest batch it admits is 10');
    expect(server.requests).toHaveLength(0);
    // Ten fit the bucket and go out.
    await kalshi.POST('/portfolio/events/orders/batched', { body: { orders: Array.from({ length: 10 }, () => order) } });
    expect(server.requests).toHaveLength(1);
  });

  it('/getting_started/rate_limits: after a 429 the client waits for its bucket to refill before the retry goes out', async () => {
    // Quote: "Apply exponential backoff on 429 until your bucket refills."
    server = await startLoopback({ handler: (_, i) => (i === 0 ? { status: 429, json: { error: 'too many requests' } } : { json: { markets: [], cursor: '' } }) });
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tier: 'basic', clock });
    const events: RetryEvent[] = [];
    const call = createClient({ baseUrl: server.baseUrl, clock, rateLimit: limiter, retry: { random: () => 0, onRetry: (e) => events.push(e) } }).GET('/markets');
    while (events.length === 0) await new Promise((r) => setImmediate(r));
    expect(events[0]).toMatchObject({ status: 429, delayMs: 0 }); // no backoff: only the drained bucket holds the retry
    await clock.advance(99); // 10 tokens at half of 200/s: 100 ms
    expect(limiter.read.waiting).toBe(1);
    expect(server.requests).toHaveLength(1);
    await clock.advance(1);
    await call;
    expect(server.requests).toHaveLength(2);
  });

  it('/getting_started/rate_limits: the 429 body {"error": "too many requests"} and the ErrorResponse form both map to REST_RATE_LIMITED', async () => {
    // Quote: "A rate-limited request returns `429 Too Many Requests` with the body:"
    // Quote: "{"error": "too many requests"}"
    // Spec: openapi.yaml's RateLimitError response points at ErrorResponse (code, message, details); both are accepted.
    for (const json of [{ error: 'too many requests' }, { code: 'too_many_requests', message: 'too many requests' }]) {
      server = await startLoopback({ handler: () => ({ status: 429, json }) });
      const error = await createClient({ baseUrl: server.baseUrl, rateLimit: false, retry: false })
        .GET('/markets')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KalshiApiError);
      expect(error).toMatchObject({ status: 429, code: 'REST_RATE_LIMITED', kind: 'rate_limited', kalshiMessage: 'too many requests' });
      await server.close();
      server = undefined;
    }
  });

  it('/getting_started/rate_limits: undocumented — a retry-after-ms or Retry-After header, if ever sent, sets the least wait before the retry', async () => {
    // Quote: "429 responses don't currently include `Retry-After` or `X-RateLimit-*` headers."
    // Undocumented: Kalshi sends neither today; if it starts, waiting at least what it asks can only avoid 429s, so both are honoured (retry-after-ms first).
    for (const [headers, want] of [
      [{ 'retry-after-ms': '750' }, 750],
      [{ 'retry-after': '2' }, 2000],
    ] as const) {
      server = await startLoopback({ handler: (_, i) => (i === 0 ? { status: 429, json: { error: 'too many requests' }, headers } : { json: { markets: [], cursor: '' } }) });
      const events: RetryEvent[] = [];
      const clock = new ManualClock();
      const call = createClient({ baseUrl: server.baseUrl, clock, rateLimit: false, retry: { random: () => 0, onRetry: (e) => events.push(e) } }).GET('/markets');
      while (events.length === 0) await new Promise((r) => setImmediate(r));
      expect(events[0]!.delayMs).toBe(want);
      await clock.advance(want);
      await call;
      await server.close();
      server = undefined;
    }
  });
});
