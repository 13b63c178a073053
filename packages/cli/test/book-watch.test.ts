import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { BIN, finished, spawnCli, startFixture, until, type Fixture } from './support/cli.js';
import { Tmux } from './support/tmux.js';

const A = 'KXMOCK-26DEC31-A';
const SESSION = 'book';
const tmux = new Tmux('book');
let f: Fixture;

function order(side: 'bid' | 'ask', price: string, count: string, userId: string, tif: 'good_till_canceled' | 'immediate_or_cancel' = 'good_till_canceled'): void {
  f.mock.exchange.engine.placeOrder(userId, { ticker: A, side, price: Dollars.parse(price), count: Contracts.parse(count), timeInForce: tif, selfTradePrevention: 'taker_at_cross' });
}

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  tmux.kill();
  await f.close();
});

describe('kalshi book --watch in a terminal (tmux)', () => {
  it('draws the live ladder in place, follows orders and trades, shows a resync, and quits on q', async () => {
    const userId = f.mock.exchange.userId(f.keyId);
    order('bid', '0.40', '5', f.counterpartyId);
    order('ask', '0.44', '2', f.counterpartyId);
    tmux.start(SESSION, ['env', `HOME=${f.home}`, 'NO_COLOR=1', process.execPath, BIN, 'book', A, '--watch', '--depth', '5', ...f.auth]);

    let s = await tmux.shows(SESSION, /status: live/, 'the first frame');
    expect(s).toMatch(/ask\s+0\.4400\s+2\.00/);
    expect(s).toMatch(/bid\s+0\.4000\s+5\.00/);
    expect(s).toContain('spread 0.0400');
    expect(s).toContain('last trade: -');

    // A better bid arrives: the ladder and the spread follow.
    order('bid', '0.41', '7', f.counterpartyId);
    s = await tmux.shows(SESSION, /bid\s+0\.4100\s+7\.00/, 'the new bid');
    expect(s).toContain('spread 0.0300');

    // Our own sell crosses it: 3 contracts trade at 0.41.
    order('ask', '0.41', '3', userId, 'immediate_or_cancel');
    s = await tmux.shows(SESSION, /last trade: 0\.4100 x 3\.00 \(taker no\)/, 'the last trade');
    expect(s).toMatch(/bid\s+0\.4100\s+4\.00/);

    // A sequence gap: the book resyncs from a fresh snapshot and says so.
    f.mock.exchange.faults.ws.skipSequence({ apiKeyId: f.keyId, channel: 'orderbook_delta' });
    order('bid', '0.39', '1', f.counterpartyId);
    s = await tmux.shows(SESSION, /resyncs: 1/, 'the resync indicator');
    expect(s).toMatch(/bid\s+0\.3900\s+1\.00/);

    // Drawn in place: one frame on the screen, not a scrolling log.
    expect(s.match(/status:/g)).toHaveLength(1);

    tmux.keys(SESSION, 'q');
    await tmux.shows(SESSION, /EXIT=0/, 'a clean exit after q');
  });

  it('with --json (a script, no terminal) prints one JSON object per update, and stops on SIGINT', async () => {
    const child = spawnCli(['book', A, '--watch', '--json', ...f.auth], f.home);
    const result = finished(child);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    type Update = { status: string; book: { yes_dollars_fp: string[][] } | null; spread: string | null };
    const updates = (): Update[] => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Update);
    await until(() => updates().some((u) => u.status === 'live'), 'the first update');
    order('bid', '0.42', '9', f.counterpartyId);
    await until(() => updates().some((u) => u.book?.yes_dollars_fp.some(([p, c]) => p === '0.4200' && c === '9.00') === true), 'the 0.42 bid');
    expect(updates().at(-1)).toMatchObject({ status: 'live', spread: expect.stringMatching(/^0\.\d{4}$/) });
    child.kill('SIGINT');
    expect((await result).code).toBe(0);
  });
});
