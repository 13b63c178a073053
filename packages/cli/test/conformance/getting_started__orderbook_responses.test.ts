import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { runCli, startFixture, type Fixture } from '../support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

describe('/getting_started/orderbook_responses', () => {
  it('/getting_started/orderbook_responses: kalshi book shows YES asks at $1.00 minus each NO bid, and the spread as best ask minus best bid', async () => {
    // Quote: "Kalshi's orderbook only returns bids, not asks."
    // Quote: "Best YES ask: \$1.00 - (Highest price in the `no_dollars` array)"
    // Quote: "Spread = Best YES ask - Best YES bid"
    const ticker = 'KXMOCK-26DEC31-A';
    const engine = f.mock.exchange.engine;
    engine.placeOrder(f.counterpartyId, { ticker, side: 'bid', price: Dollars.parse('0.31'), count: Contracts.parse('4'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    // A YES ask at 0.36 rests on the wire as a NO bid at 0.64.
    engine.placeOrder(f.counterpartyId, { ticker, side: 'ask', price: Dollars.parse('0.36'), count: Contracts.parse('6'), timeInForce: 'good_till_canceled', selfTradePrevention: 'taker_at_cross' });
    const wire = JSON.parse((await runCli(['book', ticker, '--json', ...f.where], f.home)).stdout) as { no_dollars: string[][] };
    expect(wire.no_dollars).toEqual([['0.6400', '6.00']]);
    const text = await runCli(['book', ticker, ...f.where], f.home);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/ask\s+0\.3600\s+6\.00/);
    expect(text.stdout).toMatch(/bid\s+0\.3100\s+4\.00/);
    expect(text.stdout).toContain('spread 0.0500');
  });
});
