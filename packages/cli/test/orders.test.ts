import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputLine, runCli, startFixture, type Fixture } from './support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const A = 'KXMOCK-26DEC31-A';
const userOrders = () => f.mock.exchange.engine.orders(f.mock.exchange.userId(f.keyId));

describe('kalshi order', () => {
  it('place, list, amend, decrease and cancel an order, each with --json', async () => {
    const placed = await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.45', '--count', '10', '--post-only', '--json', ...f.auth], f.home);
    expect(placed.code, placed.stderr).toBe(0);
    const { order_id } = JSON.parse(placed.stdout) as { order_id: string; remaining_count: string };
    expect(JSON.parse(placed.stdout)).toMatchObject({ remaining_count: '10.00', fill_count: '0.00' });

    const listed = JSON.parse((await runCli(['order', 'list', '--status', 'resting', '--json', ...f.auth], f.home)).stdout) as Array<{ order_id: string; yes_price_dollars: string }>;
    expect(listed).toContainEqual(expect.objectContaining({ order_id, yes_price_dollars: '0.4500' }));
    const table = await runCli(['order', 'list', ...f.auth], f.home);
    expect(table.stdout).toContain(order_id);

    const amended = await runCli(['order', 'amend', order_id, '--price', '0.46', '--count', '12', '--json', ...f.auth], f.home);
    expect(amended.code, amended.stderr).toBe(0);
    const newId = (JSON.parse(amended.stdout) as { order_id: string }).order_id;
    const afterAmend = JSON.parse((await runCli(['order', 'list', '--status', 'resting', '--json', ...f.auth], f.home)).stdout) as Array<{ order_id: string; yes_price_dollars: string; remaining_count_fp: string }>;
    expect(afterAmend).toContainEqual(expect.objectContaining({ order_id: newId, yes_price_dollars: '0.4600', remaining_count_fp: '12.00' }));

    const decreased = await runCli(['order', 'decrease', newId, '--by', '2', '--json', ...f.auth], f.home);
    expect(decreased.code, decreased.stderr).toBe(0);
    expect(JSON.parse(decreased.stdout)).toMatchObject({ remaining_count: '10.00' });

    const cancelled = await runCli(['order', 'cancel', newId, '--json', ...f.auth], f.home);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ order_id: newId, reduced_by: '10.00' });
  });

  it('--dry-run checks ticks and count and computes cost and fee locally, sending nothing', async () => {
    const before = userOrders().length;
    const dry = await runCli(['order', 'place', A, '--side', 'ask', '--price', '0.45', '--count', '10', '--dry-run', '--json', ...f.where], f.home);
    expect(dry.code, dry.stderr).toBe(0);
    // Selling YES at 0.45 buys NO at 0.55: 10 × 0.55 = 5.50; taker fee 0.07 × 10 × 0.45 × 0.55 = 0.17325 → 0.1733 (rounded up).
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, price: '0.4500', count: '10.00', cost_dollars: '5.5000', max_fee_dollars: '0.1733' });
    expect(userOrders().length).toBe(before);
    expect(badInputLine(await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.555', '--count', '1', '--dry-run', ...f.where], f.home))).toContain('0.555');
  });

  it('a bad price or count is one line on stderr and exit 2, and nothing is sent', async () => {
    const before = userOrders().length;
    const price = badInputLine(await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.555', '--count', '1', ...f.auth], f.home));
    expect(price).toMatch(/^kalshi: Invalid order price "0\.555"/);
    for (const count of ['0', '1.005', '-3', 'ten']) {
      expect(badInputLine(await runCli(['order', 'place', A, '--side', 'bid', '--price', '0.45', '--count', count, ...f.auth], f.home))).toContain(`count "${count}"`);
    }
    expect(badInputLine(await runCli(['order', 'place', A, '--side', 'buy', '--price', '0.45', '--count', '1', ...f.auth], f.home))).toContain('--side');
    expect(badInputLine(await runCli(['order', 'place', 'KXNOPE-1', '--side', 'bid', '--price', '0.45', '--count', '1', ...f.auth], f.home))).toBe('kalshi: unknown market ticker "KXNOPE-1"');
    expect(userOrders().length).toBe(before);
  });

  it('an unknown order id is one line and exit 2', async () => {
    expect(badInputLine(await runCli(['order', 'amend', 'no-such-order', '--price', '0.40', ...f.auth], f.home))).toBe('kalshi: unknown order id "no-such-order"');
    expect(badInputLine(await runCli(['order', 'cancel', 'no-such-order', ...f.auth], f.home))).toBe('kalshi: unknown order id "no-such-order"');
  });

  it('a production write without --yes is refused without a terminal (no prompt), and goes through with --yes', async () => {
    const before = userOrders().length;
    const refused = badInputLine(await runCli(['--env', 'production', 'order', 'place', A, '--side', 'bid', '--price', '0.30', '--count', '1', ...f.auth], f.home));
    expect(refused).toContain('refusing to place bid 1.00 KXMOCK-26DEC31-A @ 0.3000 on production without confirmation: pass --yes');
    expect(userOrders().length).toBe(before);
    const yes = await runCli(['--env', 'production', '--yes', 'order', 'place', A, '--side', 'bid', '--price', '0.30', '--count', '1', '--json', ...f.auth], f.home);
    expect(yes.code, yes.stderr).toBe(0);
    expect(userOrders().length).toBe(before + 1);
    // Reads need no confirmation on production.
    expect((await runCli(['--env', 'production', 'portfolio', 'balance', ...f.auth], f.home)).code).toBe(0);
  });
});
