import { keySigner } from '#key-signer';
import { credentialsFromEnv, KalshiAuthError, redactingLogger, type KalshiCredentials, type KalshiLogger, type Signer } from '@kalshi-sdk/auth/web';
import type { Client, Middleware } from 'openapi-fetch';
import { createCallCheck, developmentBuild } from './call-checks.js';
import type { AnyKalshiClient, KalshiClient } from './client-types.js';
import { systemClock, type Clock } from './clock.js';
import { KalshiConfigError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { createRequestPipeline, type CallInit } from './request-pipeline.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry.js';

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
  /**
   * The API key that signs requests: `{ apiKeyId, privateKey, passphrase? }` or `{ apiKeyId, signer }`
   * (the same shape as `@kalshi-sdk/ws` and `@kalshi-sdk/fix` take). `privateKey`: on Node, Bun
   * and Deno PEM text, a PEM file path, a `KeyObject` or a `CryptoKey`; in browsers and edge
   * runtimes PEM text or a `CryptoKey` (the `#key-signer` import picks by runtime). `signer`:
   * `createWebCryptoSigner`, an HSM or KMS.
   *
   * Default: `credentialsFromEnv()` (`KALSHI_API_KEY_ID` with `KALSHI_PRIVATE_KEY` or
   * `KALSHI_PRIVATE_KEY_PATH`; no other variable is read), else none: public endpoints only, and
   * an operation that needs credentials throws `KalshiConfigError` `REST_CREDENTIALS_REQUIRED`
   * before sending. Doc page: /getting_started/api_keys.
   */
  readonly credentials?: KalshiCredentials;
  /** @deprecated Use `credentials: { apiKeyId, privateKey }` (removed in the next minor). API key id (a UUID). */
  readonly apiKeyId?: string;
  /** @deprecated Use `credentials.privateKey`. PEM text, or on Node, Bun and Deno a PEM file path. */
  readonly privateKey?: string;
  /** @deprecated Use `credentials.passphrase`. Passphrase of an encrypted `privateKey` (Node, Bun and Deno only). */
  readonly passphrase?: string;
  /** @deprecated Use `credentials: { apiKeyId, signer }`. */
  readonly signer?: Signer;
  /**
   * Where the client logs: pino, `console`, `consoleLogger(level)` from `@kalshi-sdk/auth`, or
   * any {@link KalshiLogger}. At `debug`, one line per attempt: `operationId`, `method`, `path`,
   * `attempt`, `status` (or `error`, a `KalshiRestError` code) and `latencyMs` (sign + send until
   * response headers, on `clock`). Secrets are redacted. Default: none, at no cost.
   */
  readonly logger?: KalshiLogger;
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
  /** Time source for signing timestamps, rate limiting, retry waits and the `timeoutMs` of each attempt; default {@link systemClock}. */
  readonly clock?: Clock;
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
/** The deprecated top-level options, as they were. */
function legacySigner(o: ClientOptions): { apiKeyId: string; signer: Signer } | undefined {
  if (o.privateKey !== undefined && o.signer !== undefined) throw new KalshiConfigError('signer', 'Pass either privateKey or signer, not both.');
  const signer = o.signer ?? (o.privateKey !== undefined ? keySigner(o.privateKey, o.passphrase) : undefined);
  if (o.apiKeyId === undefined && signer === undefined) return undefined;
  if (!o.apiKeyId) throw new KalshiConfigError('apiKeyId', 'A private key or signer was given without apiKeyId.');
  if (!signer) throw new KalshiConfigError('privateKey', 'apiKeyId was given without privateKey or signer.');
  return { apiKeyId: o.apiKeyId, signer };
}

/** `credentials`, else the deprecated options, else the environment; undefined for an unsigned client. */
function resolveAuth(o: ClientOptions): { apiKeyId: string; signer: Signer } | undefined {
  const legacy = o.apiKeyId !== undefined || o.privateKey !== undefined || o.passphrase !== undefined || o.signer !== undefined;
  if (legacy && o.credentials !== undefined) {
    throw new KalshiConfigError('credentials', 'Pass credentials or the deprecated apiKeyId/privateKey/passphrase/signer options, not both.');
  }
  if (legacy) return legacySigner(o);
  try {
    const credentials = o.credentials ?? credentialsFromEnv();
    if (credentials === undefined) return undefined;
    if (typeof credentials !== 'object' || credentials === null || typeof credentials.apiKeyId !== 'string' || credentials.apiKeyId === '') {
      throw new KalshiConfigError('credentials.apiKeyId', 'credentials.apiKeyId is required: the API key id (UUID) shown when the key was created.');
    }
    if (credentials.signer !== undefined && credentials.privateKey !== undefined) {
      throw new KalshiConfigError('credentials.signer', 'Pass either credentials.privateKey or credentials.signer, not both.');
    }
    if (credentials.signer !== undefined) return { apiKeyId: credentials.apiKeyId, signer: credentials.signer };
    if (credentials.privateKey === undefined) throw new KalshiConfigError('credentials.privateKey', 'credentials needs privateKey or signer.');
    return { apiKeyId: credentials.apiKeyId, signer: keySigner(credentials.privateKey, credentials.passphrase) };
  } catch (error) {
    // The same typed error as every other option; the auth error's field names the option or variable.
    if (error instanceof KalshiAuthError && error.code === 'CREDENTIALS_INVALID') throw new KalshiConfigError(error.field ?? 'credentials', error.message);
    throw error;
  }
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
 * Per call (see `request-pipeline.ts`): rate limiter → signer → send → classify → retry/backoff
 * (repeated per attempt) → error mapping.
 *
 * Calls refused before anything is sent, with `KalshiConfigError`: `REST_CREDENTIALS_REQUIRED`
 * for an operation that needs credentials on a client without them; outside production
 * (`NODE_ENV !== 'production'`), `REST_UNKNOWN_PATH` for a path the spec does not have, with
 * "did you mean '/markets/{ticker}'?".
 *
 * @throws KalshiConfigError for contradictory or malformed options (`credentials` together with
 *   the deprecated top-level key options, a malformed `credentials`, bad `KALSHI_*` variables;
 *   `option` names the option or variable), and in browsers and edge
 *   runtimes for a `privateKey` that is a file path or comes with a `passphrase`; KalshiAuthError
 *   (from `@kalshi-sdk/auth`) when `privateKey` cannot be loaded (on Node at once; with WebCrypto,
 *   which imports keys asynchronously, from the first signed call).
 * @example
 * const kalshi = createClient({ environment: 'production', credentials: { apiKeyId, privateKey: './kalshi.key' } });
 * const { data } = await kalshi.GET('/markets', { params: { query: { status: 'open', limit: 10 } } });
 */
export function createClient(options: ClientOptions & { readonly throwOnError: false }): Client<paths>;
export function createClient(options?: ClientOptions & { readonly throwOnError?: true }): KalshiClient;
export function createClient(options?: ClientOptions): AnyKalshiClient;
export function createClient(options: ClientOptions = {}): AnyKalshiClient {
  const baseUrl = resolveBaseUrl(options);
  const auth = resolveAuth(options);
  const clock = options.clock ?? systemClock;
  const rl = options.rateLimit;
  const limiter = rl === false ? undefined : rl instanceof RateLimiter ? rl : new RateLimiter({ clock, ...rl });
  const timeoutMs = options.timeoutMs === false ? undefined : options.timeoutMs;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new KalshiConfigError('timeoutMs', `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  /** The middleware added with `use()`, in order; the pipeline reads it on every call. */
  const middleware: Middleware[] = [];
  const run = createRequestPipeline({
    baseUrl,
    headers: options.headers,
    fetch: options.fetch,
    auth,
    limiter,
    retry: resolveRetryPolicy(options.retry),
    timeoutMs,
    clock,
    signal: options.signal,
    throwOnError: options.throwOnError ?? true,
    middleware,
    precheck: createCallCheck(auth !== undefined, developmentBuild(), options.headers),
    logger: options.logger && redactingLogger(options.logger),
  });

  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: CallInit) => run(method.toUpperCase(), url, init),
    use(...added: Middleware[]) {
      for (const m of added) {
        if (!m) continue;
        if (typeof m !== 'object' || !('onRequest' in m || 'onResponse' in m || 'onError' in m)) {
          throw new Error('Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`');
        }
        middleware.push(m);
      }
    },
    eject(...removed: Middleware[]) {
      for (const m of removed) {
        const i = middleware.indexOf(m);
        if (i !== -1) middleware.splice(i, 1);
      }
    },
  };
  for (const m of METHODS) client[m] = (url: string, init?: CallInit) => run(m, url, init);
  return client as unknown as AnyKalshiClient;
}
