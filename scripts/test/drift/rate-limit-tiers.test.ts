/**
 * Drift test of the rate-limit tiers: the client's table (`@kalshi-sdk/rest`), the mock exchange's
 * own table (packages/mock-exchange/src/rest/tiers.ts) and the page /getting_started/rate_limits
 * must agree on every tier's budgets and bucket capacities. The two tables are kept apart on
 * purpose (a wrong budget in one must not hide behind the same one in the other); this test is
 * what keeps them both on the page.
 */
import { RateLimiter, TIER_BUDGETS, type RateLimitTier } from '@kalshi-sdk/rest';
import { describe, expect, it } from 'vitest';
import { MOCK_TIERS } from '../../../packages/mock-exchange/src/rest/tiers.ts';
import { foldText, loadKalshiDocs } from '../../lib/kalshi-docs.ts';

const page = loadKalshiDocs().get('/getting_started/rate_limits');
const text = page?.text ?? '';

type Row = { read: number; write: number; readCapacity: number; writeCapacity: number };

/** Parses the page's "Tiers and budgets" table (`Premier1,0001,000`) and its capacity sentences. */
function documentedTiers(): Record<string, Row> {
  const twoSeconds = foldText(text).includes(foldText('Your Write bucket holds **two seconds** of your per-second budget'));
  const basicOne = foldText(text).includes(foldText('Basic tier is the exception — its Write bucket holds one second of budget'));
  if (!twoSeconds || !basicOne) throw new Error('the page no longer states the Write bucket capacities this test reads');
  const num = String.raw`(\d{1,3}(?:,\d{3})*)`;
  const rows: Record<string, Row> = {};
  for (const m of text.matchAll(new RegExp(String.raw`^(Basic|Advanced|Premier|Paragon|Prime)${num}${num}\s*$`, 'gm'))) {
    const tier = m[1]!.toLowerCase();
    const read = Number(m[2]!.replaceAll(',', ''));
    const write = Number(m[3]!.replaceAll(',', ''));
    // The page gives the Read bucket no headroom: one second of budget.
    rows[tier] = { read, write, readCapacity: read, writeCapacity: write * (tier === 'basic' ? 1 : 2) };
  }
  return rows;
}

describe('drift: rate-limit tiers', () => {
  it('drift: the page lists the five tiers', () => {
    expect(page, 'no page /getting_started/rate_limits in the docs copy').toBeDefined();
    expect(Object.keys(documentedTiers()).sort()).toEqual(['advanced', 'basic', 'paragon', 'premier', 'prime']);
  });

  it('drift: the client limiter and the mock exchange hold each tier to the page', () => {
    const documented = documentedTiers();
    const client: Record<string, Row> = {};
    const mock: Record<string, Row> = {};
    for (const tier of Object.keys(TIER_BUDGETS) as RateLimitTier[]) {
      const limiter = new RateLimiter({ tier });
      client[tier] = { read: limiter.read.ratePerSecond, write: limiter.write.ratePerSecond, readCapacity: limiter.read.capacity, writeCapacity: limiter.write.capacity };
    }
    for (const [tier, t] of Object.entries(MOCK_TIERS)) {
      mock[tier] = { read: t.read.ratePerSecond, write: t.write.ratePerSecond, readCapacity: t.read.capacity, writeCapacity: t.write.capacity };
    }
    expect(client).toEqual(documented);
    expect(mock).toEqual(documented);
  });
});
