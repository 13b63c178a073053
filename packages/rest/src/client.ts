import { createNodeSigner } from '@kalshi-sdk/auth';
import type { Signer } from '@kalshi-sdk/auth/web';
import createOpenApiClient, { type Client, type Middleware } from 'openapi-fetch';
import type { AnyKalshiClient, KalshiClient } from './client-types.js';
import { systemClock, type Clock } from './clock.js';
import { KalshiApiError, KalshiConfigError, KalshiResponseError, type RequestFacts } from './errors.js';
import type { paths } from './generated/openapi.js';
import { factsByRoute } from './operation-facts.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { urlPath } from './signing-path.js';
import { createTransport, type CallContext } from './transport.js';

/** Kalshi's Trade API v2 base URLs (the spec's `servers`). */
export const ENVIRONMENTS = {
  production: 'https://external-api.kalshi.com/trade-api/v2',
  demo: 'https://external-api.demo.kalshi.co/trade-api/v2',
} as const;

/** `'production'` or `'demo'`. */
export type KalshiEnvironment = keyof typeof ENVIRONMENTS;

/** Default per-attempt timeout, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of {@link createClient}. All optional: `createClient()` reads public demo data. */
export interface ClientOptions {
  /** Which Kalshi to talk to; default `'demo'`. */
  readonly environment?: KalshiEnvironment;
  /** Overrides `environment`, e.g. `http://127.0.0.1:8080/trade-api/v2` for a mock exchange. Requests are signed as `/trade-api/v2/...` whatever it is. */
  readonly baseUrl?: string;
  /** API key id (a UUID). Needed, with `privateKey` or `signer`, for authenticated endpoints. */
  readonly apiKeyId?: string;
  /** The key's RSA private key: PEM text or a PEM file path (Node; uses `node:crypto`). */
  readonly privateKey?: string;
  /** Passphrase of an encrypted `privateKey`. */
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
  /** Per-attempt limit until response headers arrive, in milliseconds; default 30000; `false` for none. */
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
type CallInit = { middleware?: Middleware[]; signal?: AbortSignal | null };

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
function resolveSigner(o: ClientOptions): { apiKeyId: string; signer: Signer } | undefined {
  if (o.privateKey !== undefined && o.signer !== undefined) throw new KalshiConfigError('signer', 'Pass either privateKey or signer, not both.');
  const signer = o.signer ?? (o.privateKey !== undefined ? createNodeSigner(o.privateKey, o.passphrase !== undefined ? { passphrase: o.passphrase } : {}) : undefined);
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
 * @throws KalshiConfigError for contradictory or malformed options; KalshiAuthError (from
 *   `@kalshi-sdk/auth`) when `privateKey` cannot be loaded.
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
  const timeoutMs = options.timeoutMs === false ? undefined : (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new KalshiConfigError('timeoutMs', `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const throwOnError = options.throwOnError ?? true;
  const contexts = new WeakMap<Request, CallContext>();
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    baseUrl,
    auth,
    limiter,
    retry: resolveRetryPolicy(options.retry),
    timeoutMs,
    signal: options.signal,
    clock,
    contexts,
  });
  const base = createOpenApiClient<paths>({ baseUrl, fetch: transport, ...(options.headers ? { headers: options.headers } : {}) });
  const secretsOf = (ctx: CallContext) => (auth ? [auth.apiKeyId, ...ctx.secrets] : ctx.secrets);

  function call(method: string, url: string, init?: CallInit): Promise<unknown> {
    const callSignal = init?.signal ?? undefined;
    const userSignal = callSignal && options.signal ? AbortSignal.any([callSignal, options.signal]) : (callSignal ?? options.signal);
    const firstAttempt = timeoutMs !== undefined ? new AbortController() : undefined;
    const signal = firstAttempt ? (userSignal ? AbortSignal.any([userSignal, firstAttempt.signal]) : firstAttempt.signal) : userSignal;
    const ctx: CallContext = { facts: factsByRoute(method, url), secrets: [], userSignal, firstAttempt };
    let sent: Request | undefined;
    let received: Response | undefined;
    // Per-call middleware runs after the client's own, so it sees the Request that reaches fetch.
    const probe: Middleware = {
      onRequest({ request }) {
        sent = request;
        contexts.set(request, ctx);
      },
      onResponse({ response }) {
        received = response;
      },
    };
    const facts = (): RequestFacts => {
      const where = { method, path: sent ? urlPath(sent.url) : url };
      return ctx.facts ? { operationId: ctx.facts.operationId, ...where } : where;
    };
    const middleware = init?.middleware ? [...init.middleware, probe] : [probe];
    return base.request(method as 'get', url as never, { ...init, middleware, ...(signal ? { signal } : {}) } as never).then(
      (result: { error?: unknown; response: Response }) => {
        if (throwOnError && !result.response.ok) {
          throw new KalshiApiError({ ...facts(), status: result.response.status, headers: result.response.headers, body: result.error, secrets: secretsOf(ctx) });
        }
        return result;
      },
      (error: unknown) => {
        // openapi-fetch parses 2xx bodies after middleware ran: a SyntaxError then is a malformed body.
        if (error instanceof SyntaxError && received) throw new KalshiResponseError({ ...facts(), status: received.status, cause: error });
        throw error;
      },
    );
  }

  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: CallInit) => call(method.toUpperCase(), url, init),
    use: base.use,
    eject: base.eject,
  };
  for (const m of METHODS) client[m] = (url: string, init?: CallInit) => call(m, url, init);
  return client as unknown as AnyKalshiClient;
}
