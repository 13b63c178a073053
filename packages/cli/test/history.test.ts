import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { createClient, paginate } from '@kalshi-sdk/rest';
import { badInputLine, BIN, finished, runCli, spawnCli, startFixture, until, type Fixture } from './support/cli.js';
import { Tmux } from './support/tmux.js';

const A = 'KXMOCK-26DEC31-A';
const TRADES = 230;
let f: Fixture;
let expected: string[];

/** Every trade id of market A, as the mock lists them (newest first). */
async function mockTradeIds(fixture: Fixture): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginate(createClient({ baseUrl: fixture.mock.restUrl, rateLimit: false }), '/markets/trades', { params: { query: { ticker: A, limit: 1000 } } })) {
    ids.push(...page.trades.map((t) => t.trade_id));
  }
  return ids;
}

function injectTrades(fixture: Fixture, n: number): void {
  for (let i = 0; i < n; i++) fixture.mock.exchange.injectTrade({ ticker: A, price: Dollars.fromCents(10 + (i % 80)), count: Contracts.parse(String(1 + (i % 5))), takerSide: i % 2 === 0 ? 'bid' : 'ask' });
}

const csvIds = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]!);
const jsonlIds = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { trade_id: string }).trade_id);

beforeAll(async () => {
  // Latency so a run can be killed part-way.
  f = await startFixture({ latencyMs: 25 });
  injectTrades(f, TRADES);
  expected = await mockTradeIds(f);
});
const tmux = new Tmux('history');
afterAll(async () => {
  tmux.kill();
  await f.close();
});

describe('kalshi history', () => {
  it('history trades stopped after 4 pages resumes where it stopped: the CSV has every trade once, in order', async () => {
    expect(expected).toHaveLength(TRADES);
    const out = join(f.home, 'trades.csv');
    const args = ['history', 'trades', '--ticker', A, '--from', '2020-01-01', '--out', out, '--page-size', '20', ...f.where];
    const first = await runCli([...args, '--max-pages', '4'], f.home);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('stopped after 4 pages (80 trades)');
    expect(csvIds(out)).toEqual(expected.slice(0, 80));
    expect(existsSync(`${out}.resume.json`)).toBe(true);

    const second = await runCli([...args, '--json'], f.home);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('resuming');
    // 12 pages of live trades, then one (empty) page of /historical/trades: the window starts before the cutoff.
    expect(JSON.parse(second.stdout)).toMatchObject({ complete: true, items: TRADES, pages: Math.ceil(TRADES / 20) + 1, resumed: true });
    expect(csvIds(out)).toEqual(expected);
    expect(new Set(csvIds(out)).size).toBe(TRADES);
    expect(existsSync(`${out}.resume.json`)).toBe(false);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('trade_id,ticker,created_time,yes_price_dollars,no_price_dollars,count_fp,taker_book_side,taker_outcome_side,is_block_trade');

    // A finished file is not overwritten by accident.
    expect(badInputLine(await runCli(args, f.home))).toContain('already exists');
  });

  it('history trades killed with SIGKILL mid-export resumes with no gap and no duplicate (JSONL)', async () => {
    const out = join(f.home, 'trades.jsonl');
    const args = ['history', 'trades', '--ticker', A, '--from', '1577836800', '--out', out, '--page-size', '10', ...f.where];
    const child = spawnCli(args, f.home);
    const result = finished(child);
    const pages = (): number => (existsSync(`${out}.resume.json`) ? (JSON.parse(readFileSync(`${out}.resume.json`, 'utf8')) as { pages: number }).pages : 0);
    await until(() => pages() >= 3, 'three pages written');
    child.kill('SIGKILL');
    await result;
    const cut = pages();
    expect(cut).toBeLessThan(Math.ceil(TRADES / 10));
    const resumed = await runCli(args, f.home);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming ${out} after ${cut} pages`);
    expect(jsonlIds(out)).toEqual(expected);
  });

  it('history trades interrupted with Ctrl-C (SIGINT) finishes its page, exits 130, and resumes', async () => {
    const out = join(f.home, 'interrupted.csv');
    const args = ['history', 'trades', '--ticker', A, '--from', '2020-01-01', '--out', out, '--page-size', '10', ...f.where];
    const child = spawnCli(args, f.home);
    const result = finished(child);
    const pages = (): number => (existsSync(`${out}.resume.json`) ? (JSON.parse(readFileSync(`${out}.resume.json`, 'utf8')) as { pages: number }).pages : 0);
    await until(() => pages() >= 2, 'two pages written');
    child.kill('SIGINT');
    const stopped = await result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/stopped after \d+ pages/);
    expect(csvIds(out)).toEqual(expected.slice(0, pages() * 10));
    const resumed = await runCli(args, f.home);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(csvIds(out)).toEqual(expected);
  });

  it('on a terminal, history shows a progress bar with items, pages, rate and ETA (tmux)', async () => {
    const out = join(f.home, 'progress.csv');
    tmux.start('progress', ['env', `HOME=${f.home}`, 'NO_COLOR=1', process.execPath, BIN, 'history', 'trades', '--ticker', A, '--from', '2020-01-01', '--out', out, '--page-size', '10', ...f.where]);
    const screen = await tmux.shows('progress', /EXIT=0/, 'the export to finish');
    expect(screen).toMatch(/trades .* 100% \| 230 items \| 24 pages \| \d+ items\/s \| ETA \d+s/);
    expect(screen).toContain(`wrote 230 trades in 24 pages to ${out}`);
  });

  it('history fills and history candles export to JSONL and CSV', async () => {
    const placed = await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.20', '--count', '3', ...f.auth], f.home);
    expect(placed.code, placed.stderr).toBe(0);
    f.mock.exchange.engine.placeOrder(f.counterpartyId, { ticker: A, side: 'ask', price: Dollars.parse('0.20'), count: Contracts.parse('3'), timeInForce: 'immediate_or_cancel', selfTradePrevention: 'taker_at_cross' });
    const fillsOut = join(f.home, 'fills.jsonl');
    const fills = await runCli(['history', 'fills', '--from', '2020-01-01', '--out', fillsOut, ...f.auth], f.home);
    expect(fills.code, fills.stderr).toBe(0);
    const rows = readFileSync(fillsOut, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { ticker: string; count_fp: string });
    expect(rows).toEqual([expect.objectContaining({ ticker: A, count_fp: '3.00' })]);

    const candlesOut = join(f.home, 'candles.csv');
    const now = Math.floor(Date.now() / 1000);
    const candles = await runCli(['history', 'candles', '--ticker', A, '--period', '1', '--from', String(now - 3600), '--to', String(now + 120), '--out', candlesOut, ...f.where], f.home);
    expect(candles.code, candles.stderr).toBe(0);
    const lines = readFileSync(candlesOut, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('end_period_ts,open_dollars,high_dollars,low_dollars,close_dollars,volume_fp,open_interest_fp,yes_bid_close_dollars,yes_ask_close_dollars');
    expect(lines.length).toBeGreaterThan(1);
    const ends = lines.slice(1).map((l) => Number(l.split(',')[0]));
    expect(new Set(ends).size).toBe(ends.length);
  });

  it('bad history options are one line and exit 2', async () => {
    expect(badInputLine(await runCli(['history', 'trades', '--from', 'yesterday', '--out', 'x.csv', ...f.where], f.home))).toContain('--from');
    expect(badInputLine(await runCli(['history', 'trades', '--from', '2020-01-01', '--out', join(f.home, 'x.txt'), ...f.where], f.home))).toContain('.csv or .jsonl');
  });
});
