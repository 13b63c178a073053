/**
 * The control API over HTTP (`/__mock/*`), every answer validated against the package's own
 * control-api.yaml with ajv.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationIndex } from '@kalshi-sdk/rest';
import { CONTROL_COMMANDS, servedOperationIds, startMockExchange, type AdvanceableClock, type RunningMockExchange } from '../src/index.js';

type Json = Record<string, unknown>;
const doc = parse(readFileSync(new URL('../control-api.yaml', import.meta.url), 'utf8')) as Json;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ ...doc, $id: 'control' });
const pointer = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** A `$ref` to the documented body schema of `method path` at `status` (unknown commands: the BadRequest response). */
function responseSchema(method: string, path: string, status: number): object {
  const op = ((doc['paths'] as Json)[path] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  const response = (op === undefined ? (status === 400 ? { $ref: '#/components/responses/BadRequest' } : undefined) : (op['responses'] as Json)[String(status)]) as Json | undefined;
  if (response === undefined) throw new Error(`control-api.yaml documents no ${status} for ${method} ${path}`);
  const at = typeof response['$ref'] === 'string' ? `control${response['$ref']}` : `control#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}`;
  return { $ref: `${at}/content/application~1json/schema` };
}

class StepClock implements AdvanceableClock {
  ms = 1_767_225_600_000;
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

let mock: RunningMockExchange;
let real: RunningMockExchange;
const clock = new StepClock();
const TICKER = 'KXMOCK-26DEC31-A';

beforeAll(async () => {
  [mock, real] = await Promise.all([startMockExchange({ clock }), startMockExchange()]);
});
afterAll(async () => {
  await Promise.all([mock.close(), real.close()]);
});

/** Calls the control API and checks the answer against control-api.yaml. */
async function control(method: string, name: string, body?: unknown, on = mock): Promise<{ status: number; body: Json }> {
  const path = `/__mock/${name}`;
  const response = await fetch(`http://127.0.0.1:${on.port}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const answer = { status: response.status, body: (await response.json()) as Json };
  const validate = ajv.compile(responseSchema(method, path, answer.status));
  expect(validate(answer.body), `${method} ${path} ${answer.status} ${JSON.stringify(answer.body)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return answer;
}

async function tradingActive(): Promise<unknown> {
  return ((await (await fetch(`${mock.restUrl}/exchange/status`)).json()) as Json)['trading_active'];
}

describe('control API', () => {
  it('documents every command it serves in control-api.yaml', () => {
    const documented = Object.entries(doc['paths'] as Json).flatMap(([path, item]) => Object.keys(item as Json).map((m) => `${m.toUpperCase()} ${path}`));
    expect([...CONTROL_COMMANDS].sort()).toEqual(documented.sort());
  });

  it('GET /__mock/coverage reports N/117 computed from the routes against the spec', async () => {
    const { status, body } = await control('GET', 'coverage');
    const served = new Set(servedOperationIds());
    expect(status).toBe(200);
    expect(body['total']).toBe(operationIndex.length);
    expect(body['served']).toBe(operationIndex.filter((op) => served.has(op.operationId)).length);
    expect(body['summary']).toBe(`${body['served'] as number}/${operationIndex.length}`);
    expect(body['missing']).toEqual(operationIndex.map((op) => op.operationId).filter((id) => !served.has(id)).sort());
  });

  it('unknown commands answer 400 with the list of valid ones', async () => {
    for (const [method, name] of [['POST', 'explode'], ['GET', 'settle'], ['DELETE', 'coverage']] as const) {
      const { status, body } = await control(method, name);
      expect(status).toBe(400);
      expect(body['code']).toBe('unknown_command');
      expect(body['valid_commands']).toEqual(CONTROL_COMMANDS);
    }
  });

  it('pause and resume stop and restart trading, exchange-wide and per market', async () => {
    expect((await control('POST', 'pause', {})).status).toBe(200);
    expect(await tradingActive()).toBe(false);
    expect((await control('POST', 'resume')).status).toBe(200);
    expect(await tradingActive()).toBe(true);
    expect((await control('POST', 'pause', { ticker: TICKER })).status).toBe(200);
    expect(mock.exchange.engine.getMarket(TICKER)!.status).toBe('inactive');
    expect((await control('POST', 'resume', { ticker: TICKER })).status).toBe(200);
    expect(mock.exchange.engine.getMarket(TICKER)!.status).toBe('active');
  });

  it('trades prints a public trade; settle determines a market; bad arguments name the field, a missing market is 404', async () => {
    const { body } = await control('POST', 'trades', { ticker: TICKER, yes_price_dollars: '0.61', count_fp: '4', taker_side: 'yes' });
    expect(mock.exchange.engine.getMarket(TICKER)!.trades.at(-1)).toMatchObject({ tradeId: body['trade_id'], takerSide: 'bid' });
    expect(mock.exchange.engine.getMarket(TICKER)!.lastPrice!.toWire()).toBe('0.6100');
    const badPrice = await control('POST', 'trades', { ticker: TICKER, yes_price_dollars: '0.615', count_fp: '4', taker_side: 'yes' });
    expect([badPrice.status, badPrice.body['code']]).toEqual([400, 'invalid_price']);
    const badSide = await control('POST', 'settle', { ticker: TICKER, result: 'maybe' });
    expect([badSide.status, badSide.body['field']]).toEqual([400, 'result']);
    const missing = await control('POST', 'settle', { ticker: 'KXNONE-1', result: 'yes' });
    expect([missing.status, missing.body['code']]).toEqual([404, 'market_not_found']);
    const notJson = await fetch(`http://127.0.0.1:${mock.port}/__mock/settle`, { method: 'POST', body: '{' });
    expect([notJson.status, ((await notJson.json()) as Json)['code']]).toEqual([400, 'bad_request']);
    expect((await control('POST', 'settle', { ticker: 'KXMOCK-26DEC31-B', result: 'no' })).status).toBe(200);
    expect(mock.exchange.engine.getMarket('KXMOCK-26DEC31-B')!.result).toBe('no');
  });

  it('faults: fail_next makes the next REST requests fail with the status; rate_limit_tier is checked', async () => {
    expect((await control('POST', 'faults', { fail_next: { status: 503, count: 2 } })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${mock.restUrl}/markets`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    const bad = await control('POST', 'faults', { rate_limit_tier: 'platinum' });
    expect([bad.status, bad.body['field']]).toEqual([400, 'rate_limit_tier']);
    expect((await control('POST', 'faults', { rate_limit_tier: 'basic' })).status).toBe(200);
    expect(mock.exchange.faults.rest.rateLimitTier).toBe('basic');
    expect((await control('POST', 'faults', { rate_limit_tier: null })).status).toBe(200);
    expect(mock.exchange.faults.rest.rateLimitTier).toBeUndefined();
  });

  it('clock/advance moves a manual clock, and answers 409 on a real one', async () => {
    const before = clock.ms;
    const { body } = await control('POST', 'clock/advance', { ms: 15_000 });
    expect(body['now_ms']).toBe(before + 15_000);
    expect((await control('GET', 'clock')).body).toEqual({ now_ms: before + 15_000, manual: true });
    expect((await control('POST', 'clock/advance', { ms: -1 })).status).toBe(400);
    const onReal = await control('POST', 'clock/advance', { ms: 1 }, real);
    expect([onReal.status, onReal.body['code']]).toEqual([409, 'clock_not_manual']);
    expect((await control('GET', 'clock', undefined, real)).body['manual']).toBe(false);
  });
});

describe('start-up options of the standalone server', () => {
  it('seed makes ids deterministic: same seed, same market ids; another seed, others', async () => {
    const ids = async (seed: number): Promise<string[]> => {
      const m = await startMockExchange({ seed, control: false });
      try {
        return ['KXMOCK-26DEC31-A', 'KXMOCK-26DEC31-B'].map((t) => m.exchange.engine.getMarket(t)!.marketId);
      } finally {
        await m.close();
      }
    };
    const [a, b, c] = [await ids(7), await ids(7), await ids(8)];
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c).not.toEqual(a);
  });

  it('latencyMs delays REST requests, never control calls; control: false answers /__mock with the REST 404', async () => {
    const slow = await startMockExchange({ latencyMs: 300 });
    const off = await startMockExchange({ control: false });
    try {
      const timed = async (url: string): Promise<number> => {
        const t0 = performance.now();
        await (await fetch(url)).text();
        return performance.now() - t0;
      };
      expect(await timed(`${slow.restUrl}/exchange/status`)).toBeGreaterThanOrEqual(295);
      expect(await timed(`http://127.0.0.1:${slow.port}/__mock/clock`)).toBeLessThan(295);
      expect((await fetch(`http://127.0.0.1:${off.port}/__mock/coverage`)).status).toBe(404);
    } finally {
      await Promise.all([slow.close(), off.close()]);
    }
  });
});
