import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixClock, type FixExecutionReport, KalshiFixClient, type KalshiFixClientOptions, MemorySessionStore } from '@kalshi-sdk/fix';
import type { FixMessageOf } from '@kalshi-sdk/fix';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FixTraffic } from '../src/index.js';
import { mockFixClientOptions, rawLogon } from './support/fix-logon.js';
import { ManualClock, startHarness, type Harness } from './support/harness.js';

const clock = new ManualClock(Date.now());
const fixClock: FixClock = { now: () => clock.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) };
let h: Harness;
let n = 0;
const open: KalshiFixClient[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], fix: {}, clock });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  h.assertConformance();
});
afterAll(async () => {
  await h.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function market(): string {
  const ticker = `KXPT-M${++n}`;
  h.mock.exchange.addMarket({ ticker });
  return ticker;
}

function fixClient(user: number, options: Partial<KalshiFixClientOptions> = {}): KalshiFixClient {
  const u = h.users[user]!;
  const client = new KalshiFixClient({ ...mockFixClientOptions(h.mock, u), clock: fixClock, ...options });
  open.push(client);
  return client;
}

/** Application messages the acceptor sends to `apiKeyId` from now on (sent synchronously with the engine event). */
function outbound(apiKeyId: string): FixTraffic[] {
  const seen: FixTraffic[] = [];
  h.mock.fix!.on((t) => {
    if (t.direction === 'out' && t.apiKeyId === apiKeyId) seen.push(t);
  });
  return seen;
}

/** User 0 buys `count` YES at 0.40 from user 1's resting ask. */
async function trade(ticker: string, count = '3'): Promise<void> {
  expect((await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count })).status).toBe(201);
  expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count })).status).toBe(201);
}

/** A new store and sequence numbers from 1 on both sides, as sessions with retransmission keep them across tests. */
function fresh(): Partial<KalshiFixClientOptions> {
  return { store: new MemorySessionStore(), resetSeqNumOnLogon: true };
}

function nextSettlement(client: KalshiFixClient): Promise<FixMessageOf<'UMS'>> {
  return new Promise((resolve) => {
    const off = client.on('settlementReport', (r) => {
      off();
      resolve(r);
    });
  });
}

describe('KalshiPT: settlement reports', () => {
  it('sends a MarketSettlementReport with the position, payout and result when a market the user holds settles', async () => {
    const ticker = market();
    await trade(ticker);
    const pt = fixClient(0, { session: 'KalshiPT', ...fresh() });
    await pt.connect();
    const report = nextSettlement(pt);
    h.mock.exchange.settleMarket(ticker, 'yes');
    const { body } = await report;
    expect(body).toMatchObject({ Symbol: ticker, MarketResult: 'yes', SettlementPrice: '100.00', LastFragment: true, TotNumMarketSettlementReports: 1 });
    expect(body.ClearingBusinessDate).toMatch(/^\d{8}$/);
    const party = body.NoMarketSettlementPartyIDs![0]!;
    expect(party).toMatchObject({ MarketSettlementPartyRole: 24, LongQty: '3.00', ShortQty: '0.00' });
    expect(Dollars.parse(party.NoCollateralAmountChanges![0]!.CollateralAmountChange).eq(Dollars.parse('3'))).toBe(true);
    expect(party.NoCollateralAmountChanges![0]!.CollateralAmountType).toBe('PAYOUT');
    expect(party.NoMiscFees).toEqual([{ MiscFeeAmt: '0.00', MiscFeeCurr: 'USD', MiscFeeType: '4', MiscFeeBasis: 0 }]);
  });

  it('sends them on KalshiRT only with ReceiveSettlementReports=Y, and not on KalshiPT with =N', async () => {
    const ticker = market();
    await trade(ticker);
    const rt = fixClient(1, { session: 'KalshiRT', ...fresh(), logon: { receiveSettlementReports: true } });
    await rt.connect();
    const ptOff = fixClient(0, { session: 'KalshiPT', ...fresh(), logon: { receiveSettlementReports: false } });
    await ptOff.connect();
    const toUser0 = outbound(h.users[0]!.apiKeyId);
    const report = nextSettlement(rt);
    h.mock.exchange.settleMarket(ticker, 'no');
    expect((await report).body).toMatchObject({ Symbol: ticker, MarketResult: 'no', SettlementPrice: '0.00' });
    expect((await report).body.NoMarketSettlementPartyIDs![0]).toMatchObject({ LongQty: '0.00', ShortQty: '3.00' });
    expect(toUser0.filter((t) => t.message.msgType === 'UMS')).toEqual([]);
  });

  it('sends nothing on KalshiRT without ReceiveSettlementReports', async () => {
    const ticker = market();
    await trade(ticker);
    const rt = fixClient(1, { session: 'KalshiRT', ...fresh() });
    await rt.connect();
    const toUser1 = outbound(h.users[1]!.apiKeyId);
    h.mock.exchange.settleMarket(ticker, 'yes');
    expect(toUser1.filter((t) => t.message.msgType === 'UMS')).toEqual([]);
  });

  it('keeps a report made while KalshiPT is disconnected and resends it after the next Logon (retransmission)', async () => {
    const ticker = market();
    await trade(ticker);
    const dir = mkdtempSync(join(tmpdir(), 'mock-fix-pt-'));
    dirs.push(dir);
    const first = fixClient(0, { session: 'KalshiPT', storeDir: dir, resetSeqNumOnLogon: true });
    await first.connect();
    await first.close();
    h.mock.exchange.settleMarket(ticker, 'yes');
    const second = fixClient(0, { session: 'KalshiPT', storeDir: dir });
    const report = nextSettlement(second);
    await second.connect();
    const recovered = await report;
    expect(recovered.body.Symbol).toBe(ticker);
    expect(recovered.header.PossDupFlag).toBe(true);
  });
});

describe('KalshiDC: drop copy', () => {
  /** Connects user 0's drop copy session and collects its ExecutionReports. */
  async function dropCopy(): Promise<{ client: KalshiFixClient; reports: FixExecutionReport[] }> {
    const client = fixClient(0, { session: 'KalshiDC' });
    const reports: FixExecutionReport[] = [];
    client.on('executionReport', (r) => reports.push(r));
    await client.connect();
    return { client, reports };
  }

  it("replays the ExecutionReports of the user's orders from FIX and REST in an ExecID range, with the order entry ExecIDs, then EventResendComplete", async () => {
    const ticker = market();
    const nr = fixClient(0);
    await nr.connect();
    const live: FixExecutionReport[] = [];
    nr.on('executionReport', (r) => live.push(r));
    const acked = new Promise<void>((resolve) => nr.on('executionReport', (r) => r.clOrdId === 'dc-fix-2' && resolve()));
    nr.newOrderSingle({ clOrdId: 'dc-fix-1', symbol: ticker, side: 'bid', price: Dollars.parse('0.40'), quantity: Contracts.parse('5'), timeInForce: 'gtc' });
    // Refused by the engine (no such market): a reject, which drop copy leaves out.
    nr.newOrderSingle({ clOrdId: 'dc-bad', symbol: 'KXPT-NOPE', side: 'bid', price: Dollars.parse('0.40'), quantity: Contracts.parse('1'), timeInForce: 'gtc' });
    nr.newOrderSingle({ clOrdId: 'dc-fix-2', symbol: ticker, side: 'bid', price: Dollars.parse('0.30'), quantity: Contracts.parse('1'), timeInForce: 'gtc' });
    await acked;
    expect((await h.rest(0).order({ ticker, side: 'bid', price: '0.20', count: '2', client_order_id: 'dc-rest-1' })).status).toBe(201);
    // Another user's order fills dc-fix-1 partly; its own reports are not user 0's.
    expect((await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '2', client_order_id: 'dc-other' })).status).toBe(201);
    await nr.close();
    const first = live.find((r) => r.clOrdId === 'dc-fix-1')!.message.body.ExecID;
    const rejected = live.find((r) => r.clOrdId === 'dc-bad')!;
    expect(rejected.execType).toBe('rejected');

    const { client, reports } = await dropCopy();
    const { resendEventCount } = await client.eventResend({ beginExecId: first });
    const byOrder = reports.map((r) => [r.clOrdId, r.execType]);
    expect(byOrder).toEqual([
      ['dc-fix-1', 'new'],
      ['dc-fix-2', 'new'],
      ['dc-rest-1', 'new'],
      ['dc-fix-1', 'trade'],
    ]);
    expect(resendEventCount).toBe(4);
    const liveIds = live.filter((r) => r.execType !== 'rejected').map((r) => r.message.body.ExecID);
    expect(reports.filter((r) => r.clOrdId !== 'dc-rest-1').map((r) => r.message.body.ExecID)).toEqual(liveIds);
    expect(reports.find((r) => r.clOrdId === 'dc-rest-1')!.message.body.Symbol).toBe(ticker);

    // EndExecID bounds the range (inclusive).
    reports.length = 0;
    const second = await client.eventResend({ beginExecId: first, endExecId: first });
    expect([second.resendEventCount, reports.map((r) => r.clOrdId)]).toEqual([1, ['dc-fix-1']]);
  });

  it('refuses a BeginExecID older than the 3-hour window (reason 3) and an EndExecID past the latest (reason 4)', async () => {
    const ticker = market();
    const ids: string[] = [];
    const nr = fixClient(0);
    await nr.connect();
    const acked = new Promise<void>((resolve) =>
      nr.on('executionReport', (r) => {
        ids.push(r.message.body.ExecID);
        resolve();
      }),
    );
    nr.newOrderSingle({ clOrdId: 'dc-old-1', symbol: ticker, side: 'bid', price: Dollars.parse('0.10'), quantity: Contracts.parse('1'), timeInForce: 'gtc' });
    await acked;
    await nr.close();
    const { client } = await dropCopy();
    const past = String(Number(ids[0]) + 1_000);
    await expect(client.eventResend({ beginExecId: ids[0]!, endExecId: past })).rejects.toMatchObject({ code: 'FIX_EVENT_RESEND_REJECTED', reason: 4 });
    await expect(client.eventResend({ beginExecId: ids[0]! })).resolves.toMatchObject({ resendEventCount: 1 });
    await client.close();

    clock.advance(3 * 3_600_000 + 1);
    const later = await dropCopy();
    await expect(later.client.eventResend({ beginExecId: ids[0]! })).rejects.toMatchObject({ code: 'FIX_EVENT_RESEND_REJECTED', reason: 3 });
  });

  it('answers an order sent on KalshiDC with BusinessMessageReject and never books it', async () => {
    const ticker = market();
    const u = h.users[0]!;
    const toUser = outbound(u.apiKeyId);
    const { session } = await rawLogon(h.mock, u, { session: 'KalshiDC', clock: fixClock });
    const seq = session.send('D', { ClOrdID: 'dc-order', OrderQty: '1.00', OrdType: '2', Price: '40', Side: '1', Symbol: ticker });
    await new Promise<void>((resolve) => session.on('message', () => resolve()));
    expect(toUser.map((t) => t.message)).toEqual([expect.objectContaining({ msgType: 'j', body: expect.objectContaining({ RefSeqNum: seq, RefMsgType: 'D', BusinessRejectReason: 3 }) })]);
    expect(h.mock.exchange.engine.orders(h.mock.exchange.userId(u.apiKeyId)).filter((o) => o.ticker === ticker)).toEqual([]);
    await session.logout();
  });
});
