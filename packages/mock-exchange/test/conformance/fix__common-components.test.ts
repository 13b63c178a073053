import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];

beforeAll(async () => {
  ({ mock, users } = await startFixMock(1));
});
afterAll(async () => {
  await mock.close();
});

describe('standard header of what the acceptor sends', () => {
  it('/fix/common-components: the acceptor writes SenderCompID(49) Kalshi and TargetCompID(56) the API key', async () => {
    // Quote: "| 49 | SenderCompID | String | Y | Your FIX API Key (UUID format) when sending; `Kalshi` when receiving. |"
    // Quote: "| 56 | TargetCompID | String | Y | Session identifier (e.g. `KalshiRT`, `KalshiNR`) when sending; your API key when receiving. |"
    for (const session of ['KalshiNR', 'KalshiRT']) {
      const { session: fix, raw } = await rawLogon(mock, users[0]!, { session, resetSeqNumOnLogon: true });
      expect(raw()).toMatch(/^8=FIXT\.1\.1\|9=\d+\|35=A\|49=Kalshi\|56=fix-key-1\|34=1\|/);
      await fix.logout();
      expect(raw()).toMatch(/\|35=5\|49=Kalshi\|56=fix-key-1\|/);
    }
  });
});
