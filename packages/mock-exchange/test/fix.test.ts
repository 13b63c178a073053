import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectFixTransport,
  FixSession,
  kalshiLogonFields,
  KalshiFixClient,
  MemorySessionStore,
  type FixExecutionReport,
  type KalshiFixClientOptions,
} from '@kalshi-sdk/fix';
import { AveragePrice, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FixTraffic } from '../src/index.js';
import { startMockExchange } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';
import { mockFixClientOptions, nextReport } from './support/fix-logon.js';

let h: Harness;
let n = 0;
const open: KalshiFixClient[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [], fix: {} });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  h.assertConformance();
});
afterAll(async () => {
  await h.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function market(priceLevelStructure: 'linear_cent' | 'deci_cent' = 'linear_cent'): string {
  const ticker = `KXFIX-M${++n}`;
  h.mock.exchange.addMarket({ ticker, priceLevelStructure });
  return ticker;
}

/** A Kalshi FIX client for harness user `user`, connected to the simulator over loopback TCP. */
function fixClient(user = 0, options: Partial<KalshiFixClientOptions> = {}): KalshiFixClient {
  const u = h.users[user]!;
  const client = new KalshiFixClient({ ...mockFixClientOptions(h.mock, u), ...options });
  open.push(client);
  return client;
}

const bid = (ticker: string, clOrdId: string, price = '0.40', count = '10') =>
  ({ clOrdId, symbol: ticker, side: 'bid', price: Dollars.parse(price), quantity: Contracts.parse(count), timeInForce: 'gtc' }) as const;

describe('logon', () => {
  it('verifies the RawData signature of the API key in SenderCompID', async () => {
    const client = fixClient(0);
    await client.connect();
    expect(h.mock.fix!.isLoggedOn('key-1', 'KalshiNR')).toBe(true);
    expect(h.mock.fix!.sequenceNumbers('key-1', 'KalshiNR')).toEqual({ nextSenderSeqNum: 2, nextTargetSeqNum: 2 });
  });

  it.each([
    ['a signature by another key', (): Partial<KalshiFixClientOptions> => ({ signer: h.users[1]!.signer }), 'invalid signature'],
    ['an unknown API key', (): Partial<KalshiFixClientOptions> => ({ apiKeyId: 'no-such-key' }), 'unknown API key'],
  ])('refuses %s with a Logout', async (_name, over, text) => {
    const client = fixClient(0, over());
    await expect(client.connect()).rejects.toMatchObject({ code: 'FIX_LOGON_REJECTED', text });
    expect(h.mock.fix!.isLoggedOn('key-1', 'KalshiNR')).toBe(false);
  });

  it('requires ResetSeqNumFlag=Y on KalshiNR', async () => {
    const u = h.users[2]!;
    const session = new FixSession({
      role: 'initiator',
      senderCompId: u.apiKeyId,
      targetCompId: 'KalshiNR',
      store: new MemorySessionStore(),
      resetSeqNumOnLogon: false,
      logonFields: kalshiLogonFields({ signer: u.signer, session: 'KalshiNR' }),
    });
    const started = session.start(await connectFixTransport({ host: '127.0.0.1', port: h.mock.fixPort!, tls: false }));
    await expect(started).rejects.toMatchObject({ code: 'FIX_LOGON_REJECTED', text: 'ResetSeqNumFlag must be Y on KalshiNR' });
  });
});

describe('session rules', () => {
  it("keeps its own copy of Kalshi's session rules instead of the client's session table", () => {
    // ARCHITECTURE.md: the mock keeps its own copy of Kalshi's documented rules, so a wrong rule
    // in the client cannot hide behind the same wrong rule in the mock.
    const dir = new URL('../src/fix/', import.meta.url);
    const sources = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toMatch(/^import[^;]*\b(KALSHI_FIX_SESSIONS|kalshiFixEndpoint|kalshiLogonBody)\b[^;]*from/m);
    expect(sources.some((source) => source.includes('export const SESSION_RULES'))).toBe(true);
  });
});

describe('orders', () => {
  it('answers a NewOrderSingle with an ExecutionReport and shows the order over REST and WebSocket', async () => {
    const ticker = market();
    const ws = await h.ws(0);
    await ws.command('subscribe', { channels: ['user_orders'], market_ticker: ticker });
    const client = fixClient(0);
    await client.connect();
    const ack = nextReport(client, () => true);
    client.newOrderSingle(bid(ticker, 'fix-new-1'));
    const er = await ack;
    expect(er).toMatchObject({ execType: 'new', ordStatus: 'new', clOrdId: 'fix-new-1', price: Dollars.parse('0.40'), side: 'bid', symbol: ticker });
    expect(er.leavesQty.toWire()).toBe('10.00');
    const rest = await h.rest(0).get(`/portfolio/orders?ticker=${ticker}`);
    expect(rest.body.orders).toEqual([expect.objectContaining({ order_id: er.orderId, client_order_id: 'fix-new-1', status: 'resting', remaining_count_fp: '10.00' })]);
    const frame = await ws.waitFor((f) => f.type === 'user_order' && f.msg.client_order_id === 'fix-new-1');
    expect(frame.msg).toMatchObject({ order_id: er.orderId, status: 'resting', yes_price_dollars: '0.4000' });
  });

  it('reports fills of a resting FIX order that a REST order trades against, and fills a FIX order against a resting REST one', async () => {
    const ticker = market('deci_cent');
    const client = fixClient(0, { logon: { useDollars: true } });
    await client.connect();
    client.newOrderSingle(bid(ticker, 'fix-rest-1', '0.4250', '10'));
    const partial = nextReport(client, (r) => r.execType === 'trade');
    const taker = await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '4' });
    expect(taker.status).toBe(201);
    const fill = await partial;
    expect(fill).toMatchObject({ ordStatus: 'partially_filled', lastPx: Dollars.parse('0.425'), avgPx: AveragePrice.parse('0.425') });
    expect([fill.lastQty?.toWire(), fill.cumQty.toWire(), fill.leavesQty.toWire()]).toEqual(['4.00', '4.00', '6.00']);
    expect(fill.message.body.AggressorIndicator).toBe(false);
    expect(client.getOrder('fix-rest-1')).toMatchObject({ status: 'partially_filled' });

    await h.rest(2).order({ ticker, side: 'ask', price: '0.45', count: '5', client_order_id: 'rest-maker' });
    const done = nextReport(client, (r) => r.clOrdId === 'fix-ioc-1' && r.ordStatus === 'filled');
    const seen: string[] = [];
    client.on('executionReport', (r) => {
      if (r.clOrdId === 'fix-ioc-1') seen.push(r.execType);
    });
    client.newOrderSingle({ clOrdId: 'fix-ioc-1', symbol: ticker, side: 'bid', price: Dollars.parse('0.46'), quantity: Contracts.parse('5'), timeInForce: 'ioc' });
    const filled = await done;
    expect(seen).toEqual(['new', 'trade']);
    expect(filled.message.body.AggressorIndicator).toBe(true);
    expect(filled.lastPx?.toString()).toBe('0.4500');
    expect(client.getOrder('fix-ioc-1')).toMatchObject({ status: 'filled', done: true });
    const fills = await h.rest(2).get(`/portfolio/fills?ticker=${ticker}`);
    expect(fills.body.fills).toEqual([expect.objectContaining({ book_side: 'ask', yes_price_dollars: '0.4500', count_fp: '5.00', is_taker: false })]);
  });

  it('cancels and replaces, and rejects a cancel of an unknown order', async () => {
    const ticker = market();
    const client = fixClient(0);
    await client.connect();
    const acked = nextReport(client, (r) => r.execType === 'new');
    client.newOrderSingle(bid(ticker, 'fix-cr-1'));
    const { orderId } = await acked;
    const replaced = nextReport(client, (r) => r.execType === 'replaced');
    client.cancelReplace({ order: 'fix-cr-1', clOrdId: 'fix-cr-2', quantity: Contracts.parse('7'), price: Dollars.parse('0.41') });
    expect(await replaced).toMatchObject({ clOrdId: 'fix-cr-2', origClOrdId: 'fix-cr-1', ordStatus: 'new', price: Dollars.parse('0.41') });
    const rest = await h.rest(0).get(`/portfolio/orders/${orderId}`);
    expect(rest.body.order).toMatchObject({ client_order_id: 'fix-cr-2', yes_price_dollars: '0.4100', remaining_count_fp: '7.00' });

    const canceled = nextReport(client, (r) => r.execType === 'canceled');
    client.cancel({ order: orderId, clOrdId: 'fix-cr-3' });
    expect(await canceled).toMatchObject({ clOrdId: 'fix-cr-3', origClOrdId: 'fix-cr-2', ordStatus: 'canceled' });
    expect(client.getOrder('fix-cr-1')).toMatchObject({ status: 'canceled', done: true });
    expect((await h.rest(0).get(`/portfolio/orders/${orderId}`)).body.order.status).toBe('canceled');

    const rejected = new Promise<unknown>((resolve) => client.on('orderCancelReject', (r) => resolve(r.message.body)));
    client.cancel({ order: 'never-sent', symbol: ticker, side: 'bid', clOrdId: 'fix-cr-4' });
    expect(await rejected).toMatchObject({ ClOrdID: 'fix-cr-4', CxlRejReason: 1, CxlRejResponseTo: '1' });
  });

  it('rejects an order the engine refuses with an ExecutionReport', async () => {
    const client = fixClient(0);
    await client.connect();
    const rejected = nextReport(client, () => true);
    client.newOrderSingle(bid('KXFIX-NO-SUCH-MARKET', 'fix-bad-1'));
    expect(await rejected).toMatchObject({ execType: 'rejected', ordStatus: 'rejected', ordRejReason: 1, text: 'MARKET_NOT_FOUND', order: { status: 'rejected' } });
  });

  it('mass-cancels the session orders and manages order groups', async () => {
    const ticker = market();
    const client = fixClient(1);
    await client.connect();
    const group = await client.orderGroup({ action: 'create', contractsLimit: Contracts.parse('100') });
    expect(group.OrderGroupContractsLimit).toBe(100);
    client.newOrderSingle({ ...bid(ticker, 'fix-mc-1'), orderGroupId: group.OrderGroupID });
    client.newOrderSingle(bid(ticker, 'fix-mc-2', '0.39'));
    const canceled = new Set<string>();
    client.on('executionReport', (r) => {
      if (r.execType === 'canceled') canceled.add(r.clOrdId);
    });
    await expect(client.massCancel({ clOrdId: 'mc' })).resolves.toMatchObject({ ClOrdID: 'mc', MassCancelResponse: '6' });
    expect([...canceled].sort()).toEqual(['fix-mc-1', 'fix-mc-2']);
    const groups = await h.rest(1).get('/portfolio/order_groups');
    expect(groups.body.order_groups).toEqual(expect.arrayContaining([expect.objectContaining({ id: group.OrderGroupID })]));
    await expect(client.orderGroup({ action: 'delete', orderGroupId: 'no-such-group' })).rejects.toMatchObject({ code: 'FIX_BUSINESS_REJECT', reason: 1, text: 'ORDER_GROUP_NOT_FOUND' });
  });
});

describe('session recovery', () => {
  it('resends a message lost on the wire after the client asks with ResendRequest (KalshiRT)', async () => {
    const ticker = market();
    const client = fixClient(1, { session: 'KalshiRT', store: new MemorySessionStore() });
    await client.connect();
    const gaps: unknown[] = [];
    client.on('sequenceGap', (g) => gaps.push(g));
    const reports: FixExecutionReport[] = [];
    client.on('executionReport', (r) => reports.push(r));
    h.mock.fix!.faults.dropNextMessage({ apiKeyId: 'key-2', msgType: '8' });
    client.newOrderSingle(bid(ticker, 'gap-1'));
    const second = nextReport(client, (r) => r.clOrdId === 'gap-2');
    client.newOrderSingle(bid(ticker, 'gap-2'));
    await second;
    expect(gaps).toEqual([{ expected: 2, received: 3, resendRequested: true }]);
    expect(reports.map((r) => [r.clOrdId, r.possDup])).toEqual([
      ['gap-1', true],
      ['gap-2', true],
    ]);
    expect(client.getOrder('gap-1')?.status).toBe('new');
  });

  it('restarts from the persisted sequence numbers and recovers a fill reported while it was down (KalshiRT, file store)', async () => {
    const ticker = market();
    const dir = mkdtempSync(join(tmpdir(), 'mock-fix-rt-'));
    dirs.push(dir);
    const first = fixClient(2, { session: 'KalshiRT', storeDir: dir });
    await first.connect();
    const acked = nextReport(first, (r) => r.execType === 'new');
    first.newOrderSingle(bid(ticker, 'rt-1'));
    await acked;
    const before = h.mock.fix!.sequenceNumbers('key-3', 'KalshiRT')!;
    h.mock.fix!.faults.disconnect({ apiKeyId: 'key-3' });
    await first.close();

    // While the client is down a REST order fills its resting order: the acceptor keeps the report.
    await h.rest(0).order({ ticker, side: 'ask', price: '0.40', count: '10' });
    expect(h.mock.fix!.sequenceNumbers('key-3', 'KalshiRT')!.nextSenderSeqNum).toBe(before.nextSenderSeqNum + 1);

    const second = fixClient(2, { session: 'KalshiRT', storeDir: dir });
    const recovered = nextReport(second, (r) => r.clOrdId === 'rt-1' && r.execType === 'trade');
    await second.connect();
    const fill = await recovered;
    expect(fill).toMatchObject({ possDup: true, ordStatus: 'filled' });
    expect(fill.order).toMatchObject({ orderId: fill.orderId, status: 'filled' });
    const after = h.mock.fix!.sequenceNumbers('key-3', 'KalshiRT')!;
    expect(after.nextTargetSeqNum).toBeGreaterThan(before.nextTargetSeqNum);
  });

  it('answers an invalid message from Kalshi with Reject(3)', async () => {
    const client = fixClient(0);
    await client.connect();
    const rejected = new Promise<FixTraffic>((resolve) => {
      const off = h.mock.fix!.on((t) => {
        if (t.direction === 'in' && t.apiKeyId === 'key-1' && t.message.msgType === '3') {
          off();
          resolve(t);
        }
      });
    });
    h.mock.fix!.faults.sendInvalidMessage({ apiKeyId: 'key-1' });
    expect((await rejected).message.body).toMatchObject({ RefTagID: 54, RefMsgType: '8', SessionRejectReason: 5 });
    expect(client.loggedOn).toBe(true);
  });
});

describe('heartbeats', () => {
  /** One clock for the simulator and the client session: timers fire only on `advance`. */
  class SharedClock {
    ms = Date.UTC(2026, 0, 2, 3, 4, 5);
    private timers: Array<{ at: number; fn: () => void }> = [];
    now = (): number => this.ms;
    setTimeout = (fn: () => void, ms: number): unknown => {
      const timer = { at: this.ms + ms, fn };
      this.timers.push(timer);
      return timer;
    };
    clearTimeout = (timer: unknown): void => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
    advance(ms: number): void {
      const end = this.ms + ms;
      for (let due = this.timers.filter((t) => t.at <= end); due.length > 0; due = this.timers.filter((t) => t.at <= end)) {
        const next = due.reduce((a, b) => (b.at < a.at ? b : a));
        this.timers = this.timers.filter((t) => t !== next);
        this.ms = Math.max(this.ms, next.at);
        next.fn();
      }
      this.ms = end;
    }
  }

  it('keeps a quiet session alive: the acceptor answers TestRequest with its TestReqID', async () => {
    const clock = new SharedClock();
    const u = h.users[0]!;
    const mock = await startMockExchange({ clock, fix: {}, pingIntervalMs: 0, users: [{ apiKeyId: u.apiKeyId, publicKeyPem: u.publicKeyPem, balanceDollars: '10' }] });
    try {
      const socket = await connectFixTransport({ host: '127.0.0.1', port: mock.fixPort!, tls: false });
      // The acceptor's Heartbeat(0) answering the session's TestRequest carries its TestReqID(112).
      const answered = new Promise<void>((resolve) => {
        let inbound = '';
        socket.on('data', (d: Buffer) => {
          inbound += d.toString('latin1');
          if (/\x0135=0\x01[^]*\x01112=TEST-/.test(inbound)) resolve();
        });
      });
      const session = new FixSession({
        role: 'initiator',
        senderCompId: u.apiKeyId,
        targetCompId: 'KalshiNR',
        acceptSenderCompIds: ['Kalshi'],
        store: new MemorySessionStore(),
        resetSeqNumOnLogon: true,
        clock,
        logonFields: kalshiLogonFields({ signer: u.signer, session: 'KalshiNR' }),
      });
      await session.start(socket);
      clock.advance(36_000);
      await answered;
      clock.advance(40_000);
      expect(session.state).toBe('active');
      await session.logout();
    } finally {
      await mock.close();
    }
  });
});
