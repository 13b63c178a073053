/**
 * Fixtures carry reference data (milestones, live data, structured targets, incentives, fee
 * changes, tags, sport filters) and reference prices; a bad value in any of those sections fails
 * at start-up naming the file, the JSON path and the expected type.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FIXTURES_SCHEMA, ManualClock, MockExchangeError, startMockExchange, validateFixtures } from '../src/index.js';
import { startHarness } from './support/harness.js';
import { REFERENCE_FIXTURES, REFERENCE_START as START } from './support/reference-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kalshi-fixtures-ref-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('fixtures: reference data and reference prices', () => {
  it('ajv and the loader agree on the reference sections of fixtures.schema.json', () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(FIXTURES_SCHEMA as object);
    expect(validate(REFERENCE_FIXTURES), JSON.stringify(validate.errors)).toBe(true);
    expect(() => validateFixtures(REFERENCE_FIXTURES)).not.toThrow();
  });

  it('serves every reference section over REST and plays the reference prices on the simulator clock', async () => {
    const clock = new ManualClock(START);
    const h = await startHarness({ userCount: 1, clock, fixtures: file('reference.json', REFERENCE_FIXTURES) });
    try {
      const rest = h.rest();
      expect((await rest.get('/milestones?limit=10')).body.milestones.map((m: { id: string }) => m.id)).toEqual(['ms-1']);
      expect((await rest.get('/structured_targets')).body.structured_targets.map((t: { id: string }) => t.id)).toEqual(['st-1']);
      expect((await rest.get('/live_data/milestone/ms-1')).body.live_data).toMatchObject({ milestone_id: 'ms-1', details: { home_points: 12 } });
      expect((await rest.get('/incentive_programs')).body.incentive_programs.map((p: { id: string }) => p.id)).toEqual(['inc-1']);
      expect((await rest.get('/series/fee_changes?show_historical=true')).body.series_fee_change_arr).toEqual([
        { id: 'fc-1', series_ticker: 'KXREF', fee_type: 'quadratic_with_maker_fees', fee_multiplier: 0.5, scheduled_ts: '2026-07-01T00:00:00.000Z' },
      ]);
      expect((await rest.get('/events/fee_changes')).body.event_fee_changes).toMatchObject([{ id: 'efc-1', fee_type_override: 'flat' }]);
      expect((await rest.get('/search/tags_by_categories')).body.tags_by_categories['Sports']).toEqual(['Basketball']);
      expect((await rest.get('/search/filters_by_sport')).body.sport_ordering).toEqual(['Basketball']);
      // No default reference data beside a fixtures file's own.
      expect((await rest.get('/multivariate_event_collections')).body.multivariate_contracts).toEqual([]);

      const ws = await h.ws();
      const sid = (await ws.command('subscribe', { channels: ['cfbenchmarks_value', 'pyth_value'], index_ids: ['BRTI'], underlying_tickers: ['all'] })).msg.sid;
      expect((await ws.command('update_subscription', { sid, action: 'indexlist' })).msg.index_ids).toEqual(['BRTI']);
      clock.advance(2000);
      const tick = await ws.waitFor((f) => f.type === 'cfbenchmarks_value');
      expect(tick.msg).toMatchObject({ index_id: 'BRTI', received_at: START + 2000, avg_60s_data: { value: '68000.12000000', window_size: 1 } });
      expect(h.mock.exchange.priceFeeds.latest('pyth', 'Metal.XAU/USD')).toEqual({ valueUsd: '2400.50000000', sourceTsMs: START });
      h.assertConformance();
    } finally {
      await h.close();
    }
  });

  it.each([
    ['milestones', { milestones: [{ ...REFERENCE_FIXTURES.milestones![0], related_event_tickers: 'KXREF-26JUN30' }] }, '$.milestones[0].related_event_tickers', 'expected array, got string "KXREF-26JUN30"'],
    ['structured_targets', { structured_targets: [{ name: 'no id' }] }, '$.structured_targets[0].id', 'expected required string, got nothing'],
    ['live_data', { live_data: [{ milestone_id: 'ms-1', type: 'x', details: [] }] }, '$.live_data[0].details', 'expected object, got array'],
    ['incentive_programs', { incentive_programs: [{ ...REFERENCE_FIXTURES.incentive_programs![0], period_reward: 12.5 }] }, '$.incentive_programs[0].period_reward', 'expected integer, got number 12.5'],
    ['series_fee_changes', { series_fee_changes: [{ ...REFERENCE_FIXTURES.series_fee_changes![0], fee_multiplier: 0.5 }] }, '$.series_fee_changes[0].fee_multiplier', 'expected string, got number 0.5'],
    ['event_fee_changes', { event_fee_changes: [{ ...REFERENCE_FIXTURES.event_fee_changes![0], scheduled_ts: '2026-02-30T00:00:00Z' }] }, '$.event_fee_changes[0].scheduled_ts', 'expected an ISO 8601 date-time'],
    ['tags_by_categories', { tags_by_categories: { Sports: 'Basketball' } }, '$.tags_by_categories.Sports', 'expected array, got string "Basketball"'],
    ['sport_filters', { sport_filters: { sport_ordering: [] } }, '$.sport_filters.filters_by_sports', 'expected required object, got nothing'],
    ['price_feeds', { price_feeds: { cfbenchmarks: [{ index_id: 'BRTI', value_usd: '68000.123456789' }] } }, '$.price_feeds.cfbenchmarks[0].value_usd', 'expected string matching'],
    ['price_feeds', { price_feeds: { pyth: [{ underlying_ticker: 'all', value_usd: '1' }] } }, '$.price_feeds.pyth[0].underlying_ticker', 'expected string matching'],
  ])('a bad value in %s fails at start-up naming the file, the JSON path and the expected type', async (_section, doc, path, expected) => {
    const name = file(`bad-${path.replace(/[^a-z0-9]/gi, '_')}.json`, doc);
    const error = await startMockExchange({ fixtures: name }).then(
      async (m) => {
        await m.close();
        throw new Error('started');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MockExchangeError);
    expect((error as MockExchangeError).code).toBe('INVALID_OPTIONS');
    expect((error as MockExchangeError).field).toBe(path);
    expect((error as MockExchangeError).message.startsWith(`fixtures ${name}: ${path}: ${expected}`)).toBe(true);
  });
});
