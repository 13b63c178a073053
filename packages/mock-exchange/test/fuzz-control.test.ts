/**
 * Nothing crashes the control API: every command of `CONTROL_COMMANDS` (computed, so a command
 * added later is covered) gets bodies that are not JSON and JSON of any shape over HTTP; every
 * answer is checked against control-api.yaml, none is a 5xx, and the simulator answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_COMMANDS, ManualClock, startMockExchange, type RunningMockExchange } from '../src/index.js';
import { callControl } from './support/control-client.js';

let mock: RunningMockExchange;
beforeAll(async () => {
  mock = await startMockExchange({ clock: new ManualClock(Date.UTC(2026, 0, 1)) });
});
afterAll(() => mock.close());

/** Field names the commands read, so generated bodies reach past the first check. */
const FIELDS = ['ticker', 'result', 'yes_price_dollars', 'count_fp', 'taker_side', 'fail_next', 'rate_limit_tier', 'ms', 'feed', 'id', 'value_usd', 'source_ts_ms', 'status', 'count', 'close_time', 'price_level_structure', 'price_ranges'];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('KXMOCK-26DEC31-A', 'yes', 'no', 'cfbenchmarks', 'pyth', '0.5', '1', -1, 0, 1e309, null, { status: 'x' }, '2026-02-30T00:00:00Z', 'deci_cent', [{ start: '0', end: '1', step: 'x' }]),
);
const body = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 2 }));

describe('control API fuzz', () => {
  it.each(CONTROL_COMMANDS.map((c) => [c]))('%s: bodies that are not JSON answer 400; JSON of any shape is answered as documented', async (command) => {
    const [method, path] = command.split(' ') as [string, string];
    const name = path.slice('/__mock/'.length);
    if (method === 'GET') {
      // A GET carries no body (fetch refuses one); junk in its query string is ignored.
      expect((await callControl(mock.port, method, `${name}?ms=-1&x=%ZZ`)).status).toBe(200);
    } else {
      for (const text of ['{', 'not json', '[1]', '"x"']) expect((await callControl(mock.port, method, name, text)).status, `${command} ${text}`).toBe(400);
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const answer = await callControl(mock.port, method, name, JSON.stringify(b));
          expect(answer.status, `${command} ${JSON.stringify(b)}`).toBeLessThan(500);
        }),
        { numRuns: 30, seed: 9 },
      );
    }
    // Whatever the bodies did (a pause, a clock step, a fault), the simulator still answers.
    mock.exchange.resumeTrading();
    mock.exchange.faults.rest.setRateLimit(undefined);
    while (mock.exchange.faults.rest.takeFailure() !== undefined);
    expect((await fetch(`${mock.restUrl}/exchange/status`)).status).toBe(200);
  });
});
