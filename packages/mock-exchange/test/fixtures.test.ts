import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FIXTURES_SCHEMA, MockExchangeError, startMockExchange, validateFixtures } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kalshi-fixtures-'));
const published = JSON.parse(readFileSync(new URL('../fixtures.schema.json', import.meta.url), 'utf8')) as unknown;
const fixtures = {
  series: [{ ticker: 'KXFIX', title: 'Fixture series', category: 'Climate', fee_type: 'quadratic_with_maker_fees', fee_multiplier: '0.5' }],
  events: [{ event_ticker: 'KXFIX-26DEC31', series_ticker: 'KXFIX', title: 'Fixture event', mutually_exclusive: true }],
  markets: [
    {
      ticker: 'KXFIX-26DEC31-T1',
      event_ticker: 'KXFIX-26DEC31',
      price_level_structure: 'deci_cent',
      price_ranges: [{ start: '0.0000', end: '1.0000', step: '0.0010' }],
      close_time: '2026-12-31T23:00:00Z',
    },
    { ticker: 'KXFIX-26DEC31-T2', event_ticker: 'KXFIX-26DEC31', price_ranges: [{ start: '0.0000', end: '0.5000', step: '0.0500' }, { start: '0.5000', end: '1.0000', step: '0.0100' }] },
  ],
};

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function startError(fixturesPath: string): Promise<MockExchangeError> {
  const error = await startMockExchange({ fixtures: fixturesPath }).then(
    async (m) => {
      await m.close();
      throw new Error('started');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MockExchangeError);
  return error as MockExchangeError;
}

describe('fixtures', () => {
  it('the published fixtures.schema.json is the schema the loader checks, and ajv agrees with the loader', () => {
    expect(published).toEqual(FIXTURES_SCHEMA);
    const ajv = new Ajv({ strict: true, allErrors: true });
    (createRequire(import.meta.url)('ajv-formats') as (a: Ajv) => Ajv)(ajv);
    const validate = ajv.compile(published as object);
    const bad = [
      { markets: [{ ticker: 'X-1' }] },
      { markets: [{ ticker: 'X-1', event_ticker: 'X', price_ranges: [{ start: '0', end: '1', step: 0.01 }] }] },
      { series: [{ ticker: 'X', fee_type: 'flat' }] },
      { markets: [], extra: 1 },
    ];
    expect(validate(fixtures)).toBe(true);
    expect(() => validateFixtures(fixtures)).not.toThrow();
    for (const doc of bad) {
      expect(validate(doc)).toBe(false);
      expect(() => validateFixtures(doc)).toThrow(MockExchangeError);
    }
  });

  it('--fixtures loads series (fee type and multiplier), events and markets (tick structures, price ranges) instead of the default markets', async () => {
    const mock = await startMockExchange({ fixtures: file('good.json', fixtures) });
    try {
      const engine = mock.exchange.engine;
      expect(engine.getSeries('KXFIX')).toMatchObject({ feeType: 'quadratic_with_maker_fees', title: 'Fixture series', category: 'Climate' });
      expect(engine.getSeries('KXFIX')!.feeMultiplier.toWire()).toBe('0.5000');
      expect(engine.getEvent('KXFIX-26DEC31')).toMatchObject({ mutuallyExclusive: true, marketTickers: ['KXFIX-26DEC31-T1', 'KXFIX-26DEC31-T2'] });
      const body = (await (await fetch(`${mock.restUrl}/markets`)).json()) as { markets: Array<Record<string, unknown>> };
      expect(body.markets.map((m) => [m['ticker'], m['price_level_structure'], m['price_ranges']])).toEqual([
        ['KXFIX-26DEC31-T1', 'deci_cent', [{ start: '0.0000', end: '1.0000', step: '0.0010' }]],
        ['KXFIX-26DEC31-T2', 'linear_cent', [{ start: '0.0000', end: '0.5000', step: '0.0500' }, { start: '0.5000', end: '1.0000', step: '0.0100' }]],
      ]);
      expect(body.markets[0]!['close_time']).toBe('2026-12-31T23:00:00.000Z');
    } finally {
      await mock.close();
    }
  });

  it('a malformed file fails at start-up naming the file, its JSON path and the expected type', async () => {
    const path = file('bad-step.json', { ...fixtures, markets: [{ ...fixtures.markets[0], price_ranges: [{ start: '0', end: '1', step: 0.001 }] }] });
    const error = await startError(path);
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.field).toBe('$.markets[0].price_ranges[0].step');
    expect(error.message).toBe(`fixtures ${path}: $.markets[0].price_ranges[0].step: expected string, got number 0.001`);
  });

  it('a missing field, an unknown field, a bad enum and bad JSON each name the file and the place', async () => {
    const missing = file('missing.json', { markets: [{ ticker: 'KXFIX-26DEC31-T1' }] });
    expect((await startError(missing)).message).toBe(`fixtures ${missing}: $.markets[0].event_ticker: expected required string, got nothing`);
    const unknown = file('unknown.json', { series: [{ ticker: 'KXFIX', fees: 'x' }] });
    expect((await startError(unknown)).message).toMatch(new RegExp(`^fixtures ${unknown}: \\$\\.series\\[0\\]\\.fees: expected no such field`));
    const enumBad = file('enum.json', { markets: [{ ticker: 'A-B', event_ticker: 'A', price_level_structure: 'cent' }] });
    expect((await startError(enumBad)).message).toBe(`fixtures ${enumBad}: $.markets[0].price_level_structure: expected one of linear_cent, deci_cent, tapered_deci_cent, got string "cent"`);
    const notJson = file('truncated.json', '{"markets": [');
    expect((await startError(notJson)).message).toMatch(new RegExp(`^fixtures ${notJson}: \\$: expected JSON`));
    const absent = join(dir, 'absent.json');
    expect((await startError(absent)).message).toBe(`fixtures ${absent}: cannot be read (ENOENT)`);
  });
});
