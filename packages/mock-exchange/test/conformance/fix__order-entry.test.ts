import type { FixClock, KalshiFixClient } from '@kalshi-sdk/fix';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMockExchange } from '../../src/index.js';
import { fixClient, type FixUser, nextReport, startFixMock } from '../support/fix-logon.js';

/** The simulator's and the clients' time: set by the test; timers are real. */
const clock: FixClock & { ms: number } = {
  ms: Date.UTC(2026, 6, 15, 18),
  now: () => clock.ms,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};
let mock: RunningMockExchange;
let users: FixUser[];
let n = 0;
const open: KalshiFixClient[] = [];

beforeAll(async () => {
  ({ mock, users } = await startFixMock(2, clock));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await mock.close();
});

function market(): string {
  const ticker = `KXFIXOE-M${++n}`;
  mock.exchange.addMarket({ ticker });
  return ticker;
}

async function connected(user: FixUser, options: Parameters<typeof fixClient>[2] = {}): Promise<KalshiFixClient> {
  const client = fixClient(mock, user, { clock, ...options });
  open.push(client);
  await client.connect();
  return client;
}

describe('TimeInForce Day', () => {
  it('/fix/order-entry: a Day order is accepted and expires at 11:59:59.999 pm ET, daylight saving time included', async () => {
    // Quote: "`0`=Day (expires 11:59:59.999pm ET)"
    // Quote: "| 126 | ExpireTime | UTCTimestamp | C | Expiration timestamp. 11:59pm ET for Day orders. |"
    const cases = [
      // [simulator time (UTC), expiry (UTC)]
      [Date.UTC(2026, 6, 15, 18), '20260716-03:59:59.999'], // July: EDT, UTC-4
      [Date.UTC(2026, 0, 15, 18), '20260116-04:59:59.999'], // January: EST, UTC-5
      [Date.UTC(2026, 0, 16, 4, 30), '20260116-04:59:59.999'], // 23:30 EST on Jan 15: still that day in New York
      [Date.UTC(2026, 2, 8, 6), '20260309-03:59:59.999'], // March 8: the day starts in EST and ends in EDT
      [Date.UTC(2026, 10, 1, 12), '20261102-04:59:59.999'], // November 1: the day starts in EDT and ends in EST
    ] as const;
    for (const [now, expireTime] of cases) {
      clock.ms = now;
      const ticker = market();
      const client = await connected(users[0]!, { logon: { useExpiredOrdStatus: true } });
      const ack = nextReport(client, (r) => r.execType === 'new');
      client.newOrderSingle({ symbol: ticker, side: 'bid', price: Dollars.parse('0.40'), quantity: Contracts.parse('3'), timeInForce: 'day' });
      const report = await ack;
      expect(report.message.body.ExpireTime).toBe(expireTime);
      const [order] = mock.exchange.engine.orders(mock.exchange.userId(users[0]!.apiKeyId)).filter((o) => o.ticker === ticker);
      expect(order).toMatchObject({ status: 'resting', timeInForce: 'good_till_canceled' });
      const expiryMs = order!.expirationMs!;
      expect(new Date(expiryMs).toISOString().replace(/[-:T]/g, '').replace(/(\d{8})(\d{6})\.(\d{3})Z/, '$1-$2.$3')).toBe(expireTime.replace(/:/g, ''));
      // Still resting a millisecond before, expired at the instant.
      clock.ms = expiryMs - 1;
      mock.exchange.engine.expireOrders();
      expect(mock.exchange.engine.orders(mock.exchange.userId(users[0]!.apiKeyId)).find((o) => o.orderId === order!.orderId)?.status).toBe('resting');
      const expired = nextReport(client, (r) => r.orderId === order!.orderId && r.execType === 'expired');
      clock.ms = expiryMs;
      mock.exchange.engine.expireOrders();
      expect(await expired).toMatchObject({ ordStatus: 'expired' });
      await client.close();
    }
  });
});

describe('mass cancel', () => {
  it('/fix/order-entry: OrderMassCancelRequest(q) on KalshiRT is refused and cancels nothing', async () => {
    // Quote: "Cancel all orders for the trading session. Only available on KalshiNR (NewOrderMode) sessions."
    // Quote /fix/common-components: "| q | OrderMassCancelRequest | KalshiNR | Client -> Server |"
    // The page does not say how Kalshi answers it elsewhere: the simulator sends BusinessMessageReject reason 3 (Unsupported Message Type).
    clock.ms = Date.UTC(2026, 6, 15, 18);
    const ticker = market();
    const client = await connected(users[1]!, { session: 'KalshiRT', resetSeqNumOnLogon: true });
    const ack = nextReport(client, (r) => r.execType === 'new');
    client.newOrderSingle({ symbol: ticker, side: 'bid', price: Dollars.parse('0.40'), quantity: Contracts.parse('3'), timeInForce: 'gtc', clOrdId: 'rt-mc-1' });
    await ack;
    const rejected = new Promise<unknown>((resolve) => client.on('businessReject', (j) => resolve(j.body)));
    // The client refuses massCancel() on KalshiRT; the bare session sends it anyway.
    const seq = client.session!.send('q', { ClOrdID: 'rt-mc', MassCancelRequestType: '6' });
    expect(await rejected).toMatchObject({ RefSeqNum: seq, RefMsgType: 'q', BusinessRejectReason: 3 });
    expect(client.getOrder('rt-mc-1')?.status).toBe('new');
    expect(mock.exchange.engine.orders(mock.exchange.userId(users[1]!.apiKeyId)).find((o) => o.clientOrderId === 'rt-mc-1')?.status).toBe('resting');
  });
});

describe('subaccounts', () => {
  it('/fix/order-entry: an AllocAccount(79) above 32 is rejected as an unknown account', async () => {
    // Quote: "| 79 | AllocAccount | Integer | N | Subaccount number (0–32). Alternative to NoPartyIDs. |"
    // Quote /fix/error-handling: "| 15 | Unknown account | Subaccount or sub-trader does not exist |"
    clock.ms = Date.UTC(2026, 6, 15, 18);
    const ticker = market();
    const client = await connected(users[0]!);
    const rejected = nextReport(client, (r) => r.clOrdId === 'sub-33');
    // The client refuses allocAccount 33 itself; the bare session sends it anyway.
    client.session!.send('D', { ClOrdID: 'sub-33', OrderQty: '1.00', OrdType: '2', Price: '40', Side: '1', Symbol: ticker, AllocAccount: 33 });
    expect(await rejected).toMatchObject({ execType: 'rejected', ordRejReason: 15 });
    expect(mock.exchange.engine.orders(mock.exchange.userId(users[0]!.apiKeyId)).filter((o) => o.ticker === ticker)).toEqual([]);
  });
});
