// A worker thread of client-pacing.test.ts: one REST client whose limiter keeps its buckets in the
// SharedArrayBuffer the test hands it, sending `count` GET /portfolio/balance, 4 at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, RateLimiter, SharedArrayBufferRateLimitStore } from '@kalshi-sdk/rest';

const { restUrl, apiKeyId, privateKeyPem, buffer, count } = workerData;
const limiter = new RateLimiter({ tier: 'basic', store: new SharedArrayBufferRateLimitStore(buffer) });
let limited = 0;
const kalshi = createClient({ baseUrl: restUrl, apiKeyId, privateKey: privateKeyPem, rateLimit: limiter, retry: { onRetry: (e) => (limited += e.status === 429 ? 1 : 0) } });
let next = 0;
const loop = async () => {
  while (next < count) {
    next++;
    await kalshi.GET('/portfolio/balance');
  }
};
await Promise.all([loop(), loop(), loop(), loop()]);
parentPort.postMessage({ limited });
