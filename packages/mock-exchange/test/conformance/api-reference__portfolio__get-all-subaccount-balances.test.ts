import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXSUBBAL');

it('/api-reference/portfolio/get-all-subaccount-balances: lists the primary account and every subaccount', async () => {
  // Quote: "Gets balances for all subaccounts including the primary account."
  // Quote /api-reference/portfolio/get-subaccount-netting: "Gets the netting enabled settings for all subaccounts."
  expect((await file.h.rest(0).get('/portfolio/subaccounts/balances')).body.subaccount_balances.map((b: { subaccount_number: number }) => b.subaccount_number)).toEqual([0]);
  await file.h.rest(0).post('/portfolio/subaccounts', {});
  await file.h.rest(0).post('/portfolio/subaccounts', {});
  expect((await file.h.rest(0).get('/portfolio/subaccounts/balances')).body.subaccount_balances).toMatchObject([
    { subaccount_number: 0, exchange_index: 0, balance: '10000.0000' },
    { subaccount_number: 1, exchange_index: 0, balance: '0.0000' },
    { subaccount_number: 2, exchange_index: 0, balance: '0.0000' },
  ]);
  expect((await file.h.rest(0).get('/portfolio/subaccounts/netting')).body.netting_configs.map((c: { subaccount_number: number }) => c.subaccount_number)).toEqual([0, 1, 2]);
});
