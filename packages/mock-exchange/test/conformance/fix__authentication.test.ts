import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];

beforeAll(async () => {
  ({ mock, users } = await startFixMock(4));
});
afterAll(async () => {
  await mock.close();
});

describe('Logon checks of the FIX acceptor', () => {
  it('/fix/authentication: a Logon with HeartBtInt(108) of 3 seconds or less is answered with a Logout', async () => {
    // Quote: "| 108 | HeartbeatInt | Heartbeat interval (seconds) | N > 3 |"
    // Quote: "The acceptor responds with either a Logon (success) or Logout (failure)."
    for (const heartbeatIntervalSec of [1, 3]) {
      await expect(rawLogon(mock, users[0]!, { heartbeatIntervalSec })).rejects.toMatchObject({ code: 'FIX_LOGON_REJECTED', text: 'HeartBtInt must be greater than 3' });
    }
    const { session } = await rawLogon(mock, users[0]!, { heartbeatIntervalSec: 4 });
    expect(session.heartbeatIntervalSec).toBe(4);
    await session.logout();
  });

  it('/fix/authentication: sessions without retransmission must log on with ResetSeqNumFlag(141)=Y; KalshiRT need not', async () => {
    // Quote: "For all other sessions, `ResetSeqNumFlag<141>` in the Logon message must always be `Y` or the Logon will be rejected."
    await expect(rawLogon(mock, users[1]!, { session: 'KalshiNR', resetSeqNumOnLogon: false })).rejects.toMatchObject({
      code: 'FIX_LOGON_REJECTED',
      text: 'ResetSeqNumFlag must be Y on KalshiNR',
    });
    const { session } = await rawLogon(mock, users[1]!, { session: 'KalshiRT', resetSeqNumOnLogon: false });
    await session.logout();
  });

  it('/fix/authentication: MessageRetentionPeriod(20200) above 72 hours, or on a session without retransmission, is refused', async () => {
    // Quote: "| 20200 | MessageRetentionPeriod | How long session messages will be stored for retransmission, max of 72 hours. **KalshiRT and KalshiPT only.** | 24 |"
    // The page does not say whether Kalshi refuses or clamps an out-of-range value: the simulator refuses, so a bot that relies on it fails here first.
    await expect(rawLogon(mock, users[2]!, { session: 'KalshiRT', fields: { MessageRetentionPeriod: 73 } })).rejects.toMatchObject({
      code: 'FIX_LOGON_REJECTED',
      text: 'MessageRetentionPeriod must be at most 72 hours',
    });
    await expect(rawLogon(mock, users[2]!, { session: 'KalshiNR', fields: { MessageRetentionPeriod: 24 } })).rejects.toMatchObject({
      code: 'FIX_LOGON_REJECTED',
      text: 'MessageRetentionPeriod is accepted on KalshiRT and KalshiPT only',
    });
    const { session } = await rawLogon(mock, users[2]!, { session: 'KalshiRT', fields: { MessageRetentionPeriod: 72 } });
    await session.logout();
  });

  it('/fix/authentication: ReceiveSettlementReports(20127) is refused outside KalshiRT and KalshiPT', async () => {
    // Quote: "| 20127 | ReceiveSettlementReports | Receive settlement reports. **KalshiRT and KalshiPT only. Default to Y on KalshiPT.** | N (Y on KalshiPT) |"
    await expect(rawLogon(mock, users[3]!, { session: 'KalshiNR', fields: { ReceiveSettlementReports: true } })).rejects.toMatchObject({
      code: 'FIX_LOGON_REJECTED',
      text: 'ReceiveSettlementReports is accepted on KalshiRT and KalshiPT only',
    });
    const { session } = await rawLogon(mock, users[3]!, { session: 'KalshiRT', fields: { ReceiveSettlementReports: true } });
    await session.logout();
  });
});
