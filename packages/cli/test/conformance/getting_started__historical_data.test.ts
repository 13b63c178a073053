import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { ManualClock } from '@kalshi-sdk/mock-exchange';
import { badInputLine, runCli, startFixture, type Fixture } from '../support/cli.js';

const A = 'KXMOCK-26DEC31-A';
const clock = new ManualClock(Date.now());
let f: Fixture;
let older: string[];
let newer: string[];

const ids = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { trade_id?: string; fill_id?: string }).trade_id ?? '');

beforeAll(async () => {
  // A virtual clock: 30 trades, 5 s later 25 more, and Kalshi's trade cutoff pinned between them.
  f = await startFixture({ clock });
  const engine = f.mock.exchange.engine;
  const inject = (n: number): void => {
    for (let i = 0; i < n; i++) f.mock.exchange.injectTrade({ ticker: A, price: Dollars.fromCents(20 + (i % 50)), count: Contracts.parse('1'), takerSide: 'bid' });
  };
  inject(30);
  const cutoffMs = clock.now() + 2500;
  clock.advance(5000);
  inject(25);
  engine.history.cutoff.set({ tradesCreatedMs: cutoffMs });
  const list = async (path: string): Promise<string[]> => ((await (await fetch(`${f.mock.restUrl}${path}?ticker=${A}&limit=1000`)).json()) as { trades: Array<{ trade_id: string }> }).trades.map((t) => t.trade_id);
  newer = await list('/markets/trades');
  older = await list('/historical/trades');
});
afterAll(() => f.close());

describe('/getting_started/historical_data', () => {
  it('/getting_started/historical_data: history trades pages the live trades, then the historical ones older than the cutoff, each trade once', async () => {
    // Quote: "Trades that occurred before this timestamp are only available via `GET /historical/trades`."
    // Quote: "query both the live and historical endpoints and merge the results"
    expect([newer.length, older.length]).toEqual([25, 30]);
    const out = join(f.home, 'all.jsonl');
    const to = String(Math.floor(clock.now() / 1000) + 60); // the virtual clock runs ahead of the real one
    const r = await runCli(['history', 'trades', '--ticker', A, '--from', '2020-01-01', '--to', to, '--out', out, '--page-size', '10', ...f.where], f.home);
    expect(r.code, r.stderr).toBe(0);
    expect(ids(out)).toEqual([...newer, ...older]);
  });

  it('/getting_started/historical_data: a window entirely after the cutoff reads only the live endpoint; one entirely before it only the historical one', async () => {
    // Quote: "if the data you need is older than the relevant cutoff, use the corresponding `GET /historical/...` endpoint instead"
    const now = Math.floor(clock.now() / 1000);
    const recent = join(f.home, 'recent.jsonl');
    const r1 = await runCli(['history', 'trades', '--ticker', A, '--from', String(now - 1), '--to', String(now + 60), '--out', recent, '--page-size', '10', '--json', ...f.where], f.home);
    expect(r1.code, r1.stderr).toBe(0);
    expect(ids(recent)).toEqual(newer);
    expect(JSON.parse(r1.stdout), r1.stdout).toMatchObject({ pages: 3 });
    const old = join(f.home, 'old.jsonl');
    const r2 = await runCli(['history', 'trades', '--ticker', A, '--from', '2020-01-01', '--to', String(now - 4), '--out', old, '--page-size', '10', '--json', ...f.where], f.home);
    expect(r2.code, r2.stderr).toBe(0);
    expect(ids(old)).toEqual(older);
    expect(JSON.parse(r2.stdout)).toMatchObject({ pages: 3 });
  });

  it('/getting_started/historical_data: a market settled before the cutoff is still a known ticker (GET /historical/markets/{ticker}), with its candles from the historical endpoint', async () => {
    // Quote: "Markets and their candlesticks that settled before this timestamp are only available via `GET /historical/markets`"
    for (const cents of [30, 35, 33]) f.mock.exchange.injectTrade({ ticker: 'KXMOCK-26DEC31-B', price: Dollars.fromCents(cents), count: Contracts.parse('2'), takerSide: 'bid' });
    f.mock.exchange.settleMarket('KXMOCK-26DEC31-B', 'no');
    clock.advance(1000);
    f.mock.exchange.engine.history.cutoff.set({ marketSettledMs: clock.now(), tradesCreatedMs: clock.now() - 3500 });
    expect(badInputLine(await runCli(['market', 'KXMOCK-26DEC31-B', ...f.where], f.home))).toBe('kalshi: unknown market ticker "KXMOCK-26DEC31-B"');
    const r = await runCli(['history', 'trades', '--ticker', 'KXMOCK-26DEC31-B', '--from', '2020-01-01', '--out', join(f.home, 'settled.jsonl'), ...f.where], f.home);
    expect(r.code, r.stderr).toBe(0);
    // Its candles come from GET /historical/markets/{ticker}/candlesticks, in the same columns.
    const candles = join(f.home, 'settled-candles.csv');
    const now = Math.floor(clock.now() / 1000);
    const c = await runCli(['history', 'candles', '--ticker', 'KXMOCK-26DEC31-B', '--period', '1', '--from', String(now - 3600), '--to', String(now + 60), '--out', candles, ...f.where], f.home);
    expect(c.code, c.stderr).toBe(0);
    const rows = readFileSync(candles, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    // open, high, low, close of the minute with the three trades; volume 6.
    expect(rows.some((r) => r.slice(1, 6).join(',') === '0.3000,0.3500,0.3000,0.3300,6.00')).toBe(true);
    expect(badInputLine(await runCli(['history', 'trades', '--ticker', 'KXNOPE-1', '--from', '2020-01-01', '--out', join(f.home, 'nope.jsonl'), ...f.where], f.home))).toBe('kalshi: unknown market ticker "KXNOPE-1"');
  });
});
