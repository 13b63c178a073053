import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { finished, runCli, spawnCli, startFixture, until, type Fixture } from './support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const A = 'KXMOCK-26DEC31-A';

/** The counterparty sells `count` YES at `price` into the book. */
function counterpartySells(price: string, count: string): void {
  f.mock.exchange.engine.placeOrder(f.counterpartyId, { ticker: A, side: 'ask', price: Dollars.parse(price), count: Contracts.parse(count), timeInForce: 'immediate_or_cancel', selfTradePrevention: 'taker_at_cross' });
}

describe('kalshi portfolio and fills', () => {
  it('balance, positions, fills and settlements, as tables and as --json', async () => {
    const placed = await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.40', '--count', '5', '--json', ...f.auth], f.home);
    expect(placed.code, placed.stderr).toBe(0);
    counterpartySells('0.40', '3');

    const balance = JSON.parse((await runCli(['portfolio', 'balance', '--json', ...f.auth], f.home)).stdout) as { balance_dollars: string };
    expect(Dollars.parse(balance.balance_dollars).lt(Dollars.parse('100000'))).toBe(true);
    expect((await runCli(['portfolio', 'balance', ...f.auth], f.home)).stdout).toMatch(/balance\s+│ \d+\.\d{4}/);

    const positions = JSON.parse((await runCli(['portfolio', 'positions', '--json', ...f.auth], f.home)).stdout) as Array<{ ticker: string; position_fp: string }>;
    expect(positions).toContainEqual(expect.objectContaining({ ticker: A, position_fp: '3.00' }));
    expect((await runCli(['portfolio', 'positions', ...f.auth], f.home)).stdout).toMatch(new RegExp(`${A}\\s+│ 3\\.00`));

    const fills = JSON.parse((await runCli(['portfolio', 'fills', '--json', ...f.auth], f.home)).stdout) as Array<{ ticker: string; count_fp: string; yes_price_dollars: string }>;
    expect(fills).toContainEqual(expect.objectContaining({ ticker: A, count_fp: '3.00', yes_price_dollars: '0.4000' }));
    expect((await runCli(['fills', '--ticker', A, ...f.auth], f.home)).stdout).toContain('0.4000');

    f.mock.exchange.settleMarket(A, 'yes');
    const settlements = JSON.parse((await runCli(['portfolio', 'settlements', '--json', ...f.auth], f.home)).stdout) as Array<{ ticker: string; market_result: string; yes_count_fp: string }>;
    expect(settlements).toContainEqual(expect.objectContaining({ ticker: A, market_result: 'yes', yes_count_fp: '3.00' }));
    expect((await runCli(['portfolio', 'settlements', ...f.auth], f.home)).stdout).toContain(A);
  });

  it('fills --follow prints each new fill as it happens over WebSocket, one JSON object per line, until SIGINT', async () => {
    const B = 'KXMOCK-26DEC31-B';
    const child = spawnCli(['fills', '--follow', '--json', ...f.auth], f.home);
    const result = finished(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await until(() => stderr.includes('following fills'), 'the fill subscription');
    const placed = await runCli(['order', 'place', B, '--side', 'bid', '--price', '0.30', '--count', '4', ...f.auth], f.home);
    expect(placed.code, placed.stderr).toBe(0);
    f.mock.exchange.engine.placeOrder(f.counterpartyId, { ticker: B, side: 'ask', price: Dollars.parse('0.30'), count: Contracts.parse('4'), timeInForce: 'immediate_or_cancel', selfTradePrevention: 'taker_at_cross' });
    await until(() => stdout.includes('\n'), 'a fill line');
    const fill = JSON.parse(stdout.split('\n')[0]!) as { market_ticker: string; count_fp: string; yes_price_dollars: string; is_taker: boolean };
    expect(fill).toMatchObject({ market_ticker: B, count_fp: '4.00', yes_price_dollars: '0.3000', is_taker: false });
    child.kill('SIGINT');
    expect((await result).code).toBe(0);
  });
});
