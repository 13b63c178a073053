import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, startFixture, type Fixture } from './support/cli.js';
import { Tmux } from './support/tmux.js';

const A = 'KXMOCK-26DEC31-A';
const tmux = new Tmux('confirm');
let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  tmux.kill();
  await f.close();
});

const orders = () => f.mock.exchange.engine.orders(f.mock.exchange.userId(f.keyId)).length;
const placeOnProduction = (price: string) => ['env', `HOME=${f.home}`, 'NO_COLOR=1', process.execPath, BIN, '--env', 'production', 'order', 'place', A, '--side', 'bid', '--price', price, '--count', '1', ...f.auth];

describe('production confirmation on a terminal (tmux)', () => {
  it('asks [y/N] before a production write: "y" places the order', async () => {
    tmux.start('yes', placeOnProduction('0.21'));
    await tmux.shows('yes', /place bid 1\.00 KXMOCK-26DEC31-A @ 0\.2100 on PRODUCTION \(real money\)\? \[y\/N\]/, 'the prompt');
    expect(orders()).toBe(0);
    tmux.keys('yes', 'y', 'Enter');
    await tmux.shows('yes', /EXIT=0/, 'the order placed');
    expect(orders()).toBe(1);
  });

  it('anything but y refuses with exit 2 and sends nothing', async () => {
    tmux.start('no', placeOnProduction('0.22'));
    await tmux.shows('no', /\[y\/N\]/, 'the prompt');
    tmux.keys('no', 'Enter');
    const screen = await tmux.shows('no', /EXIT=2/, 'the refusal');
    expect(screen.replace(/\n/g, '')).toContain('kalshi: refusing to place bid 1.00 KXMOCK-26DEC31-A @ 0.2200 on production without confirmation: pass --yes');
    expect(orders()).toBe(1);
  });
});
