import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXTSUB');

it('/api-reference/portfolio/transfer-between-subaccounts: 0 is the primary account and numbered subaccounts take their number', async () => {
  // Quote: "Use 0 for the primary account, or 1-32 for numbered subaccounts."
  await file.h.rest(0).post('/portfolio/subaccounts', {});
  const sent = await file.h.rest(0).post('/portfolio/subaccounts/transfer', {
    client_transfer_id: '0b5a2c9e-1111-4000-8000-000000000001',
    from_subaccount: 0,
    to_subaccount: 1,
    amount_cents: 1_234,
  });
  expect(sent.status).toBe(200);
  const balances = (await file.h.rest(0).get('/portfolio/subaccounts/balances')).body.subaccount_balances;
  expect(balances).toMatchObject([
    { subaccount_number: 0, balance: '9987.6600' },
    { subaccount_number: 1, balance: '12.3400' },
  ]);
  expect((await file.h.rest(0).get('/portfolio/balance')).body.balance).toBe(998_766);
});
