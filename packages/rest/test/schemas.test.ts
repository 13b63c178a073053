// The generated named types (src/generated/schemas.ts, re-exported by the index): issue #13 item 2.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import type { BucketLimit, components, Fill, Market, Order, Series, Settlement, Trade } from '../src/index.js';

const spec = parse(readFileSync(new URL('../../../specs/openapi.yaml', import.meta.url), 'utf8'), { version: '1.2' }) as {
  components: { schemas: Record<string, unknown> };
};
const generated = readFileSync(new URL('../src/generated/schemas.ts', import.meta.url), 'utf8');
const aliases = [...generated.matchAll(/^export type (\w+) = components\['schemas'\]\['([^']+)'\];$/gm)].map((m) => [m[1], m[2]]);

describe('named schema types', () => {
  it('are exactly components["schemas"][name]', () => {
    expectTypeOf<Market>().toEqualTypeOf<components['schemas']['Market']>();
    expectTypeOf<Order>().toEqualTypeOf<components['schemas']['Order']>();
    expectTypeOf<Fill>().toEqualTypeOf<components['schemas']['Fill']>();
    expectTypeOf<Trade>().toEqualTypeOf<components['schemas']['Trade']>();
    expectTypeOf<Series>().toEqualTypeOf<components['schemas']['Series']>();
    expectTypeOf<Settlement>().toEqualTypeOf<components['schemas']['Settlement']>();
    const market: Market = { ticker: 'X' } as Market;
    expect(market.ticker).toBe('X');
  });

  it('are generated for every schema of the spec, under its own name', () => {
    expect(aliases).toEqual(Object.keys(spec.components.schemas).map((name) => [name, name]));
  });

  it("lose a name clash to the package's own exports: only BucketLimit, the rate limiter's alias of the same schema", () => {
    const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    const own = new Set([...index.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/).pop()!)));
    expect(aliases.map(([alias]) => alias).filter((a) => own.has(a!))).toEqual(['BucketLimit']);
    expectTypeOf<BucketLimit>().toEqualTypeOf<components['schemas']['BucketLimit']>();
  });
});
