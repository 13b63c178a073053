import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Contracts } from '@kalshi-sdk/fixed-point';
import { ManualClock, REPLAY_LIQUIDITY_USER, startReplay } from '../src/index.js';
import { startHarness, type Harness } from './support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-replay-fast-'));
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const HEADER = JSON.stringify({ format: 'kalshi-ws-recording', version: 1, started_ms: 0 });
/** A delta line exactly as the recorder writes Kalshi's frame (`type` first, `msg` last). */
const deltaLine = (t: number, ticker: string, side: 'yes' | 'no', price: string, delta: string, seq: number): string =>
  `{"t":${t},"frame":{"type":"orderbook_delta","sid":1,"seq":${seq},"msg":{"market_ticker":"${ticker}","market_id":"m","price_dollars":"${price}","delta_fp":"${delta}","side":"${side}","ts_ms":${t}}}}`;
const snapshotLine = (ticker: string, yes: string[][], no: string[][]): string =>
  JSON.stringify({ t: 0, frame: { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: ticker, yes_dollars_fp: yes, no_dollars_fp: no } } });

function recording(lines: readonly string[]): string {
  const path = join(dir, `r${++n}.jsonl`);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}
const ticker = (): string => `KXFAST-26JAN01-M${++n}`;
const book = async (t: string) => (await h.rest(0).get(`/markets/${t}/orderbook`)).body.orderbook_fp;
const liquidityOrders = (t: string) => h.mock.exchange.engine.orders(REPLAY_LIQUIDITY_USER).filter((o) => o.ticker === t);

describe('replay fast path', () => {
  it("sets a level to the recorded size after the counterparty's order there was changed outside the replay (its sizes are recounted)", async () => {
    const t = ticker();
    const clock = new ManualClock(0);
    const replay = startReplay(h.mock.exchange, {
      path: recording([snapshotLine(t, [['0.4000', '10.00']], []), deltaLine(1_000, t, 'yes', '0.4000', '5.00', 2)]),
      speed: 1,
      clock,
    });
    await replay.idle();
    const [order] = liquidityOrders(t);
    // Someone holding the counterparty's user id decreases its order between two recorded frames: 6 rest where 10 were recorded.
    h.mock.exchange.engine.decreaseOrder(REPLAY_LIQUIDITY_USER, order!.orderId, { reduceBy: Contracts.fromWhole(4) });
    clock.advance(1_000);
    await replay.done;
    // Before: the counterparty's size there was remembered as 10, so +5 made the 6 resting 11.
    expect((await book(t)).yes_dollars).toEqual([['0.4000', '15.00']]);
  });

  it("streams each delta to WS subscribers as recorded and holds the counterparty's money for exactly what rests, its order grown and shrunk in place", async () => {
    const t = ticker();
    const counterparty = `replay-in-place-${t}`;
    h.mock.exchange.addMarket({ ticker: t, priceLevelStructure: 'deci_cent' });
    const ws = await h.ws(0);
    const reply = await ws.command('subscribe', { channels: ['orderbook_delta'], market_ticker: t });
    await ws.waitFor((f) => f.type === 'orderbook_snapshot' && f.sid === reply.msg.sid);
    const changes: Array<['yes' | 'no', string, string]> = [
      ['yes', '0.4000', '5.00'],
      ['yes', '0.4000', '-3.00'],
      ['no', '0.5500', '2.50'],
      ['yes', '0.4000', '-2.00'],
      ['no', '0.5500', '-2.50'],
    ];
    const lines = [snapshotLine(t, [['0.4000', '10.00']], [['0.5500', '2.00']]), ...changes.map(([side, price, delta], k) => deltaLine(k + 1, t, side, price, delta, k + 2))];
    await startReplay(h.mock.exchange, { path: recording(lines), speed: 'max', liquidityUserId: counterparty }).done;
    const frames = await ws.waitForCount((f) => f.type === 'orderbook_delta' && f.sid === reply.msg.sid, 2 + changes.length);
    expect(frames.map((f) => [f.msg.side, f.msg.price_dollars, f.msg.delta_fp])).toEqual([['yes', '0.4000', '10.00'], ['no', '0.5500', '2.00'], ...changes]);
    // One order per level throughout (grown and shrunk in place), and the money the snapshot's sizes hold: 10 × $0.40 + 2 × $0.55.
    expect(h.mock.exchange.engine.orders(counterparty).map((o) => [o.status, o.remaining.toWire()])).toEqual([
      ['resting', '10.00'],
      ['resting', '2.00'],
    ]);
    expect(h.mock.exchange.engine.balance(counterparty).reserved.toWire()).toBe('5.1000');
    expect(await book(t)).toEqual({ yes_dollars: [['0.4000', '10.00']], no_dollars: [['0.5500', '2.00']] });
  });

  it('keeps the counterparty to one order per level over a long replay that grows, shrinks, empties and refills it', async () => {
    const t = ticker();
    const lines = [snapshotLine(t, [['0.4000', '10.00']], [])];
    // 2,000 deltas on one level: +5 / −5 around 10, and every 50th delta empties it (−100) and the next refills it.
    let size = 10;
    for (let i = 0; i < 2_000; i++) {
      const change = i % 50 === 49 ? -size : i % 50 === 0 && size === 0 ? 10 : i % 2 === 0 ? 5 : -5;
      size = Math.max(0, size + change);
      lines.push(deltaLine(i + 1, t, 'yes', '0.4000', `${change}.00`, i + 2));
    }
    const stats = await startReplay(h.mock.exchange, { path: recording(lines), speed: 'max' }).done;
    expect(stats.applied).toBe(2_001);
    expect((await book(t)).yes_dollars).toEqual(size === 0 ? [] : [['0.4000', `${size}.00`]]);
    // Before: a new order for every delta that added size (about 1,000 kept for ever).
    expect(liquidityOrders(t).length).toBeLessThanOrEqual(1);
  });

  it("puts recorded size added to a level behind a bot's order resting there (new size is at the back of the queue)", async () => {
    const t = ticker();
    const first = recording([snapshotLine(t, [['0.4000', '5.00']], [])]);
    await startReplay(h.mock.exchange, { path: first, speed: 'max' }).done;
    const bot = await h.rest(0).post('/portfolio/events/orders', {
      ticker: t,
      side: 'bid',
      price: '0.40',
      count: '1',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(bot.status).toBe(201);
    await startReplay(h.mock.exchange, { path: recording([deltaLine(1, t, 'yes', '0.4000', '3.00', 2)]), speed: 'max' }).done;
    expect((await book(t)).yes_dollars).toEqual([['0.4000', '9.00']]);
    // A seller of 6 takes the counterparty's first 5, then the bot's 1; the 3 added after the bot stay.
    const sold = await h.rest(1).post('/portfolio/events/orders', {
      ticker: t,
      side: 'ask',
      price: '0.40',
      count: '6',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(sold.body.fill_count).toBe('6.00');
    const botOrder = h.mock.exchange.engine.getOrder(h.mock.exchange.userId(h.users[0]!.apiKeyId), bot.body.order_id);
    expect(botOrder.filled.toWire()).toBe('1.00');
    expect((await book(t)).yes_dollars).toEqual([['0.4000', '3.00']]);
  });

  it('applies delta lines of any other JSON shape (spaces, member order, escapes) through the full parser, to the same book', async () => {
    const compact = ticker();
    const other = ticker();
    const lines = (tk: string, pretty: boolean) => [
      snapshotLine(tk, [['0.4000', '10.00']], [['0.5500', '2.00']]),
      pretty
        ? `{ "t": 1, "frame": { "msg": { "side": "yes", "delta_fp": "-4.00", "price_dollars": "0.4000", "market_ticker": "${tk}" }, "type": "orderbook_delta" } }`
        : deltaLine(1, tk, 'yes', '0.4000', '-4.00', 2),
      pretty
        ? `{"t":2,"frame":{"type":"orderbook_delta","sid":1,"seq":3,"msg":{"market_ticker":"${tk.replace('K', '\\u004b')}","price_dollars":"0.55","delta_fp":"1.5","side":"no"}}}`
        : deltaLine(2, tk, 'no', '0.5500', '1.50', 3),
    ];
    await startReplay(h.mock.exchange, { path: recording(lines(compact, false)), speed: 'max' }).done;
    await startReplay(h.mock.exchange, { path: recording(lines(other, true)), speed: 'max' }).done;
    expect(await book(other)).toEqual(await book(compact));
    expect(await book(compact)).toEqual({ yes_dollars: [['0.4000', '6.00']], no_dollars: [['0.5500', '3.50']] });
  });

  it("fails on a cut delta line of the recorder's shape, naming its line, as on any corrupt line", async () => {
    const t = ticker();
    const cut = deltaLine(1, t, 'yes', '0.4000', '1.00', 2).slice(0, -1);
    const path = recording([snapshotLine(t, [['0.4000', '1.00']], []), deltaLine(1, t, 'yes', '0.4000', '1.00', 2), cut]);
    await expect(startReplay(h.mock.exchange, { path, speed: 'max' }).done).rejects.toMatchObject({ code: 'INVALID_RECORDING', value: 4 });
  });
});
