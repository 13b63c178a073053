import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXLIMITS');

it('/api-reference/account/get-account-api-limits: the caller\'s buckets are the tier table\'s budgets, Basic\'s write bucket one second deep', async () => {
  // Quote: "Endpoint to retrieve the API tier limits associated with the authenticated user."
  // Quote /getting_started/rate_limits: "Basic tier is the exception — its Write bucket holds one second of budget, with no accumulated headroom."
  // Quote /getting_started/rate_limits: "Your Write bucket holds **two seconds** of your per-second budget"
  file.h.mock.exchange.faults.rest.setRateLimit('basic');
  try {
    expect((await file.h.rest(0).get('/account/limits')).body).toMatchObject({
      usage_tier: 'basic',
      read: { refill_rate: 200, bucket_capacity: 200 },
      write: { refill_rate: 100, bucket_capacity: 100 },
    });
    file.h.mock.exchange.faults.rest.setRateLimit('premier');
    expect((await file.h.rest(0).get('/account/limits')).body).toMatchObject({
      usage_tier: 'premier',
      read: { refill_rate: 1000, bucket_capacity: 1000 },
      write: { refill_rate: 1000, bucket_capacity: 2000 },
    });
  } finally {
    file.h.mock.exchange.faults.rest.setRateLimit(undefined);
  }
});
