/**
 * `kalshi-mock --manual-clock`: the clock that POST /__mock/clock/advance moves also runs the
 * simulator's timers (here, a fixture's scheduled reference price; the engine's expirations and
 * settlements ride the same clock).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.js';
import { serve } from '../src/cli/serve.js';
import { callControl } from './support/control-client.js';

describe('kalshi-mock --manual-clock', () => {
  it('starts with a fixture tick scheduled in the future and takes it in when the control API advances the clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-serve-clock-'));
    const fixtures = join(dir, 'prices.json');
    const at = new Date(Date.now() + 60_000).toISOString();
    writeFileSync(fixtures, JSON.stringify({ price_feeds: { pyth: [{ underlying_ticker: 'Metal.XAU/USD', value_usd: '2400', source_ts: at }] } }));
    const args = parseArgs(['--manual-clock', '--fixtures', fixtures, '--keys-dir', dir]);
    if (args.command !== 'serve') throw new Error('not serve');
    const { running } = await serve(args);
    try {
      const feeds = running.exchange.priceFeeds;
      expect(feeds.latest('pyth', 'Metal.XAU/USD')).toBeUndefined();
      expect((await callControl(running.port, 'POST', 'clock/advance', { ms: 61_000 })).status).toBe(200);
      expect(feeds.latest('pyth', 'Metal.XAU/USD')).toEqual({ valueUsd: '2400.00000000', sourceTsMs: Date.parse(at) });
    } finally {
      await running.close();
    }
  });
});
