import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 4, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

let n = 0;
const market = (): string => {
  const ticker = `KXSUB-26DEC31-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
};
const balances = async (u: number): Promise<Record<number, string>> =>
  Object.fromEntries((await h.rest(u).get('/portfolio/subaccounts/balances')).body.subaccount_balances.map((b: { subaccount_number: number; balance: string }) => [b.subaccount_number, b.balance]));
const transfer = (u: number, id: string, from: number, to: number, cents: number) =>
  h.rest(u).post('/portfolio/subaccounts/transfer', { client_transfer_id: id, from_subaccount: from, to_subaccount: to, amount_cents: cents });

describe('subaccounts have their own cash and positions', () => {
  it('an order on a subaccount spends only that subaccount\'s cash', async () => {
    const ticker = market();
    expect(await h.rest(0).post('/portfolio/subaccounts', {})).toMatchObject({ status: 201, body: { subaccount_number: 1 } });
    expect(await transfer(0, '5f0c4f3e-0000-4000-8000-000000000001', 0, 1, 10_000)).toMatchObject({ status: 200 });
    expect(await balances(0)).toEqual({ 0: '9900.0000', 1: '100.0000' });

    // $120 is more than subaccount 1 holds, though the primary has plenty.
    const tooBig = await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '300', subaccount: 1 });
    expect(tooBig).toMatchObject({ status: 400, body: { code: 'insufficient_balance' } });

    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '100', subaccount: 1 });
    expect(await balances(0)).toEqual({ 0: '9900.0000', 1: '60.0000' });
    expect((await h.rest(0).get('/portfolio/balance')).body.balance_dollars).toBe('9900.0000');
  });

  it('a fill on a subaccount books the position there, not on the primary, and settlement pays it there', async () => {
    const ticker = market();
    await h.rest(1).post('/portfolio/subaccounts', {});
    await transfer(1, '5f0c4f3e-0000-4000-8000-000000000002', 0, 1, 5_000);
    await h.rest(1).order({ ticker, side: 'bid', price: '0.50', count: '10', subaccount: 1 });
    await h.rest(2).order({ ticker, side: 'ask', price: '0.50', count: '10', time_in_force: 'immediate_or_cancel' });
    const userId = h.mock.exchange.userId(h.users[1]!.apiKeyId);
    expect(h.mock.exchange.engine.positions(userId, 1).map((p) => [p.ticker, p.net.count.toWire()])).toEqual([[ticker, '10.00']]);
    expect((await h.rest(1).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions).toEqual([]);
    // 50 − 10 × 0.50 = 45 on subaccount 1 (the maker pays no fee on this series).
    expect((await balances(1))[1]).toBe('45.0000');
    h.mock.exchange.settleMarket(ticker, 'yes');
    expect(await balances(1)).toEqual({ 0: '9950.0000', 1: '55.0000' });
  });

  it('an order on a subaccount the user has not created is refused, naming the field', async () => {
    const ticker = market();
    const answer = await h.rest(3).order({ ticker, side: 'bid', price: '0.40', count: '1', subaccount: 4 });
    expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
    expect(answer.body.details).toContain('subaccount 4');
  });
});

describe('transfers', () => {
  it('moves only free cash, is idempotent on client_transfer_id, and lists newest first', async () => {
    await h.rest(2).post('/portfolio/subaccounts', {});
    const short = await transfer(2, '5f0c4f3e-0000-4000-8000-000000000003', 1, 0, 1);
    expect(short).toMatchObject({ status: 400, body: { code: 'insufficient_balance' } });
    expect(await transfer(2, '5f0c4f3e-0000-4000-8000-000000000004', 0, 1, 2_500)).toMatchObject({ status: 200 });
    expect(await transfer(2, '5f0c4f3e-0000-4000-8000-000000000004', 0, 1, 2_500)).toMatchObject({ status: 200 });
    expect(await transfer(2, '5f0c4f3e-0000-4000-8000-000000000005', 1, 0, 500)).toMatchObject({ status: 200 });
    expect((await balances(2))[1]).toBe('20.0000');
    const listed = (await h.rest(2).get('/portfolio/subaccounts/transfers')).body.transfers;
    expect(listed.map((t: { from_subaccount: number; amount_cents: number }) => [t.from_subaccount, t.amount_cents])).toEqual([
      [1, 500],
      [0, 2_500],
    ]);
    expect(await transfer(2, '5f0c4f3e-0000-4000-8000-000000000006', 1, 1, 1)).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
    expect(await transfer(2, '5f0c4f3e-0000-4000-8000-000000000007', 0, 9, 1)).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  });
});

describe('netting', () => {
  it('reports a setting per subaccount and keeps an update', async () => {
    await h.rest(3).post('/portfolio/subaccounts', {});
    expect((await h.rest(3).put('/portfolio/subaccounts/netting', { subaccount_number: 1, enabled: false })).status).toBe(200);
    expect((await h.rest(3).get('/portfolio/subaccounts/netting')).body.netting_configs).toEqual([
      { subaccount_number: 0, enabled: true, exchange_index: 0 },
      { subaccount_number: 1, enabled: false, exchange_index: 0 },
    ]);
    expect((await h.rest(3).put('/portfolio/subaccounts/netting', { subaccount_number: 5, enabled: false })).status).toBe(400);
  });
});
