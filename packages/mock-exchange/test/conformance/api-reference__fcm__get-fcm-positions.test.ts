import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXFCMPOS');

it('/api-reference/fcm/get-fcm-positions: needs FCM member access and returns the named subtrader\'s positions', async () => {
  // Quote: "This endpoint requires FCM member access level and allows filtering positions by subtrader ID."
  const ticker = file.market();
  const fcmId = file.h.mock.exchange.userId(file.h.users[0]!.apiKeyId);
  expect((await file.h.rest(0).get('/fcm/positions?subtrader_id=x')).status).toBe(403);
  file.h.mock.exchange.engine.fcm.addMember(fcmId);
  const desk = file.h.mock.exchange.engine.fcm.createSubtrader(fcmId, 'pos', Dollars.parse('50')).subtraderId;
  file.h.mock.exchange.engine.placeOrder(desk, { ticker, side: 'bid', price: Dollars.parse('0.40'), count: Contracts.parse('3'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
  await file.h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '3', time_in_force: 'immediate_or_cancel' });
  expect((await file.h.rest(0).get(`/fcm/positions?subtrader_id=${desk}`)).body.market_positions).toMatchObject([{ ticker, position_fp: '3.00' }]);
  expect((await file.h.rest(0).get('/portfolio/positions')).body.market_positions).toEqual([]);
});
