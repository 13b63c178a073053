import { afterEach, describe, expect, it } from 'vitest';
import { createClient, KalshiApiError, KalshiPaginationError, paginate } from '../src/index.js';
import { startLoopback, type Loopback, type Reply, type SeenRequest } from './helpers/loopback-server.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: (req: SeenRequest, i: number) => Reply): Promise<Loopback> {
  server = await startLoopback({ handler });
  return server;
}

const options = { rateLimit: false, retry: false } as const;

/** Markets `m0`..`m{n-1}` served `perPage` at a time; cursors are `c{offset}`, the last page's is `last`. */
function pagedMarkets(n: number, perPage: number, last: string | null | undefined = '') {
  return (req: SeenRequest): Reply => {
    const offset = Number((req.query.get('cursor') ?? 'c0').slice(1));
    const markets = Array.from({ length: Math.min(perPage, n - offset) }, (_, i) => ({ ticker: `m${offset + i}` }));
    const next = offset + perPage < n ? `c${offset + perPage}` : last;
    return { json: next === undefined ? { markets } : { markets, cursor: next } };
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginate', () => {
  it.each([
    ['an empty cursor', ''],
    ['a null cursor', null],
    ['no cursor field', undefined],
  ])('walks 3 pages and stops on %s', async (_, last) => {
    const s = await serve(pagedMarkets(7, 3, last));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...options });
    const pages = await collect(paginate(kalshi, '/markets', { params: { query: { status: 'open', limit: 3 } } }));
    expect(pages.map((p) => p.markets.map((m) => m.ticker))).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6']]);
    expect(s.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c3', 'c6']);
    expect(s.requests.every((r) => r.query.get('status') === 'open' && r.query.get('limit') === '3')).toBe(true);
  });

  it('resumes from a cursor given in the query', async () => {
    const s = await serve(pagedMarkets(6, 3));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...options });
    const pages = await collect(paginate(kalshi, '/markets', { params: { query: { cursor: 'c3' } } }));
    expect(pages.flatMap((p) => p.markets.map((m) => m.ticker))).toEqual(['m3', 'm4', 'm5']);
  });

  it('throws REST_PAGINATION_CURSOR_REPEATED when the server hands back a cursor it already gave', async () => {
    const s = await serve((req) => ({ json: { fills: [{ fill_id: req.query.get('cursor') ?? 'first' }], cursor: req.query.get('cursor') ? 'B' : 'A' } }));
    // GetFills needs credentials (else the client refuses it before sending); the server does not check the signature.
    const kalshi = createClient({ baseUrl: s.baseUrl, ...options, credentials: { apiKeyId: 'test-key', signer: { sign: async () => 'c2ln' } } });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of paginate(kalshi, '/portfolio/fills')) seen.push(page.fills[0]!.fill_id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiPaginationError);
    expect(error).toMatchObject({ code: 'REST_PAGINATION_CURSOR_REPEATED', cursor: 'B', path: '/portfolio/fills', pages: 3 });
    expect(seen).toEqual(['first', 'A', 'B']);
    expect(s.requests).toHaveLength(3);
  });

  it('stops between pages when the signal aborts, with its reason', async () => {
    const s = await serve(pagedMarkets(9, 3));
    const kalshi = createClient({ baseUrl: s.baseUrl, ...options });
    const ctl = new AbortController();
    const tickers: string[] = [];
    const error = await (async () => {
      for await (const page of paginate(kalshi, '/markets', { signal: ctl.signal })) {
        tickers.push(...page.markets.map((m) => m.ticker));
        ctl.abort(new Error('enough'));
      }
    })().catch((e: unknown) => e);
    expect((error as Error).message).toBe('enough');
    expect(tickers).toEqual(['m0', 'm1', 'm2']);
    expect(s.requests).toHaveLength(1);
  });

  it('aborts a page in flight', async () => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const s = await serve(() => {
      arrived();
      return { hang: true };
    });
    const kalshi = createClient({ baseUrl: s.baseUrl, ...options });
    const ctl = new AbortController();
    const walk = collect(paginate(kalshi, '/events', { signal: ctl.signal }));
    await received; // the page is on the server: in flight
    ctl.abort(new Error('cancelled'));
    await expect(walk).rejects.toThrow('cancelled');
  });

  it.each([
    ['a throwing client', true],
    ['a { data, error } client', false],
  ])('throws KalshiApiError for a failed page with %s', async (_, throwOnError) => {
    const s = await serve((req) => (req.query.get('cursor') ? { status: 400, json: { error: { code: 'invalid_cursor', message: 'bad cursor' } } } : { json: { events: [], cursor: 'x' } }));
    const kalshi = throwOnError ? createClient({ baseUrl: s.baseUrl, ...options }) : createClient({ baseUrl: s.baseUrl, ...options, throwOnError: false });
    const error = await collect(paginate(kalshi, '/events')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ code: 'REST_VALIDATION', status: 400, kalshiCode: 'invalid_cursor', operationId: 'GetEvents', path: '/trade-api/v2/events' });
  });
});
