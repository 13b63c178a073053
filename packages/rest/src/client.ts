import { keySigner } from '#key-signer';
import type { Signer } from '@kalshi-sdk/auth/web';
import createOpenApiClient, { createQuerySerializer, type Client, type Middleware } from 'openapi-fetch';
import type { AnyKalshiClient, KalshiClient } from './client-types.js';
import { systemClock, type Clock } from './clock.js';
import { KalshiApiError, KalshiConfigError, KalshiResponseError, type RequestFacts } from './errors.js';
import type { paths } from './generated/openapi.js';
import { factsByRoute } from './operation-facts.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { urlPath } from './signing-path.js';
import { CALL_CONTEXT, createTransport, PreparedRequest, type CallContext } from './transport.js';

/** Kalshi's Trade API v2 base URLs (the spec's `servers`). */
export const ENVIRONMENTS = {
  production: 'https://external-api.kalshi.com/trade-api/v2',
  demo: 'https://external-api.demo.kalshi.co/trade-api/v2',
} as const;

/** `'production'` or `'demo'`. */
export type KalshiEnvironment = keyof typeof ENVIRONMENTS;

/** Options of {@link createClient}. All optional: `createClient()` reads public demo data. */
export interface ClientOptions {
  /** Which Kalshi to talk to; default `'demo'`. */
  readonly environment?: KalshiEnvironment;
  /** Overrides `environment`, e.g. `http://127.0.0.1:8080/trade-api/v2` for a mock exchange. Requests are signed as `/trade-api/v2/...` whatever it is. */
  readonly baseUrl?: string;
  /** API key id (a UUID). Needed, with `privateKey` or `signer`, for authenticated endpoints. */
  readonly apiKeyId?: string;
  /**
   * The key's private key (RSA or Ed25519). On Node, Bun and Deno: PEM text or a PEM file path,
   * loaded with `node:crypto`. In browsers and edge runtimes: PEM text only, imported with
   * WebCrypto (the package's `#key-signer` import picks the implementation by runtime).
   */
  readonly privateKey?: string;
  /** Passphrase of an encrypted `privateKey` (Node, Bun and Deno only). */
  readonly passphrase?: string;
  /** Any signer instead of `privateKey`: `createWebCryptoSigner` (browsers, edge), an HSM/KMS. */
  readonly signer?: Signer;
  /** The fetch to send with; default `globalThis.fetch`. Called with one `Request` per attempt. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /**
   * Client-side pacing on Kalshi's token buckets: options (default `{ tier: 'basic' }`), a
   * `RateLimiter` to share between clients of one API key, or `false` for none.
   */
  readonly rateLimit?: RateLimitOptions | RateLimiter | false;
  /** Retry policy (see {@link RetryPolicy}), or `false` for a single attempt. */
  readonly retry?: RetryPolicy | false;
  /**
   * Per-attempt limit until response headers arrive, in milliseconds; the attempt is aborted and
   * fails with `KalshiTimeoutError` (retried like a network error). Default: none, as with `fetch`
   * (Node's fetch itself gives up on headers after 300 s). Each timed request carries an
   * `AbortSignal`, which costs tens of microseconds in Node's fetch.
   */
  readonly timeoutMs?: number | false;
  /** Aborts every call made through this client. */
  readonly signal?: AbortSignal;
  /** Extra headers on every request (e.g. `User-Agent`). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `true` (default): any non-2xx throws `KalshiApiError` and `data` is always set.
   * `false`: openapi-fetch's `{ data, error, response }` results, nothing thrown for HTTP errors.
   */
  readonly throwOnError?: boolean;
  /** Time source for signing timestamps, rate limiting and retry waits; default {@link systemClock}. */
  readonly clock?: Clock;
}

/** The parts of a call's init the wrapper reads. */
type CallInit = { middleware?: Middleware[]; signal?: AbortSignal | null; [key: string]: unknown };

/** The last middleware of a call when there is any other: hands the call's context to whatever Request reaches fetch. */
function contextCarrier(ctx: CallContext): Middleware {
  return {
    onRequest({ request }) {
      (request as unknown as Record<string, unknown>)[CALL_CONTEXT] = ctx;
    },
  };
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
function resolveSigner(o: ClientOptions): { apiKeyId: string; signer: Signer } | undefined {
  if (o.privateKey !== undefined && o.signer !== undefined) throw new KalshiConfigError('signer', 'Pass either privateKey or signer, not both.');
  const signer = o.signer ?? (o.privateKey !== undefined ? keySigner(o.privateKey, o.passphrase) : undefined);
  if (o.apiKeyId === undefined && signer === undefined) return undefined;
  if (!o.apiKeyId) throw new KalshiConfigError('apiKeyId', 'A private key or signer was given without apiKeyId.');
  if (!signer) throw new KalshiConfigError('privateKey', 'apiKeyId was given without privateKey or signer.');
  return { apiKeyId: o.apiKeyId, signer };
}

function resolveBaseUrl(o: ClientOptions): string {
  if (o.baseUrl !== undefined) {
    try {
      return new URL(o.baseUrl).href.replace(/\/+$/, '');
    } catch {
      throw new KalshiConfigError('baseUrl', `baseUrl is not an absolute URL: ${JSON.stringify(o.baseUrl)}`);
    }
  }
  const env = o.environment ?? 'demo';
  const url = ENVIRONMENTS[env];
  if (!url) throw new KalshiConfigError('environment', `Unknown environment ${JSON.stringify(env)}; expected 'production' or 'demo'.`);
  return url;
}

/**
 * Creates a Kalshi REST client: openapi-fetch typed by the generated `paths`, so every operation
 * of the spec is one call with typed path/query parameters, body and response. Each client owns
 * its signer, rate limiter and retry policy; nothing is shared between clients.
 *
 * Per call: rate limiter → signer → send → retry (repeated per attempt) → error mapping.
 *
 * @throws KalshiConfigError for contradictory or malformed options, and in browsers and edge
 *   runtimes for a `privateKey` that is a file path or comes with a `passphrase`; KalshiAuthError
 *   (from `@kalshi-sdk/auth`) when `privateKey` cannot be loaded (on Node at once; with WebCrypto,
 *   which imports keys asynchronously, from the first signed call).
 * @example
 * const kalshi = createClient({ environment: 'production' });
 * const { data } = await kalshi.GET('/markets', { params: { query: { status: 'open', limit: 10 } } });
 */
export function createClient(options: ClientOptions & { readonly throwOnError: false }): Client<paths>;
export function createClient(options?: ClientOptions & { readonly throwOnError?: true }): KalshiClient;
export function createClient(options?: ClientOptions): AnyKalshiClient;
export function createClient(options: ClientOptions = {}): AnyKalshiClient {
  const baseUrl = resolveBaseUrl(options);
  const auth = resolveSigner(options);
  const clock = options.clock ?? systemClock;
  const rl = options.rateLimit;
  const limiter = rl === false ? undefined : rl instanceof RateLimiter ? rl : new RateLimiter({ clock, ...rl });
  const timeoutMs = options.timeoutMs === false ? undefined : options.timeoutMs;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new KalshiConfigError('timeoutMs', `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const throwOnError = options.throwOnError ?? true;
  const transport = createTransport({
    fetch: options.fetch,
    baseUrl,
    auth,
    limiter,
    retry: resolveRetryPolicy(options.retry),
    timeoutMs,
    clock,
  });
  const base = createOpenApiClient<paths>({
    baseUrl,
    fetch: transport as (request: Request) => Promise<Response>,
    querySerializer: createQuerySerializer(),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  /** Mirrors the middleware added with `use()`: without any, calls skip building a real Request. */
  const added: Middleware[] = [];
  const secretsOf = (ctx: CallContext) => (auth ? [auth.apiKeyId, ...ctx.secrets] : ctx.secrets);

  function call(method: string, url: string, init?: CallInit): Promise<unknown> {
    const { signal: callSignal, middleware, ...rest } = init ?? {};
    const userSignal = callSignal && options.signal ? AbortSignal.any([callSignal, options.signal]) : (callSignal ?? options.signal);
    const ctx: CallContext = { facts: factsByRoute(method, url), userSignal, secrets: [] };
    const facts = (): RequestFacts => {
      const where = { method, path: ctx.url ? urlPath(ctx.url) : url };
      return ctx.facts ? { operationId: ctx.facts.operationId, ...where } : where;
    };
    // openapi-fetch copies unknown init keys onto the request it builds; that is how the transport
    // finds the context. Middleware may replace the request, so then a last one re-attaches it.
    const through =
      added.length === 0 && !middleware?.length
        ? { Request: PreparedRequest }
        : { middleware: [...(middleware ?? []), contextCarrier(ctx)] };
    return base.request(method as 'get', url as never, { ...rest, ...through, [CALL_CONTEXT]: ctx } as never).then(
      (result: { error?: unknown; response: Response }) => {
        if (throwOnError && !result.response.ok) {
          throw new KalshiApiError({ ...facts(), status: result.response.status, headers: result.response.headers, body: result.error, secrets: secretsOf(ctx) });
        }
        return result;
      },
      (error: unknown) => {
        // openapi-fetch parses 2xx bodies after the transport returned: a SyntaxError then is a malformed body.
        if (error instanceof SyntaxError && ctx.response) throw new KalshiResponseError({ ...facts(), status: ctx.response.status, cause: error });
        throw error;
      },
    );
  }

  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: CallInit) => call(method.toUpperCase(), url, init),
    use(...middleware: Middleware[]) {
      base.use(...middleware);
      for (const m of middleware) if (m) added.push(m);
    },
    eject(...middleware: Middleware[]) {
      base.eject(...middleware);
      for (const m of middleware) {
        const i = added.indexOf(m);
        if (i !== -1) added.splice(i, 1);
      }
    },
  };
  for (const m of METHODS) client[m] = (url: string, init?: CallInit) => call(m, url, init);
  return client as unknown as AnyKalshiClient;
}
