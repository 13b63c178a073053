import { MockExchangeError } from '../errors.js';

/**
 * One page of `items` per Kalshi's cursor convention: `limit` items from the cursor's offset, and
 * the cursor of the next page, or `''` on the last page. Cursors are opaque offsets, so a list
 * that changes between calls may repeat or skip items (Kalshi makes no stronger promise).
 * @throws MockExchangeError `INVALID_PARAMETER` for a cursor this server did not issue.
 */
export function paginate<T>(items: readonly T[], cursor: string | null, limit: number): { page: T[]; cursor: string } {
  let offset = 0;
  if (cursor !== null && cursor !== '') {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const match = /^o:(\d+)$/.exec(decoded);
    if (match === null) throw new MockExchangeError('INVALID_PARAMETER', 'unknown cursor', { field: 'cursor', value: cursor });
    offset = Number(match[1]);
  }
  const end = offset + limit;
  return {
    page: items.slice(offset, end),
    cursor: end < items.length ? Buffer.from(`o:${end}`, 'utf8').toString('base64url') : '',
  };
}

/**
 * {@link paginate} for an operation whose spec declares no 400 (`GetStructuredTargets`,
 * `GetSubaccountTransfers`): a cursor this server did not issue ends the listing with an empty last
 * page instead of failing, and `limit` (the query parameter `name`, default `fallback`) is
 * clamped to 1..`max`, a non-integer meaning the default. Undocumented: what Kalshi answers there;
 * ending the listing is the safer choice (a client's page loop stops rather than restarting).
 */
export function paginateLenient<T>(items: readonly T[], query: URLSearchParams, name: string, max: number, fallback: number): { page: T[]; cursor: string } {
  const asked = Number(query.get(name) ?? String(fallback));
  const limit = Number.isInteger(asked) ? Math.min(max, Math.max(1, asked)) : fallback;
  try {
    return paginate(items, query.get('cursor'), limit);
  } catch (error) {
    if (error instanceof MockExchangeError && error.field === 'cursor') return { page: [], cursor: '' };
    throw error;
  }
}
