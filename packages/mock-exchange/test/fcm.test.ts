import { createPrivateKey } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type TestUser } from './support/harness.js';

let h: Harness;
let fcmId: string;
const ticker = 'KXFCM-26DEC31-A';
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [{ ticker }] });
  fcmId = h.mock.exchange.userId(h.users[0]!.apiKeyId);
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const boundKey = async (subtraderId: string): Promise<{ key: TestUser; warning: string | undefined }> => {
  const made = await h.rest(0).post('/api_keys/generate', { name: subtraderId, fcm_subtrader_id: subtraderId });
  expect(made.status).toBe(201);
  const privateKey = createPrivateKey(made.body.private_key as string);
  return { key: { apiKeyId: made.body.api_key_id, privateKey, publicKeyPem: '', signer: createNodeSigner(privateKey) }, warning: made.body.warning ?? undefined };
};

describe('FCM membership and subtraders', () => {
  it('refuses non-members with 403, then creates, lists and refuses duplicate or malformed subtraders', async () => {
    expect(await h.rest(0).get('/fcm/subtraders')).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    h.mock.exchange.engine.fcm.addMember(fcmId);
    expect(await h.rest(0).post('/fcm/subtraders', { subtrader_suffix: 'desk1' })).toMatchObject({ status: 201, body: { subtrader_id: `${fcmId}_desk1` } });
    expect(await h.rest(0).post('/fcm/subtraders', { subtrader_suffix: 'desk1' })).toMatchObject({ status: 409 });
    expect(await h.rest(0).post('/fcm/subtraders', { subtrader_suffix: 'desk-1' })).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
    expect(await h.rest(0).post('/fcm/subtraders', { subtrader_suffix: 'a'.repeat(17) })).toMatchObject({ status: 400 });
    expect((await h.rest(0).get('/fcm/subtraders')).body.subtraders).toEqual([
      { subtrader_id: `${fcmId}_desk1`, exchange_indices: [0], trading_blocked: false, fcm_trading_blocked: false, propagation_pending: false },
    ]);
  });

  it('another member cannot read this member\'s subtrader', async () => {
    const other = h.mock.exchange.userId(h.users[2]!.apiKeyId);
    h.mock.exchange.engine.fcm.addMember(other);
    expect(await h.rest(2).get(`/fcm/subtraders/blocked_categories?subtrader_id=${fcmId}_desk1`)).toMatchObject({ status: 400 });
    expect(await h.rest(2).get(`/fcm/subtraders/event_contract_daily_cap?subtrader_id=${fcmId}_desk1`)).toMatchObject({ status: 404 });
    expect((await h.rest(2).get('/fcm/subtraders')).body.subtraders).toEqual([]);
  });
});

describe('a subtrader trading through a bound key', () => {
  it('trades as its own user; the FCM sees its orders, fills and positions, and the daily cap\'s utilization', async () => {
    const desk = h.mock.exchange.engine.fcm.createSubtrader(fcmId, 'desk2', Dollars.parse('100')).subtraderId;
    const { key, warning } = await boundKey(desk);
    expect(warning).toContain('daily cap');
    expect(h.mock.exchange.userId(key.apiKeyId)).toBe(desk);
    expect((await h.rest(0).get(`/api_keys?fcm_subtrader_id=${desk}`)).body.api_keys).toEqual([
      { api_key_id: key.apiKeyId, name: desk, scopes: ['read', 'write'], fcm_subtrader_id: desk },
    ]);

    const placed = await h.rest(key).order({ ticker, side: 'bid', price: '0.30', count: '10', client_order_id: 'desk2-a' });
    expect(placed.status).toBe(201);
    await h.rest(1).order({ ticker, side: 'ask', price: '0.30', count: '4', time_in_force: 'immediate_or_cancel' });

    const orders = await h.rest(0).get(`/fcm/orders?subtrader_id=${desk}`);
    expect(orders.body.orders).toMatchObject([{ order_id: placed.body.order_id, fill_count_fp: '4.00', status: 'resting' }]);
    expect((await h.rest(0).get('/fcm/orders?client_order_ids=desk2-a')).body.orders).toHaveLength(1);
    expect(await h.rest(0).get('/fcm/orders')).toMatchObject({ status: 400, body: { code: 'missing_parameters' } });

    expect((await h.rest(0).get('/fcm/fills')).body.fills).toMatchObject([
      { ticker, taker_outcome_side: 'no', count_fp: '4.00', yes_price_dollars: '0.3000', maker_order_id: placed.body.order_id, maker_subtrader_id: desk },
    ]);
    expect((await h.rest(0).get(`/fcm/positions?subtrader_id=${desk}`)).body.market_positions).toMatchObject([{ ticker, position_fp: '4.00' }]);
    expect((await h.rest(0).get(`/fcm/positions?subtrader_id=${desk}&settlement_status=settled`)).body.market_positions).toEqual([]);

    expect((await h.rest(0).get(`/fcm/subtraders/event_contract_daily_cap?subtrader_id=${desk}`)).status).toBe(404);
    expect((await h.rest(0).put('/fcm/subtraders/event_contract_daily_cap', { subtrader_id: desk, limit: '50.00' })).status).toBe(200);
    expect((await h.rest(0).get(`/fcm/subtraders/event_contract_daily_cap?subtrader_id=${desk}`)).body).toMatchObject({
      subtrader_id: desk,
      limit: '50.0000',
      executed_utilization: '1.2000',
      resting_order_utilization: '1.8000',
      pending_order_utilization: '0.0000',
    });
    expect((await boundKey(desk)).warning).toBeUndefined();
    expect((await h.rest(0).delete(`/fcm/subtraders/event_contract_daily_cap?subtrader_id=${desk}`)).status).toBe(200);
    expect((await h.rest(0).get(`/fcm/subtraders/event_contract_daily_cap?subtrader_id=${desk}`)).status).toBe(404);
    expect(await h.rest(0).put('/fcm/subtraders/event_contract_daily_cap', { subtrader_id: desk, limit: '-1' })).toMatchObject({ status: 400 });
  });

  it('keeps blocked categories per subtrader, sorted', async () => {
    const desk = `${fcmId}_desk1`;
    await h.rest(0).put('/fcm/subtraders/blocked_categories', { subtrader_id: desk, category: 'Politics', blocked: true });
    const added = await h.rest(0).put('/fcm/subtraders/blocked_categories', { subtrader_id: desk, category: 'Crypto', blocked: true });
    expect(added.body.categories).toEqual(['Crypto', 'Politics']);
    await h.rest(0).put('/fcm/subtraders/blocked_categories', { subtrader_id: desk, category: 'Politics', blocked: false });
    expect((await h.rest(0).get(`/fcm/subtraders/blocked_categories?subtrader_id=${desk}`)).body.categories).toEqual(['Crypto']);
  });
});
