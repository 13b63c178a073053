import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXFCMORD');

it('/api-reference/fcm/get-fcm-orders: needs FCM member access and filters by subtrader', async () => {
  // Quote: "This endpoint requires FCM member access level and allows filtering orders by subtrader ID."
  const fcmId = file.h.mock.exchange.userId(file.h.users[0]!.apiKeyId);
  expect(await file.h.rest(0).get('/fcm/orders?subtrader_id=x')).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  file.h.mock.exchange.engine.fcm.addMember(fcmId);
  const a = (await file.h.rest(0).post('/fcm/subtraders', { subtrader_suffix: 'a' })).body.subtrader_id as string;
  expect((await file.h.rest(0).get(`/fcm/orders?subtrader_id=${a}`)).body.orders).toEqual([]);
  expect((await file.h.rest(0).get(`/fcm/orders?subtrader_id=${fcmId}_nope`)).status).toBe(404);
});
