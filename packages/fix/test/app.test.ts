import { generateKeyPairSync } from 'node:crypto';
import { createNodeSigner } from '@kalshi-sdk/auth';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { FixRequestError, FixValidationError } from '../src/app/errors.js';
import { KalshiFixClient, type KalshiFixClientOptions, type NewOrderParams } from '../src/app/kalshi-fix-client.js';
import type { FixExecutionReport } from '../src/app/orders.js';
import { FixPriceFormat, parseQuantity } from '../src/app/price-format.js';
import { shiftDecimal, truncateDecimal } from '../src/app/decimal-text.js';
import { formatUtcTimestamp } from '../src/codec/utc-timestamp.js';
import type { ExecutionReport } from '../src/generated/messages.js';
import { MemorySessionStore } from '../src/store/memory-store.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { ManualClock } from './support/manual-clock.js';
import { flush, Peer } from './support/peer.js';

const KEY = 'key-1';
const signer = createNodeSigner(generateKeyPairSync('ed25519').privateKey);
const TICKER = 'KXMOCK-26DEC31-A';
const order = (over: Partial<NewOrderParams> = {}): NewOrderParams => ({
  symbol: TICKER,
  side: 'bid',
  price: Dollars.parse('0.56'),
  quantity: Contracts.parse('10'),
  ...over,
});

/** A client whose every connection is an in-memory pair with a scripted Kalshi on the far end. */
async function connectedClient(options: Partial<KalshiFixClientOptions> = {}) {
  const clock = new ManualClock();
  const peers: Peer[] = [];
  const session = options.session ?? 'KalshiNR';
  const client = new KalshiFixClient({
    apiKeyId: KEY,
    signer,
    session,
    clock,
    connect: async () => {
      const [a, b] = createMemoryDuplexPair();
      peers.push(new Peer(b, session, KEY, () => clock.now()));
      return a;
    },
    ...options,
  });
  const accept = async (peer: Peer) => {
    const logon = await peer.next('A');
    peer.send('A', { EncryptMethod: 0, HeartBtInt: logon.body.HeartBtInt, DefaultApplVerID: '9', ResetSeqNumFlag: true });
  };
  const connecting = client.connect();
  while (peers.length === 0) await flush();
  await accept(peers[0]!);
  await connecting;
  const reports: FixExecutionReport[] = [];
  client.on('executionReport', (r) => reports.push(r));
  return { client, clock, peers, peer: peers[0]!, accept, reports };
}

function report(peer: Peer, body: Partial<ExecutionReport> & Pick<ExecutionReport, 'ExecID' | 'ExecType' | 'OrdStatus'>, header = {}) {
  peer.send('8', { OrderID: 'o-1', ClOrdID: 'c-1', Side: '1', Symbol: TICKER, LeavesQty: '10', CumQty: '0', AvgPx: '0', OrderQty: '10', ...body }, header);
}

describe('new orders', () => {
  it('sends a NewOrderSingle with every option, prices in whole cents', async () => {
    const { client, peer } = await connectedClient();
    const expire = Date.UTC(2026, 11, 31, 23, 0, 0);
    const sent = client.newOrderSingle(
      order({
        clOrdId: 'c-1',
        timeInForce: 'gtd',
        expireTime: expire,
        postOnly: true,
        selfTradePrevention: 'maker',
        orderGroupId: 'g-1',
        cancelOrderOnPause: true,
        maxExecutionCost: Dollars.parse('5.6'),
        allocAccount: 3,
        partyId: 'fcm-customer',
      }),
    );
    expect(sent).toMatchObject({ clOrdId: 'c-1', seqNum: 2, order: { status: 'pending_new', clOrdId: 'c-1' } });
    const d = await peer.next('D');
    expect(d.text).toContain('|11=c-1|18=6|38=10.00|40=2|44=56|54=1|55=KXMOCK-26DEC31-A|59=6|126=20261231-23:00:00.000|2964=2|');
    expect(d.body).toMatchObject({ NoPartyIDs: [{ PartyID: 'fcm-customer', PartyRole: 24 }], SecondaryClOrdID: 'g-1', CancelOrderOnPause: true, MaxExecutionCost: '5.6000', AllocAccount: 3 });
  });

  it.each([
    ['0.565', '0.5650'],
    ['0.0010', '0.0010'],
    ['0.99', '0.9900'],
  ])('sends price %s as %s with UseDollars', async (price, wire) => {
    const { client, peer } = await connectedClient({ logon: { useDollars: true } });
    client.newOrderSingle(order({ price: Dollars.parse(price), side: 'ask' }));
    const d = await peer.next('D');
    expect(d.body.Price).toBe(wire);
    expect(d.body.Side).toBe('2');
  });

  it.each([
    ['a zero price', { price: Dollars.ZERO }, 'FIX_INVALID_PRICE', 'Price'],
    ['a $1 price', { price: Dollars.ONE }, 'FIX_INVALID_PRICE', 'Price'],
    ['a subpenny price without UseDollars', { price: Dollars.parse('0.565') }, 'FIX_INVALID_PRICE', 'Price'],
    ['zero contracts', { quantity: Contracts.ZERO }, 'FIX_INVALID_QUANTITY', 'OrderQty'],
    ['a ClOrdID with a space', { clOrdId: 'a b' }, 'FIX_INVALID_FIELD', 'ClOrdID'],
    ['a 65-character ClOrdID', { clOrdId: 'x'.repeat(65) }, 'FIX_INVALID_FIELD', 'ClOrdID'],
    ['GTD without ExpireTime', { timeInForce: 'gtd' }, 'FIX_MISSING_FIELD', 'ExpireTime'],
    ['ExpireTime without GTD', { expireTime: 0, timeInForce: 'gtc' }, 'FIX_INVALID_FIELD', 'ExpireTime'],
    ['subaccount 64', { allocAccount: 64 }, 'FIX_INVALID_FIELD', 'AllocAccount'],
    ['side buy', { side: 'buy' }, 'FIX_INVALID_FIELD', 'Side'],
    ['an empty symbol', { symbol: '' }, 'FIX_INVALID_FIELD', 'Symbol'],
    ['a 5-decimal max cost', { maxExecutionCost: Dollars.parse('0.12345', undefined, { maxDecimals: 6 }) }, 'FIX_INVALID_PRICE', 'MaxExecutionCost'],
  ] as const)('refuses %s before sending anything', async (_name, over, code, field) => {
    const { client, peer } = await connectedClient();
    let error: unknown;
    try {
      client.newOrderSingle(order(over as Partial<NewOrderParams>));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixValidationError);
    expect(error).toMatchObject({ code, field });
    await flush();
    expect(peer.all('D')).toHaveLength(0);
    expect(client.session?.nextSenderSeqNum).toBe(2);
  });

  it('refuses to send while not logged on', () => {
    const client = new KalshiFixClient({ apiKeyId: KEY, signer, session: 'KalshiNR' });
    expect(() => client.newOrderSingle(order())).toThrow(expect.objectContaining({ code: 'FIX_NOT_LOGGED_ON' }));
  });
});

describe('execution reports', () => {
  it('tracks an order through new, partial fill and fill, and skips a resent duplicate', async () => {
    const { client, peer, reports } = await connectedClient();
    const iterator = client.executionReports();
    client.newOrderSingle(order({ clOrdId: 'c-1' }));
    report(peer, { ExecID: 'e1', ExecType: '0', OrdStatus: '0', Price: '56' });
    report(peer, { ExecID: 'e2', ExecType: 'F', OrdStatus: '1', LastPx: '56', LastQty: '4', CumQty: '4', LeavesQty: '6', AvgPx: '56', TransactTime: '20260102-03:04:05.678' });
    report(peer, { ExecID: 'e3', ExecType: 'F', OrdStatus: '2', LastPx: '55', LastQty: '6', CumQty: '10', LeavesQty: '0', AvgPx: '55.4' });
    report(peer, { ExecID: 'e2', ExecType: 'F', OrdStatus: '1', LastPx: '56', LastQty: '4', CumQty: '4', LeavesQty: '6', AvgPx: '56' }, { PossDupFlag: true, OrigSendingTime: formatUtcTimestamp(0) });
    await flush();
    expect(reports.map((r) => [r.execType, r.ordStatus, r.order.status, r.duplicate])).toEqual([
      ['new', 'new', 'new', false],
      ['trade', 'partially_filled', 'partially_filled', false],
      ['trade', 'filled', 'filled', false],
      ['trade', 'partially_filled', 'filled', true],
    ]);
    const [, partial, filled, dup] = reports;
    expect(partial).toMatchObject({ lastPx: Dollars.parse('0.56'), lastQty: Contracts.parse('4'), transactTimeMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
    expect(filled!.avgPx.toString()).toBe('0.5540');
    expect(filled!.order).toMatchObject({ orderId: 'o-1', done: true });
    expect(filled!.order.cumQty.toWire()).toBe('10.00');
    expect(dup!.possDup).toBe(true);
    expect(client.getOrder('o-1')?.status).toBe('filled');
    expect(client.openOrders()).toEqual([]);
    const first = await iterator.next();
    expect(first.value?.execId).toBe('e1');
    await iterator.return?.();
  });

  it('replaces and cancels a tracked order by any of its ids, and reverts on OrderCancelReject', async () => {
    const { client, peer, reports } = await connectedClient({ logon: { useDollars: true } });
    client.newOrderSingle(order({ clOrdId: 'c-1' }));
    report(peer, { ExecID: 'e1', ExecType: '0', OrdStatus: '0', Price: '0.5600' });
    await flush();
    const replace = client.cancelReplace({ order: 'o-1', clOrdId: 'c-2', quantity: Contracts.parse('12'), price: Dollars.parse('0.575') });
    expect(replace.order?.pendingRequest).toEqual({ kind: 'replace', clOrdId: 'c-2' });
    const g = await peer.next('G');
    expect(g.body).toMatchObject({ ClOrdID: 'c-2', OrigClOrdID: 'c-1', OrderID: 'o-1', OrderQty: '12.00', OrdType: '2', Price: '0.5750', Side: '1', Symbol: TICKER });
    report(peer, { ExecID: 'e2', ExecType: '5', OrdStatus: '0', ClOrdID: 'c-2', OrigClOrdID: 'c-1', OrderQty: '12', LeavesQty: '12', Price: '0.5750' });
    await flush();
    expect(client.getOrder('c-1')).toMatchObject({ clOrdId: 'c-2', origClOrdIds: ['c-1'], pendingRequest: undefined, price: Dollars.parse('0.575') });
    client.cancel({ order: 'c-1', clOrdId: 'c-3' });
    const f = await peer.next('F');
    expect(f.body).toEqual({ ClOrdID: 'c-3', OrigClOrdID: 'c-2', OrderID: 'o-1', Side: '1', Symbol: TICKER });
    const rejects: unknown[] = [];
    client.on('orderCancelReject', (r) => rejects.push(r.order?.pendingRequest));
    peer.send('9', { OrderID: 'o-1', ClOrdID: 'c-3', OrigClOrdID: 'c-2', OrdStatus: '0', CxlRejResponseTo: '1', CxlRejReason: 0, Text: 'too late' });
    await flush();
    expect(rejects).toEqual([undefined]);
    expect(client.getOrder('o-1')).toMatchObject({ status: 'new', text: 'too late' });
    client.cancel({ order: 'c-2', clOrdId: 'c-4' });
    report(peer, { ExecID: 'e3', ExecType: '4', OrdStatus: '4', ClOrdID: 'c-4', OrigClOrdID: 'c-2', LeavesQty: '0', OrderQty: '0' });
    await flush();
    expect(reports.at(-1)!.order).toMatchObject({ status: 'canceled', clOrdId: 'c-4', origClOrdIds: ['c-1', 'c-2'], done: true });
  });

  it('needs symbol and side to cancel an order it does not track', async () => {
    const { client, peer } = await connectedClient();
    expect(() => client.cancel({ order: 'rest-order' })).toThrow(expect.objectContaining({ code: 'FIX_UNKNOWN_ORDER', field: 'OrigClOrdID' }));
    const sent = client.cancel({ order: 'rest-order', symbol: TICKER, side: 'ask' });
    expect(sent.order).toBeUndefined();
    expect((await peer.next('F')).body).toMatchObject({ OrigClOrdID: 'rest-order', Side: '2' });
  });

  it('marks a new order rejected when Kalshi rejects its message', async () => {
    const { client, peer } = await connectedClient();
    const { seqNum } = client.newOrderSingle(order({ clOrdId: 'c-1' }));
    peer.send('3', { RefSeqNum: seqNum, RefTagID: 55, SessionRejectReason: 5, Text: 'unknown symbol' });
    await flush();
    expect(client.getOrder('c-1')).toMatchObject({ status: 'rejected', text: 'unknown symbol', done: true });
  });
});

describe('requests with answers', () => {
  it('resolves a mass cancel with its report and rejects a refused one', async () => {
    const { client, peer } = await connectedClient();
    const ok = client.massCancel({ clOrdId: 'm-1' });
    expect((await peer.next('q')).body).toEqual({ ClOrdID: 'm-1', MassCancelRequestType: '6' });
    peer.send('r', { ClOrdID: 'm-1', OrderID: 'x', MassCancelResponse: '6' });
    await expect(ok).resolves.toMatchObject({ MassCancelResponse: '6' });
    const refused = client.massCancel({ clOrdId: 'm-2' });
    peer.send('r', { ClOrdID: 'm-2', OrderID: 'x', MassCancelResponse: '0', MassCancelRejectReason: 99 });
    await expect(refused).rejects.toMatchObject({ code: 'FIX_MASS_CANCEL_REJECTED', reason: 99 });
  });

  it('manages order groups and reports a business reject', async () => {
    const { client, peer } = await connectedClient();
    const created = client.orderGroup({ action: 'create', contractsLimit: Contracts.parse('250') });
    expect((await peer.next('UOG')).body).toEqual({ OrderGroupAction: 1, OrderGroupContractsLimit: 250 });
    peer.send('UOH', { OrderGroupID: 'g-9', OrderGroupContractsLimit: 250 });
    await expect(created).resolves.toEqual({ OrderGroupID: 'g-9', OrderGroupContractsLimit: 250 });
    const reset = client.orderGroup({ action: 'reset', orderGroupId: 'nope', allocAccount: 2 });
    const uog = await peer.next('UOG');
    expect(uog.body).toEqual({ OrderGroupAction: 2, OrderGroupID: 'nope', AllocAccount: 2 });
    peer.send('j', { RefSeqNum: uog.header.MsgSeqNum, RefMsgType: 'UOG', BusinessRejectReason: 1, Text: 'ORDER_GROUP_NOT_FOUND' });
    const error = await reset.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixRequestError);
    expect(error).toMatchObject({ code: 'FIX_BUSINESS_REJECT', msgType: 'UOG', reason: 1, text: 'ORDER_GROUP_NOT_FOUND' });
    await expect(client.orderGroup({ action: 'update', orderGroupId: 'g-9', contractsLimit: Contracts.parse('1.5') })).rejects.toMatchObject({
      code: 'FIX_INVALID_QUANTITY',
      field: 'OrderGroupContractsLimit',
    });
  });

  it('resolves a drop-copy event resend on EventResendComplete and rejects on EventResendReject', async () => {
    const { client, peer } = await connectedClient({ session: 'KalshiDC' });
    const done = client.eventResend({ beginExecId: '100;1', endExecId: '105;1' });
    const u1 = await peer.next('U1');
    expect(u1.body).toEqual({ BeginExecID: '100;1', EndExecID: '105;1' });
    peer.send('U2', { RefSeqNum: u1.header.MsgSeqNum, ResendEventCount: 6 });
    await expect(done).resolves.toEqual({ resendEventCount: 6 });
    const refused = client.eventResend({ beginExecId: '1;1' });
    const second = await peer.next('U1');
    peer.send('U3', { RefSeqNum: second.header.MsgSeqNum, EventResendRejectReason: 3 });
    await expect(refused).rejects.toMatchObject({ code: 'FIX_EVENT_RESEND_REJECTED', reason: 3 });
  });

  it('aborts requests in flight when the connection drops', async () => {
    const { client, peer } = await connectedClient({ reconnect: false });
    const pending = client.massCancel();
    await peer.next('q');
    peer.duplex.destroy();
    await expect(pending).rejects.toMatchObject({ code: 'FIX_REQUEST_ABORTED', msgType: 'q' });
  });
});

describe('RFQ and settlement messages', () => {
  it('emits typed RFQ messages and sends quotes with dictionary-typed bodies', async () => {
    const { client, peer } = await connectedClient({ session: 'KalshiRFQ', store: new MemorySessionStore(), resetSeqNumOnLogon: true });
    const rfqs: string[] = [];
    client.on('rfq', (m) => {
      if (m.msgType === 'R') rfqs.push(`${m.body.QuoteReqID}:${m.body.Symbol}:${m.body.OrderQty}`);
      else rfqs.push(m.msgType);
    });
    peer.send('R', { QuoteReqID: 'q-1', NoRelatedSym: 1, Symbol: TICKER, OrderQty: '100' });
    peer.send('AI', { QuoteID: 'Q', QuoteReqID: 'q-1', QuoteStatus: 0 });
    await flush();
    expect(rfqs).toEqual([`q-1:${TICKER}:100`, 'AI']);
    client.send('S', { QuoteID: 'Q', QuoteReqID: 'q-1', Symbol: TICKER, BidPx: client.prices.limit(Dollars.parse('0.45'), 'BidPx'), OrderQty: Contracts.parse('100').toWire() });
    expect((await peer.next('S')).text).toContain('|132=45|');
  });

  it('emits settlement reports', async () => {
    const { client, peer } = await connectedClient({ session: 'KalshiPT', store: new MemorySessionStore() });
    const got: string[] = [];
    client.on('settlementReport', (m) => got.push(`${m.body.Symbol}:${m.body.MarketResult}:${m.body.SettlementPrice}`));
    peer.send('UMS', { MarketSettlementReportID: 's', Symbol: TICKER, ClearingBusinessDate: '20261231', MarketResult: 'yes', SettlementPrice: '100' });
    await flush();
    expect(got).toEqual([`${TICKER}:yes:100`]);
  });
});

describe('connection', () => {
  it('reconnects with backoff after a drop and logs on again with reset sequence numbers', async () => {
    const { client, clock, peers, accept } = await connectedClient({ reconnect: { initialDelayMs: 1_000, jitter: 0 } });
    const events: unknown[] = [];
    client.on('disconnected', (e) => events.push(e?.code));
    client.on('reconnecting', (r) => events.push(r));
    client.on('connected', () => events.push('connected'));
    peers[0]!.duplex.destroy();
    await flush();
    expect(events).toEqual(['FIX_DISCONNECTED', { attempt: 1, delayMs: 1_000 }]);
    clock.advance(999);
    await flush();
    expect(peers).toHaveLength(1);
    clock.advance(1);
    while (peers.length < 2) await flush();
    const logon = await peers[1]!.next('A');
    expect(logon.header.MsgSeqNum).toBe(1);
    expect(logon.body.ResetSeqNumFlag).toBe(true);
    peers[1]!.send('A', { EncryptMethod: 0, HeartBtInt: 30, DefaultApplVerID: '9', ResetSeqNumFlag: true });
    await flush();
    expect(events.at(-1)).toBe('connected');
    expect(client.loggedOn).toBe(true);
    void accept;
  });

  it('stops reconnecting when Kalshi refuses the Logon', async () => {
    const { client, clock, peers } = await connectedClient({ reconnect: { initialDelayMs: 10, jitter: 0 } });
    const errors: unknown[] = [];
    client.on('error', (e) => errors.push((e as { code?: string }).code));
    peers[0]!.duplex.destroy();
    await flush();
    clock.advance(10);
    while (peers.length < 2) await flush();
    await peers[1]!.next('A');
    peers[1]!.send('5', { Text: 'invalid signature' });
    await flush();
    expect(errors).toEqual(['FIX_LOGON_REJECTED']);
    clock.advance(60_000);
    await flush();
    expect(peers).toHaveLength(2);
  });

  it('logs out on close and does not reconnect', async () => {
    const { client, peer, clock, peers } = await connectedClient();
    const closing = client.close('done');
    expect((await peer.next('5')).body.Text).toBe('done');
    peer.send('5', {});
    await closing;
    clock.advance(60_000);
    await flush();
    expect(peers).toHaveLength(1);
    expect(client.loggedOn).toBe(false);
  });

  it.each([
    ['a heartbeat below 3 s', { heartbeatIntervalSec: 2 }, 'heartbeatIntervalSec'],
    ['no sequence reset on KalshiNR', { resetSeqNumOnLogon: false }, 'resetSeqNumOnLogon'],
    ['a listener session without skipPendingExecReports', { logon: { listenerSession: true } }, 'skipPendingExecReports'],
    ['settlement reports on KalshiNR', { logon: { receiveSettlementReports: true } }, 'receiveSettlementReports'],
    ['a retention period on KalshiNR', { logon: { messageRetentionPeriod: 24 } }, 'messageRetentionPeriod'],
  ] as const)('refuses %s', (_name, over, field) => {
    expect(() => new KalshiFixClient({ apiKeyId: KEY, signer, session: 'KalshiNR', ...over })).toThrow(expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field }));
  });
});

describe('prices and quantities at the wire', () => {
  it.each([
    [false, '0.56', '56'],
    [false, '0.01', '1'],
    [true, '0.5650', '0.5650'],
    [true, '0.001', '0.0010'],
  ])('limit(useDollars %s, %s) → %s', (useDollars, price, wire) => {
    expect(new FixPriceFormat(useDollars).limit(Dollars.parse(price))).toBe(wire);
  });

  it.each([
    [false, '56', '0.5600'],
    [false, '56.25', '0.5625'],
    [false, '5', '0.0500'],
    [false, '55.123456', '0.551234'],
    [true, '0.6600', '0.6600'],
    [true, '0.663333333', '0.663333'],
  ])('parse(useDollars %s, %s) → %s', (useDollars, wire, dollars) => {
    expect(new FixPriceFormat(useDollars).parse(wire, 'LastPx').toString()).toBe(dollars);
  });

  it.each([
    [false, '55.26190476', '0.5526190476'],
    [true, '0.663333333', '0.663333333'],
  ])('parseAverage(useDollars %s, %s) → %s, every decimal kept', (useDollars, wire, dollars) => {
    expect(new FixPriceFormat(useDollars).parseAverage(wire).toString()).toBe(dollars);
  });

  it.each([[false, 'abc'], [true, '0.5x'], [false, '']])('parseAverage(useDollars %s) refuses %j with FIX_INVALID_PRICE naming AvgPx', (useDollars, wire) => {
    expect(() => new FixPriceFormat(useDollars).parseAverage(wire)).toThrow(
      expect.objectContaining({ name: 'FixValidationError', code: 'FIX_INVALID_PRICE', field: 'AvgPx', value: wire }),
    );
  });

  it.each([
    [false, '0.5625', '56.25'],
    [true, '0.5625', '0.5625'],
  ])('format(useDollars %s, %s) → %s', (useDollars, price, wire) => {
    expect(new FixPriceFormat(useDollars).format(Dollars.parse(price))).toBe(wire);
  });

  it.each([
    ['10', '10.00'],
    ['100.0000', '100.00'],
    ['0.5', '0.50'],
  ])('parseQuantity(%s) → %s', (wire, want) => {
    expect(parseQuantity(wire, 'OrderQty').toWire()).toBe(want);
  });

  it.each([['-1'], ['0.005'], ['1e3'], ['']])('parseQuantity refuses %s', (wire) => {
    expect(() => parseQuantity(wire, 'CumQty')).toThrow(expect.objectContaining({ code: 'FIX_INVALID_QUANTITY', field: 'CumQty', value: wire }));
  });

  it.each([
    ['0.565', 2, '56.5'],
    ['56.5', -2, '0.565'],
    ['5', -2, '0.05'],
    ['100', -2, '1'],
    ['-0.5', 1, '-5'],
    ['-0.00', 0, '0'],
    ['007.50', 0, '7.5'],
    ['x', 1, undefined],
  ] as const)('shiftDecimal(%s, %i) → %s', (given, places, want) => {
    expect(shiftDecimal(given, places)).toBe(want);
  });

  it('truncateDecimal cuts toward zero', () => {
    expect(truncateDecimal('-0.1239', 3)).toBe('-0.123');
    expect(truncateDecimal('-0.0009', 3)).toBe('0');
  });
});
