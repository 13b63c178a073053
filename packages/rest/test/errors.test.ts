import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorKind, createClient, KalshiApiError, KalshiResponseError, type KalshiApiErrorKind, type KalshiRestErrorCode } from '../src/index.js';
import { makeKeyPair, startLoopback, type Loopback, type Reply } from './helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '44444444-4444-4444-8444-444444444444';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function replyWith(reply: Reply | ((headers: Record<string, unknown>) => Reply)): Promise<Loopback> {
  server = await startLoopback({
    keys: { [KEY_ID]: KEY.publicKey },
    handler: (req) => (typeof reply === 'function' ? reply(req.headers) : reply),
  });
  return server;
}

const signedClient = (s: Loopback) => createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false, retry: false });

describe('error mapping', () => {
  it.each<[string, { status: number; kind: KalshiApiErrorKind; code: KalshiRestErrorCode }]>([
    ['400 bad request', { status: 400, kind: 'validation', code: 'REST_VALIDATION' }],
    ['401 unauthorized', { status: 401, kind: 'auth', code: 'REST_AUTH' }],
    ['403 forbidden', { status: 403, kind: 'auth', code: 'REST_AUTH' }],
    ['404 not found', { status: 404, kind: 'not_found', code: 'REST_NOT_FOUND' }],
    ['409 conflict', { status: 409, kind: 'conflict', code: 'REST_CONFLICT' }],
    ['422 unprocessable', { status: 422, kind: 'validation', code: 'REST_VALIDATION' }],
    ['429 too many requests', { status: 429, kind: 'rate_limited', code: 'REST_RATE_LIMITED' }],
    ['500 internal error', { status: 500, kind: 'server', code: 'REST_SERVER' }],
    ['503 unavailable', { status: 503, kind: 'server', code: 'REST_SERVER' }],
    ['418 anything else', { status: 418, kind: 'http', code: 'REST_HTTP' }],
  ])('%s → kind %s', async (_, { status, kind, code }) => {
    const s = await replyWith({
      status,
      json: { error: { code: 'some_code', message: 'Something is off', details: 'field x', service: 'exchange' } },
      headers: { 'x-request-id': 'req-123' },
    });
    const error = await signedClient(s)
      .GET('/markets/{ticker}/orderbook', { params: { path: { ticker: 'KXA-1' }, query: { depth: 5 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({
      code,
      kind,
      status,
      kalshiCode: 'some_code',
      kalshiMessage: 'Something is off',
      details: 'field x',
      operationId: 'GetMarketOrderbook',
      method: 'GET',
      path: '/trade-api/v2/markets/KXA-1/orderbook',
      requestId: 'req-123',
    });
    expect(apiErrorKind(status)).toBe(kind);
    expect((error as Error).message).toContain(`${status}`);
    expect((error as Error).message).toContain('GetMarketOrderbook');
  });

  it.each([
    ["the spec's ErrorResponse shape", { body: { json: { code: 'market_closed', message: 'Market is closed', details: 'd' } }, want: { kalshiCode: 'market_closed', kalshiMessage: 'Market is closed', details: 'd' } }],
    ["the documented 429 body", { body: { json: { error: 'too many requests' } }, want: { kalshiMessage: 'too many requests' } }],
    ['a text body', { body: { text: 'upstream connect error' }, want: { body: 'upstream connect error' } }],
  ])('reads %s', async (_, { body, want }) => {
    const s = await replyWith({ status: 400, ...body });
    const error = await signedClient(s).GET('/exchange/status').catch((e: unknown) => e);
    expect(error).toMatchObject(want);
  });

  it('401 with a bad key: auth error naming the operation, with no key material anywhere', async () => {
    const wrong = makeKeyPair();
    const s = await replyWith(() => ({ status: 401, json: { error: { code: 'authentication_error', message: 'invalid signature' } } }));
    const kalshi = createClient({ baseUrl: s.baseUrl, apiKeyId: KEY_ID, privateKey: wrong.privateKeyPem, rateLimit: false, retry: false });
    const error = (await kalshi.GET('/portfolio/balance').catch((e: unknown) => e)) as KalshiApiError;
    expect(s.requests[0]?.signatureValid).toBe(false);
    expect(error).toMatchObject({ code: 'REST_AUTH', kind: 'auth', status: 401, kalshiCode: 'authentication_error', operationId: 'GetBalance' });
    const everything = `${error.message}\n${JSON.stringify(error)}\n${String(error.stack)}`;
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain(String(s.requests[0]?.headers['kalshi-access-signature']));
  });

  it('redacts a signature, key id and PEM that the server echoes back', async () => {
    const s = await replyWith((headers) => ({
      status: 400,
      json: {
        error: {
          code: 'bad_request',
          message: `bad signature ${String(headers['kalshi-access-signature'])} for key ${String(headers['kalshi-access-key'])}`,
          details: KEY.privateKeyPem,
        },
      },
    }));
    const error = (await signedClient(s).GET('/portfolio/balance').catch((e: unknown) => e)) as KalshiApiError;
    const signature = String(s.requests[0]?.headers['kalshi-access-signature']);
    const everything = `${error.message}\n${JSON.stringify(error)}\n${JSON.stringify(error.body)}\n${error.kalshiMessage}\n${error.details}`;
    expect(everything).not.toContain(signature);
    expect(everything).not.toContain(KEY_ID);
    expect(everything).not.toContain('PRIVATE KEY');
    expect(error.kalshiMessage).toBe('bad signature [redacted] for key [redacted]');
  });

  it.each([
    ['truncated JSON', '{"markets": ['],
    ['HTML', '<html>gateway</html>'],
  ])('a 2xx body that is not JSON (%s) → KalshiResponseError', async (_, text) => {
    const s = await replyWith({ status: 200, text });
    const error = await signedClient(s).GET('/markets').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiResponseError);
    expect(error).toMatchObject({ code: 'REST_RESPONSE_MALFORMED', status: 200, operationId: 'GetMarkets', method: 'GET', path: '/trade-api/v2/markets' });
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('a 204 with no body is a success with undefined data', async () => {
    const s = await replyWith({ status: 204 });
    const { data, response } = await signedClient(s).DELETE('/portfolio/events/orders');
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });
});
