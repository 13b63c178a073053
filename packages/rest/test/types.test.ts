import { readFileSync } from 'node:fs';
import type { Client } from 'openapi-fetch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import {
  createClient,
  operationIndex,
  paginate,
  specVersion,
  type components,
  type KalshiClient,
  type OperationId,
  type operations,
  type Page,
  type PaginatedPath,
  type paths,
} from '../src/index.js';

type Row = (typeof operationIndex)[number];
type Market = components['schemas']['Market'];
/** True when the typed client reaches the row's operation at its path and method. */
type Reachable<R extends Row> = [paths[R['path']][R['method']]] extends [operations[R['operationId']]]
  ? [operations[R['operationId']]] extends [paths[R['path']][R['method']]]
    ? true
    : false
  : false;
/** Distributes over the rows: `true` only if every row is reachable. */
type EveryRowReachable = Row extends infer R ? (R extends Row ? Reachable<R> : never) : never;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const spec = parse(readFileSync(new URL('../../../specs/openapi.yaml', import.meta.url), 'utf8'), { version: '1.2' }) as {
  info: { version: string };
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const specOps = Object.entries(spec.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m} ${path} ${item[m]!.operationId}`));

describe('every operation of the spec is in the typed client', () => {
  it('indexes exactly the operations of specs/openapi.yaml', () => {
    expect(specVersion).toBe(spec.info.version);
    expect(operationIndex.length).toBe(specOps.length);
    expect(operationIndex.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort()).toEqual([...specOps].sort());
    expect(new Set(operationIndex.map((r) => r.operationId)).size).toBe(operationIndex.length);
  });

  it('reaches each operationId at its path and method, typed by operations[operationId]', () => {
    expectTypeOf<EveryRowReachable>().toEqualTypeOf<true>();
    expectTypeOf<keyof operations>().toEqualTypeOf<OperationId>();
  });
});

describe('client typing', () => {
  it('returns the throwing client by default and the plain openapi-fetch client with throwOnError: false', () => {
    const plain = () => createClient({ throwOnError: false });
    const throwing = () => createClient({ rateLimit: false });
    expectTypeOf(plain).returns.toEqualTypeOf<Client<paths>>();
    expectTypeOf(throwing).returns.toEqualTypeOf<KalshiClient>();
  });

  it('types paths, params, bodies and results from the spec', () => {
    // Type-only: never called.
    const typeOnly = async (k: KalshiClient, plain: Client<paths>) => {
      const { data } = await k.GET('/markets/{ticker}', { params: { path: { ticker: 'KXA-1' } } });
      expectTypeOf(data.market.yes_bid_dollars).toEqualTypeOf<string>();
      expectTypeOf(data.market.status).toEqualTypeOf<Market['status']>();
      expectTypeOf(data.market.settlement_value_dollars).toEqualTypeOf<string | undefined>();
      const r = await plain.GET('/markets/{ticker}', { params: { path: { ticker: 'KXA-1' } } });
      expectTypeOf(r.data?.market.ticker).toEqualTypeOf<string | undefined>();

      await k.GET('/markets', { params: { query: { status: 'open', limit: 100 } } });
      await k.GET('/markets');
      // @ts-expect-error -- path parameter missing
      await k.GET('/markets/{ticker}');
      // @ts-expect-error -- not a path of the spec
      await k.GET('/market');
      // @ts-expect-error -- /markets has no POST
      await k.POST('/markets', {});
      // @ts-expect-error -- status is an enum
      await k.GET('/markets', { params: { query: { status: 'opened' } } });
      // @ts-expect-error -- limit is a number
      await k.GET('/markets', { params: { query: { limit: '5' } } });
      // @ts-expect-error -- CreateOrderV2Request needs ticker, side, count, price, time_in_force, self_trade_prevention_type
      await k.POST('/portfolio/events/orders', { body: { ticker: 'KXA-1' } });
      const created = await k.POST('/portfolio/events/orders', {
        body: { ticker: 'KXA-1', side: 'bid', count: '1', price: '0.5', time_in_force: 'fill_or_kill', self_trade_prevention_type: 'maker' },
      });
      expectTypeOf(created.data.order_id).toEqualTypeOf<string>();
      expectTypeOf(created.data.fill_count).toEqualTypeOf<string>();
    };
    expectTypeOf(typeOnly).toBeFunction();
  });

  it('limits paginate to cursor-paginated GETs and types their pages', () => {
    expectTypeOf<'/markets'>().toExtend<PaginatedPath>();
    expectTypeOf<'/portfolio/fills'>().toExtend<PaginatedPath>();
    expectTypeOf<'/markets/{ticker}'>().not.toExtend<PaginatedPath>();
    expectTypeOf<'/exchange/status'>().not.toExtend<PaginatedPath>();
    expectTypeOf<Page<'/markets'>['cursor']>().toEqualTypeOf<string>();
    expectTypeOf<Page<'/markets'>['markets'][number]['ticker']>().toEqualTypeOf<string>();
    expectTypeOf<Page<'/portfolio/positions'>['market_positions'][number]['position_fp']>().toEqualTypeOf<string>();
    const typeOnly = (k: KalshiClient) => {
      paginate(k, '/events', { params: { query: { limit: 200 } } });
      // @ts-expect-error -- not paginated
      paginate(k, '/exchange/status');
    };
    expectTypeOf(typeOnly).toBeFunction();
    expect(operationIndex.filter((r) => r.cursorPaginated).length).toBeGreaterThan(20);
  });
});
