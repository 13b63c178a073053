import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];

beforeAll(async () => {
  ({ mock, users } = await startFixMock(2));
});
afterAll(async () => {
  await mock.close();
});

describe('one connection per API key', () => {
  it('/fix/connectivity: a second FIX connection with the same API key, on any session, is logged out with "already exists"', async () => {
    // Quote: "Only one FIX connection is allowed per API key. Separate API keys are required for concurrent connections."
    // Quote /fix/error-handling: "**Symptom**: Logout (35=5) immediately after Logon with `Text<58>="already exists"`."
    // Quote /fix/error-handling: "**Cause**: Another FIX connection is already active with the same API key."
    const first = await rawLogon(mock, users[0]!, { session: 'KalshiNR' });
    for (const session of ['KalshiNR', 'KalshiRT']) {
      await expect(rawLogon(mock, users[0]!, { session })).rejects.toMatchObject({ code: 'FIX_LOGON_REJECTED', text: 'already exists' });
    }
    expect(mock.fix!.isLoggedOn(users[0]!.apiKeyId, 'KalshiNR')).toBe(true);
    // Another API key connects meanwhile.
    const other = await rawLogon(mock, users[1]!, { session: 'KalshiRT' });
    await other.session.logout();
    // Once the first connection is gone the key may connect again, to either session.
    await first.session.logout();
    const again = await rawLogon(mock, users[0]!, { session: 'KalshiRT', resetSeqNumOnLogon: true });
    await again.session.logout();
  });
});
