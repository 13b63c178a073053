/**
 * `kalshi-mock snapshot` captures the reference data around its markets through @kalshi-sdk/rest,
 * tested against the mock itself: what a mock loaded from fixtures serves comes back as fixtures
 * that load again.
 */
import { describe, expect, it } from 'vitest';
import { snapshotFixtures } from '../src/cli/snapshot.js';
import { startMockExchange, validateFixtures } from '../src/index.js';
import { REFERENCE_FIXTURES } from './support/reference-fixtures.js';

describe('kalshi-mock snapshot: reference data', () => {
  it('captures milestones, live data, targets, incentives, fee changes, tags and sport filters, and the capture loads again', async () => {
    const source = await startMockExchange({ fixtures: REFERENCE_FIXTURES });
    try {
      const snap = await snapshotFixtures({ env: 'demo', baseUrl: source.restUrl, limit: 10, seriesTicker: undefined });
      expect(snap.milestones).toEqual([{ ...REFERENCE_FIXTURES.milestones![0], start_date: '2026-06-30T23:00:00Z' }]);
      expect(snap.live_data).toEqual(REFERENCE_FIXTURES.live_data);
      expect(snap.structured_targets).toEqual(REFERENCE_FIXTURES.structured_targets);
      expect(snap.incentive_programs).toEqual(REFERENCE_FIXTURES.incentive_programs);
      expect(snap.series_fee_changes).toEqual([{ ...REFERENCE_FIXTURES.series_fee_changes![0], scheduled_ts: '2026-07-01T00:00:00.000Z' }]);
      expect(snap.event_fee_changes).toEqual([{ ...REFERENCE_FIXTURES.event_fee_changes![0], scheduled_ts: '2026-06-15T00:00:00.000Z' }]);
      expect(snap.tags_by_categories?.['Sports']).toEqual(['Basketball']);
      expect(snap.sport_filters).toEqual(REFERENCE_FIXTURES.sport_filters);
      expect(() => validateFixtures(JSON.parse(JSON.stringify(snap)))).not.toThrow();
      const again = await startMockExchange({ fixtures: snap });
      expect(again.exchange.engine.reference.milestones.get('ms-1')?.title).toBe('Home vs Away');
      await again.close();
    } finally {
      await source.close();
    }
  });
});
