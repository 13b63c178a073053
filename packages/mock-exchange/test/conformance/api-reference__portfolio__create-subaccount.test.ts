import { expect, it } from 'vitest';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXCSUB');

it('/api-reference/portfolio/create-subaccount: subaccounts are numbered from 1, at most 32 per user', async () => {
  // Quote: "Subaccounts are numbered sequentially starting from 1."
  // Quote: "Maximum 32 subaccounts per user."
  const numbers: number[] = [];
  for (let i = 0; i < 32; i++) numbers.push((await file.h.rest(0).post('/portfolio/subaccounts', {})).body.subaccount_number);
  expect(numbers).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  const over = await file.h.rest(0).post('/portfolio/subaccounts', {});
  expect(over).toMatchObject({ status: 400, body: { code: 'invalid_parameters' } });
  expect((await file.h.rest(1).post('/portfolio/subaccounts', {})).body.subaccount_number).toBe(1);
});
