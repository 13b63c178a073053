import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockMilestone } from '../src/index.js';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: new ManualClock() });
  h.mock.exchange.addMilestone(milestone('ms-election', { category: 'Elections', type: 'political_race', start_date: '2026-11-03T12:00:00Z', last_updated_ts: '2026-10-01T00:00:00Z' }));
  h.mock.exchange.addMilestone(milestone('ms-hockey', { type: 'hockey_match', details: { competition: 'Pro Hockey' }, start_date: '2026-12-20T00:00:00Z', source_id: 'src-9' }));
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

function milestone(id: string, over: Partial<MockMilestone>): MockMilestone {
  return {
    id,
    category: 'Sports',
    type: 'football_game',
    start_date: '2026-12-01T00:00:00Z',
    related_event_tickers: [`EV-${id}`, 'EV-SHARED'],
    primary_event_tickers: [`EV-${id}`],
    title: id,
    notification_message: '',
    details: {},
    last_updated_ts: '2026-12-01T00:00:00Z',
    ...over,
  };
}

const ids = (body: { milestones: Array<{ id: string }> }): string[] => body.milestones.map((m) => m.id);

describe('milestones', () => {
  it('lists every milestone, the default first, and pages with a cursor', async () => {
    const all = await h.rest().get('/milestones?limit=500');
    expect(ids(all.body)).toEqual(['mock-milestone-1', 'ms-election', 'ms-hockey']);
    expect(all.body.cursor).toBeUndefined();
    const first = await h.rest().get('/milestones?limit=2');
    expect(ids(first.body)).toEqual(['mock-milestone-1', 'ms-election']);
    const second = await h.rest().get(`/milestones?limit=2&cursor=${first.body.cursor}`);
    expect(ids(second.body)).toEqual(['ms-hockey']);
  });

  it('filters by category, competition, type, source id, related event, start date and update time', async () => {
    const get = async (q: string) => ids((await h.rest().get(`/milestones?limit=100&${q}`)).body);
    expect(await get('category=Elections')).toEqual(['ms-election']);
    expect(await get('competition=Pro%20Hockey')).toEqual(['ms-hockey']);
    expect(await get('type=football_game')).toEqual(['mock-milestone-1']);
    expect(await get('source_id=src-9')).toEqual(['ms-hockey']);
    expect(await get('related_event_ticker=EV-SHARED')).toEqual(['ms-election', 'ms-hockey']);
    expect(await get('minimum_start_date=2026-12-15T00:00:00Z')).toEqual(['mock-milestone-1', 'ms-hockey']);
    expect(await get(`min_updated_ts=${Date.parse('2026-11-01T00:00:00Z') / 1000}`)).toEqual(['mock-milestone-1', 'ms-hockey']);
  });

  it('requires a limit from 1 to 500 and a valid date', async () => {
    expect((await h.rest().get('/milestones')).body).toMatchObject({ code: 'missing_parameters' });
    expect((await h.rest().get('/milestones?limit=501')).status).toBe(400);
    expect((await h.rest().get('/milestones?limit=5&minimum_start_date=yesterday')).body.details).toMatch(/minimum_start_date/);
  });

  it('gets one milestone by id, 404 for an unknown one', async () => {
    expect((await h.rest().get('/milestones/ms-hockey')).body.milestone).toMatchObject({ id: 'ms-hockey', type: 'hockey_match' });
    expect((await h.rest().get('/milestones/nope')).body).toMatchObject({ code: 'not_found' });
  });

  it('replaces a milestone added again with the same id; rejects one without a start date', () => {
    h.mock.exchange.addMilestone(milestone('ms-replace', { title: 'old' }));
    h.mock.exchange.addMilestone(milestone('ms-replace', { title: 'new' }));
    expect(h.mock.exchange.engine.reference.milestones.get('ms-replace')?.title).toBe('new');
    expect(() => h.mock.exchange.addMilestone(milestone('ms-bad', { start_date: 'soon' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', field: 'milestone.start_date', value: 'soon' }),
    );
  });
});
