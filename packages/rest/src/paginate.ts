import type { MaybeOptionalInit } from 'openapi-fetch';
import type { AnyKalshiClient, KalshiResult } from './client-types.js';
import { KalshiPaginationError } from './errors.js';
import type { paths } from './generated/openapi.js';
import type { operationIndex } from './generated/operations.js';
import { dataOf } from './result.js';

/** Paths of the GET operations that take a `cursor` and return one (from the generated index). */
export type PaginatedPath = Extract<(typeof operationIndex)[number], { cursorPaginated: true; method: 'get' }>['path'];

/** The init of a paginated GET: its `params` (query filters, `limit`; a `cursor` resumes), `signal`, headers. */
export type PaginateInit<P extends PaginatedPath> = NonNullable<MaybeOptionalInit<paths[P], 'get'>>;

/** One page: the operation's success body (`{ markets, cursor }` for `/markets`). */
export type Page<P extends PaginatedPath> = KalshiResult<paths[P]['get'], PaginateInit<P>>['data'];

type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

type LooseInit = { params?: { query?: Record<string, unknown> }; signal?: AbortSignal | null };
type LooseGet = (path: string, init: LooseInit) => Promise<{ data?: { cursor?: string | null }; error?: unknown; response: Response }>;

/**
 * Walks a cursor-paginated list page by page: sends `GET path` with `init`, yields the page,
 * then repeats with the page's `cursor` until a page comes back without one (empty or absent).
 * Works for every operation the spec marks with a `cursor` parameter and response field.
 *
 * @example
 * for await (const page of paginate(kalshi, '/markets', { params: { query: { status: 'open', limit: 1000 } } })) {
 *   for (const market of page.markets) console.log(market.ticker);
 * }
 * @throws KalshiPaginationError `REST_PAGINATION_CURSOR_REPEATED` when the server returns a cursor
 *   it already returned (after yielding that page); KalshiApiError for a non-2xx page (for either
 *   kind of client); `init.signal`'s reason when it aborts, before or during a page.
 */
export async function* paginate<P extends PaginatedPath>(
  client: AnyKalshiClient,
  path: P,
  ...[init]: RequiredKeysOf<PaginateInit<P>> extends never ? [init?: PaginateInit<P>] : [init: PaginateInit<P>]
): AsyncGenerator<Page<P>, void, undefined> {
  const base = (init ?? {}) as LooseInit;
  const get = client.GET as unknown as LooseGet;
  let cursor = base.params?.query?.cursor as string | undefined;
  const seen = new Set<string>(cursor ? [cursor] : []);
  for (let pages = 1; ; pages++) {
    base.signal?.throwIfAborted();
    const query = cursor ? { ...base.params?.query, cursor } : base.params?.query;
    const page = dataOf(await get(path, { ...base, params: { ...base.params, ...(query ? { query } : {}) } }), 'GET', path);
    yield page as Page<P>;
    const next = page?.cursor;
    if (!next) return;
    if (seen.has(next)) throw new KalshiPaginationError({ path, cursor: next, pages });
    seen.add(next);
    cursor = next;
  }
}
