import { beforeAll, expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXTM');

beforeAll(() => {
  const base = { category: 'Elections', notification_message: '', details: {}, last_updated_ts: '2026-11-01T00:00:00Z', start_date: '2026-11-03T00:00:00Z' };
  file.h.mock.exchange.addMilestone({
    ...base,
    id: 'wy-general',
    type: 'one_off_milestone',
    title: 'Wyoming General Elections',
    primary_event_tickers: ['SENATEWY-26'],
    related_event_tickers: ['SENATEWY-26', 'GOVPARTYWY-26', 'KXHOUSERACE-WYAL-26'],
  });
  file.h.mock.exchange.addMilestone({ ...base, id: 'other', type: 'political_race', title: 'Other', primary_event_tickers: ['OTHER-26'], related_event_tickers: ['OTHER-26'] });
  file.h.mock.exchange.addLiveData({ milestone_id: 'wy-general', type: 'one_off_milestone', details: { precincts_reporting: 12 } });
  file.h.mock.exchange.addStructuredTarget({ id: 'st-curling', name: 'Curling club', type: 'curling_team_never_seen_before', details: {} });
});

it('/getting_started/targets_and_milestones: a milestone found by one related event lists the other events of the occurrence', async () => {
  // Quote: "Query by `related_event_ticker`, then read `related_event_tickers` or `primary_event_tickers` from the returned milestone."
  // Quote: "In practice, `related_event_tickers` is often a superset of `primary_event_tickers`."
  const found = await file.h.rest().get('/milestones?limit=10&related_event_ticker=GOVPARTYWY-26');
  expect(found.body.milestones).toHaveLength(1);
  expect(found.body.milestones[0]).toMatchObject({
    id: 'wy-general',
    primary_event_tickers: ['SENATEWY-26'],
    related_event_tickers: ['SENATEWY-26', 'GOVPARTYWY-26', 'KXHOUSERACE-WYAL-26'],
  });
});

it('/getting_started/targets_and_milestones: the milestone id is the key of the live data API', async () => {
  // Quote: "For milestone types that expose live updates, the same milestone ID is also the key used by the live data API."
  const milestone = (await file.h.rest().get('/milestones/wy-general')).body.milestone;
  const live = await file.h.rest().get(`/live_data/milestone/${milestone.id}`);
  expect(live.body.live_data).toEqual({ milestone_id: 'wy-general', type: 'one_off_milestone', details: { precincts_reporting: 12 } });
});

it('/getting_started/targets_and_milestones: structured target types are not a fixed list', async () => {
  // Quote: "`type` values are not a short fixed list."
  const listed = await file.h.rest().get('/structured_targets?type=curling_team_never_seen_before');
  expect(listed.body.structured_targets.map((t: { id: string }) => t.id)).toEqual(['st-curling']);
});
