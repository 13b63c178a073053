import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
const ticker = 'KXFUND-26DEC31-A';
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [{ ticker }] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

describe('deposits and withdrawals', () => {
  it('are empty lists (users start funded) and refuse a limit above 500', async () => {
    expect((await h.rest(0).get('/portfolio/deposits')).body).toEqual({ deposits: [], cursor: '' });
    expect((await h.rest(0).get('/portfolio/withdrawals')).body).toEqual({ withdrawals: [], cursor: '' });
    expect((await h.rest(0).get('/portfolio/deposits?limit=501')).status).toBe(400);
  });
});

describe('resting order value', () => {
  it('is what the resting orders hold, over every subaccount', async () => {
    await h.rest(0).post('/portfolio/subaccounts', {});
    await h.rest(0).post('/portfolio/subaccounts/transfer', { client_transfer_id: '7d1e0c52-0000-4000-8000-000000000001', from_subaccount: 0, to_subaccount: 1, amount_cents: 1_000 });
    await h.rest(0).order({ ticker, side: 'bid', price: '0.25', count: '8' });
    await h.rest(0).order({ ticker, side: 'ask', price: '0.90', count: '5', subaccount: 1 });
    // 8 × 0.25 + 5 × (1 − 0.90) = 2.50
    expect((await h.rest(0).get('/portfolio/summary/total_resting_order_value')).body).toEqual({
      total_resting_order_value: 250,
      resting_order_value_breakdown: [{ exchange_index: 0, balance: '2.5000' }],
    });
  });
});

describe('intra-exchange-instance transfers', () => {
  it('move cash between subaccounts on the one instance, in centicents, and show in both histories', async () => {
    await h.rest(1).post('/portfolio/subaccounts', {});
    const sent = await h.rest(1).post('/portfolio/intra_exchange_instance_transfer', {
      source: 'event_contract',
      destination: 'event_contract',
      amount: 123_400,
      destination_subaccount: 1,
    });
    expect(sent.status).toBe(200);
    const id = sent.body.transfer_id as string;
    const balances = (await h.rest(1).get('/portfolio/subaccounts/balances')).body.subaccount_balances;
    expect(balances[1]).toMatchObject({ subaccount_number: 1, balance: '12.3400' });
    expect((await h.rest(1).get(`/portfolio/intra_exchange_instance_transfers/${id}`)).body.transfer).toMatchObject({
      transfer_id: id,
      amount: '12.3400',
      status: 'complete',
      source: 'event_contract',
      destination: 'event_contract',
    });
    expect((await h.rest(1).get('/portfolio/intra_exchange_instance_transfers')).body.transfers).toHaveLength(1);
    expect((await h.rest(1).get('/portfolio/subaccounts/transfers')).body.transfers[0]).toMatchObject({ transfer_id: id, amount_cents: 1_234 });
    expect((await h.rest(1).get('/portfolio/intra_exchange_instance_transfers/nope')).status).toBe(404);
    const margined = await h.rest(1).post('/portfolio/intra_exchange_instance_transfer', { source: 'event_contract', destination: 'margined', amount: 100 });
    expect(margined).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
    expect(margined.body.details).toContain('destination');
  });
});

describe('target balance allocation', () => {
  it('defaults to 100% on index 0, keeps a valid replacement, and refuses totals other than 100', async () => {
    expect((await h.rest(0).get('/portfolio/target_balance_allocation')).body).toEqual({
      allocations: [{ exchange_index: 0, percent: 100 }],
      resting_margin_reservation: 'sum',
    });
    expect((await h.rest(0).post('/portfolio/target_balance_allocation', { allocations: [], resting_margin_reservation: 'none' })).status).toBe(200);
    expect((await h.rest(0).get('/portfolio/target_balance_allocation')).body).toEqual({ allocations: [], resting_margin_reservation: 'none' });
    const bad = await h.rest(0).post('/portfolio/target_balance_allocation', { allocations: [{ exchange_index: 0, percent: 90 }] });
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  });
});
