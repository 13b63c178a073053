// Issue 13, item 7: a mistyped REST path fails at run time with "did you mean", before sending,
// outside production; in production (NODE_ENV=production) the call goes out as typed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, KalshiConfigError, type KalshiClient } from '../src/index.js';
import { editDistance } from '../src/call-checks.js';
import { startLoopback, type Loopback } from './helpers/loopback-server.js';

let server: Loopback | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function client(): Promise<KalshiClient> {
  server = await startLoopback({ handler: () => ({ status: 404, json: { error: { code: 'not_found', message: 'no route' } } }), checkSpec: false });
  return createClient({ baseUrl: server.baseUrl, rateLimit: false, retry: false });
}

describe('unknown REST paths', () => {
  it.each([
    ['a misspelt segment', '/market/{ticker}', '/markets/{ticker}'],
    ['a misspelt parameter name', '/markets/{tickr}', '/markets/{ticker}'],
    ['a concrete path instead of the template', '/markets/KXHIGHNY-26JAN01-T60', '/markets/{ticker}'],
    ['a missing segment', '/portfolio/balanc', '/portfolio/balance'],
  ])('refuses %s with REST_UNKNOWN_PATH and a suggestion; nothing is sent', async (_, path, suggestion) => {
    const kalshi = await client();
    const error = await kalshi.GET(path as '/markets/{ticker}', { params: { path: { ticker: 'X' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiConfigError);
    expect(error).toMatchObject({ code: 'REST_UNKNOWN_PATH', option: 'path', method: 'GET', path, suggestion });
    expect((error as Error).message).toContain(`did you mean '${suggestion}'?`);
    expect(server!.requests).toHaveLength(0);
  });

  it('names the methods a known path does take', async () => {
    const kalshi = await client();
    const error = await kalshi.request('PATCH' as 'get', '/markets').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REST_UNKNOWN_PATH', method: 'PATCH', path: '/markets' });
    expect((error as Error).message).toContain('that path takes GET');
  });

  it('is off when NODE_ENV is production: the call is sent and the server answers', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const kalshi = await client();
    const error = await kalshi.GET('/market/{ticker}' as '/markets/{ticker}', { params: { path: { ticker: 'X' } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REST_NOT_FOUND' });
    expect(server!.requests).toHaveLength(1);
  });

  it('editDistance counts single-character edits', () => {
    expect(editDistance('/markets', '/markets')).toBe(0);
    expect(editDistance('/market', '/markets')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
