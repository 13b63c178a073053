import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { badInputLine, runCli, startFixture, type Fixture } from './support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const A = 'KXMOCK-26DEC31-A';

describe('market data', () => {
  it('kalshi markets prints a table, and --json every market', async () => {
    const table = await runCli(['markets', ...f.where], f.home);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(A);
    expect(table.stdout).toContain('Mock outcome B');
    const json = await runCli(['markets', '--json', ...f.where], f.home);
    const markets = JSON.parse(json.stdout) as Array<{ ticker: string }>;
    expect(markets.map((m) => m.ticker).sort()).toEqual([A, 'KXMOCK-26DEC31-B']);
  });

  it('kalshi markets --search filters by ticker or title, --series and --status pass through', async () => {
    const json = await runCli(['markets', '--json', '--search', 'outcome b', '--series', 'KXMOCK', '--status', 'open', ...f.where], f.home);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ ticker: string }>).map((m) => m.ticker)).toEqual(['KXMOCK-26DEC31-B']);
  });

  it('kalshi markets --status with a bad value is bad input', async () => {
    expect(badInputLine(await runCli(['markets', '--status', 'bogus', ...f.where], f.home))).toContain('--status');
  });

  it('kalshi market TICKER shows one market; --json is the wire object', async () => {
    const text = await runCli(['market', A, ...f.where], f.home);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('linear_cent');
    const m = JSON.parse((await runCli(['market', A, '--json', ...f.where], f.home)).stdout) as { ticker: string; event_ticker: string };
    expect(m).toMatchObject({ ticker: A, event_ticker: 'KXMOCK-26DEC31' });
  });

  it('an unknown ticker is one line on stderr and exit 2', async () => {
    const line = badInputLine(await runCli(['market', 'KXNOPE-1', ...f.where], f.home));
    expect(line).toBe('kalshi: unknown market ticker "KXNOPE-1"');
  });

  it('kalshi events and kalshi series list what the exchange has', async () => {
    const events = JSON.parse((await runCli(['events', '--json', ...f.where], f.home)).stdout) as Array<{ event_ticker: string }>;
    expect(events.map((e) => e.event_ticker)).toContain('KXMOCK-26DEC31');
    const series = JSON.parse((await runCli(['series', '--json', ...f.where], f.home)).stdout) as Array<{ ticker: string }>;
    expect(series.map((s) => s.ticker)).toContain('KXMOCK');
    const table = await runCli(['events', ...f.where], f.home);
    expect(table.stdout).toContain('KXMOCK-26DEC31');
  });

  it('kalshi book TICKER prints the REST ladder with the spread; --json the orderbook_fp levels', async () => {
    const engine = f.mock.exchange.engine;
    engine.placeOrder(f.counterpartyId, { ticker: A, side: 'bid', price: Dollars.parse('0.40'), count: Contracts.parse('5'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    engine.placeOrder(f.counterpartyId, { ticker: A, side: 'ask', price: Dollars.parse('0.43'), count: Contracts.parse('2'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    const text = await runCli(['book', A, ...f.where], f.home);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ask\s+0\.4300\s+2\.00/);
    expect(text.stdout).toMatch(/bid\s+0\.4000\s+5\.00/);
    expect(text.stdout).toContain('spread 0.0300');
    const json = JSON.parse((await runCli(['book', A, '--json', ...f.where], f.home)).stdout) as { yes_dollars: string[][]; no_dollars: string[][] };
    expect(json.yes_dollars).toContainEqual(['0.4000', '5.00']);
    expect(json.no_dollars).toContainEqual(['0.5700', '2.00']);
  });

  it('an unknown command or option is a usage error: exit 2, one line', async () => {
    expect(badInputLine(await runCli(['marketz'], f.home))).toContain('marketz');
    expect(badInputLine(await runCli(['markets', '--limit', '0', ...f.where], f.home))).toContain('--limit');
    const groupAlone = await runCli(['order'], f.home);
    expect(groupAlone.code).toBe(2);
    expect(groupAlone.stderr).toContain('Usage: kalshi order');
    const help = await runCli(['--help'], f.home);
    expect(help.code).toBe(0);
    for (const command of ['markets', 'market', 'events', 'series', 'book', 'order', 'portfolio', 'fills', 'history', 'keys', 'mock']) expect(help.stdout).toContain(`  ${command}`);
  });
});
