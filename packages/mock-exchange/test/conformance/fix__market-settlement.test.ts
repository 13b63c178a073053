import { type FixMessage, type FixMessageOf, type FixSession, MemorySessionStore } from '@kalshi-sdk/fix';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixTraffic, RunningMockExchange } from '../../src/index.js';
import { fixClient, type FixUser, rawLogon, startFixMock } from '../support/fix-logon.js';

let mock: RunningMockExchange;
let users: FixUser[];
let n = 0;

beforeAll(async () => {
  ({ mock, users } = await startFixMock(3));
});
afterAll(async () => {
  await mock.close();
});

/** A market where user 0 bought 2 YES at 0.40 from user 1 (who holds 2 NO). */
function tradedMarket(): string {
  const ticker = `KXSET-M${++n}`;
  mock.exchange.addMarket({ ticker });
  const [buyer, seller] = [0, 1].map((i) => mock.exchange.userId(users[i]!.apiKeyId));
  mock.exchange.engine.placeOrder(seller!, { ticker, side: 'ask', price: dollars('0.40'), count: contracts('2'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross', clientOrderId: `${ticker}-s` });
  mock.exchange.engine.placeOrder(buyer!, { ticker, side: 'bid', price: dollars('0.40'), count: contracts('2'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross', clientOrderId: `${ticker}-b` });
  return ticker;
}

/** Settlement reports the acceptor sends from now on (synchronously with the settlement). */
function reports(): FixTraffic[] {
  const seen: FixTraffic[] = [];
  mock.fix!.on((t) => {
    if (t.direction === 'out' && t.message.msgType === 'UMS') seen.push(t);
  });
  return seen;
}

function next(session: FixSession, msgType: string): Promise<FixMessage> {
  return new Promise((resolve) => session.on('message', (m) => m.msgType === msgType && resolve(m)));
}

describe('market settlement reports', () => {
  it('/fix/market-settlement: KalshiPT gets settlement reports by default and not with ReceiveSettlementReports=N; KalshiRT only with =Y', async () => {
    // Quote: "Settlement reports are available on **KalshiPT** sessions by default, unless `ReceiveSettlementReports=N` (tag 20127) is set during Logon, and on **KalshiRT** sessions with `ReceiveSettlementReports=Y`."
    const cases: Array<[number, string, boolean | undefined, boolean]> = [
      [1, 'KalshiPT', false, false],
      [0, 'KalshiPT', undefined, true],
      [1, 'KalshiRT', undefined, false],
      [0, 'KalshiRT', true, true],
    ];
    for (const [user, target, flag, expected] of cases) {
      const ticker = tradedMarket();
      const { session } = await rawLogon(mock, users[user]!, { session: target, resetSeqNumOnLogon: true, fields: flag === undefined ? {} : { ReceiveSettlementReports: flag } });
      // Only this session's: a KalshiPT session logged on earlier keeps its reports for resend.
      const seen = reports();
      mock.exchange.settleMarket(ticker, 'yes');
      expect([target, flag, seen.filter((t) => t.session === target).map((t) => [t.apiKeyId, t.session, (t.message.body as { Symbol?: string }).Symbol])]).toEqual([target, flag, expected ? [[users[user]!.apiKeyId, target, ticker]] : []]);
      await session.logout();
    }
  });

  it('/fix/market-settlement: a report carries the result, the settlement price in cents, the position, the payout and a zero fee', async () => {
    // Quote: "| 730 | SettlementPrice | Settlement price of market in cents (2 decimal places, e.g. `30.60`) | Yes |"
    // Quote: "| 20107 | MarketResult | Result of the market when determined: `yes`, `no`, or `scalar` | Yes |"
    // Quote: "| 704 | LongQty | Decimal quantity of YES position held |"
    // Quote: "| 705 | ShortQty | Decimal quantity of NO position held |"
    // Quote: "| 1705 | CollateralAmountType | `BALANCE` or `PAYOUT` |"
    // Quote: "| 137 | MiscFeeAmt | Fee amount in dollars (zero when no fee) |"
    const ticker = tradedMarket();
    const { session, raw } = await rawLogon(mock, users[1]!, { session: 'KalshiPT', resetSeqNumOnLogon: true });
    const report = next(session, 'UMS');
    mock.exchange.settleMarket(ticker, 'no');
    expect((await report).body).toMatchObject({ Symbol: ticker, MarketResult: 'no', SettlementPrice: '0.00', LastFragment: true });
    expect(raw()).toMatch(new RegExp(`\\|55=${ticker}\\|715=\\d{8}\\|20106=1\\|20107=no\\|730=0\\.00\\|893=Y\\|20108=1\\|20109=[^|]+\\|20110=24\\|704=0\\.00\\|705=2\\.00\\|1703=1\\|1704=2\\.0000\\|1705=PAYOUT\\|136=1\\|137=0\\.00\\|138=USD\\|139=4\\|891=0\\|`));
    await session.logout();
  });

  it('/fix/market-settlement: a report made while KalshiPT is disconnected is resent after the next Logon', async () => {
    // Quote /fix/authentication: "Message retransmission (ResendRequest, SequenceReset) is only supported on **KalshiRT** and **KalshiPT**"
    const ticker = tradedMarket();
    const store = new MemorySessionStore();
    const first = fixClient(mock, users[0]!, { session: 'KalshiPT', store, resetSeqNumOnLogon: true });
    await first.connect();
    await first.close();
    mock.exchange.settleMarket(ticker, 'yes');
    const second = fixClient(mock, users[0]!, { session: 'KalshiPT', store, resetSeqNumOnLogon: false });
    const report = new Promise<FixMessageOf<'UMS'>>((resolve) => second.on('settlementReport', resolve));
    await second.connect();
    expect((await report).body.Symbol).toBe(ticker);
    expect((await report).header.PossDupFlag).toBe(true);
    await second.close();
  });
});

const dollars = (s: string) => Dollars.parse(s);
const contracts = (s: string) => Contracts.parse(s);
