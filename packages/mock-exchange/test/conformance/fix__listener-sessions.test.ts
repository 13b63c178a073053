import { Contracts } from '@kalshi-sdk/fixed-point';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixTraffic, RunningMockExchange } from '../../src/index.js';
import { type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];

beforeAll(async () => {
  ({ mock, users } = await startFixMock(2));
  mock.exchange.addMarket({ ticker: 'KXLISTEN-M1' });
});
afterAll(async () => {
  await mock.close();
});

describe('listener sessions on the FIX acceptor', () => {
  it('/fix/listener-sessions: a listener Logon without SkipPendingExecReports=Y is refused', async () => {
    // Quote: "| 21011 | SkipPendingExecReports | Y | Required when ListenerSession=Y |"
    // Quote /fix/authentication: "| 20126 | ListenerSession | Listen-only session. **KalshiNR/RT only, requires SkipPendingExecReports=Y.** | N |"
    for (const fields of [{ ListenerSession: true }, { ListenerSession: true, SkipPendingExecReports: false }]) {
      await expect(rawLogon(mock, users[0]!, { fields })).rejects.toMatchObject({ code: 'FIX_LOGON_REJECTED', text: 'ListenerSession=Y requires SkipPendingExecReports=Y' });
    }
  });

  it('/fix/listener-sessions: a listener Logon with CancelOrdersOnDisconnect=Y is refused', async () => {
    // Quote: "The following Logon flags are **not compatible** with listener sessions:"
    // Quote: "| 8013 | CancelOrdersOnDisconnect | Must be N (or omitted) |"
    await expect(rawLogon(mock, users[0]!, { fields: { ListenerSession: true, SkipPendingExecReports: true, CancelOrdersOnDisconnect: true } })).rejects.toMatchObject({
      code: 'FIX_LOGON_REJECTED',
      text: 'CancelOrdersOnDisconnect must be N on a listener session',
    });
  });

  it('/fix/listener-sessions: a listener session is read-only: an order is answered with BusinessMessageReject and never reaches the book', async () => {
    // Quote: "Listener sessions are strictly read-only. The following message types will be **rejected**: * NewOrderSingle (35=D)"
    // Quote /fix/error-handling: "BusinessMessageReject (35=j) is used for application-layer failures before normal exchange rejection handling, such as rate limiting or listener-session restrictions."
    // BusinessRejectReason is not documented for this case: the simulator uses 6 (Not authorized).
    const { session } = await rawLogon(mock, users[1]!, { session: 'KalshiRT', fields: { ListenerSession: true, SkipPendingExecReports: true, CancelOrdersOnDisconnect: false } });
    const out = new Promise<FixTraffic>((resolve) => {
      const off = mock.fix!.on((t) => {
        if (t.direction === 'out' && t.apiKeyId === users[1]!.apiKeyId) {
          off();
          resolve(t);
        }
      });
    });
    const seq = session.send('D', { ClOrdID: 'listen-1', OrderQty: Contracts.parse('1').toWire(), OrdType: '2', Price: '40', Side: '1', Symbol: 'KXLISTEN-M1' });
    expect((await out).message).toMatchObject({ msgType: 'j', body: { RefSeqNum: seq, RefMsgType: 'D', BusinessRejectReason: 6 } });
    expect(mock.exchange.engine.orders(mock.exchange.userId(users[1]!.apiKeyId))).toEqual([]);
    await session.logout();
  });
});
