import { requestSigningMessage, type KalshiLogger, type Signer } from '@kalshi-sdk/auth/web';
import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
  mergeHeaders,
  removeTrailingSlash,
  type BodySerializer,
  type HeadersOptions,
  type Middleware,
  type ParseAs,
  type PathSerializer,
  type QuerySerializer,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import type { CallCheck } from './call-checks.js';
import { systemClock, type Clock } from './clock.js';
import { generateError } from './error-factory.js';
import type { KalshiNetworkError, KalshiTimeoutError, RequestFacts } from './errors.js';
import { factsByRoute, type OperationFacts } from './operation-facts.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelay, isRetryable, retryAfterMs, type ResolvedRetryPolicy } from './retry.js';
import { signingPathFor, urlPath } from './signing-path.js';

/** What the client fixed once, for every call of {@link createRequestPipeline}. */
export interface RequestPipelineOptions {
  /** Absolute, no trailing slash. */
  readonly baseUrl: string;
  /** The client's `headers` option. */
  readonly headers: HeadersOptions | undefined;
  /** A custom fetch, called with one `Request` per attempt; undefined for `globalThis.fetch`. */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  /** Who signs every attempt; undefined for unsigned calls. */
  readonly auth: { readonly apiKeyId: string; readonly signer: Signer } | undefined;
  /** Paces every attempt; undefined for `rateLimit: false`. */
  readonly limiter: RateLimiter | undefined;
  /** When and how often to try again. */
  readonly retry: ResolvedRetryPolicy;
  /** Per attempt, until response headers, in milliseconds; undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Signing timestamps, limiter time, retry waits and the per-attempt timeout. */
  readonly clock: Clock;
  /** Aborts every call of the client. */
  readonly signal: AbortSignal | undefined;
  /** Whether a non-2xx response throws `KalshiApiError` (else it is returned as `{ error }`). */
  readonly throwOnError: boolean;
  /** The client's middleware, edited in place by `use()` / `eject()`. */
  readonly middleware: readonly Middleware[];
  /** Refuses a call before it is built (see `call-checks.ts`); undefined when there is nothing to check. */
  readonly precheck: CallCheck | undefined;
  /** Gets one debug line per attempt (operationId, attempt, status, latencyMs); undefined for none. Already redacting. */
  readonly logger: KalshiLogger | undefined;
}

/** openapi-fetch's per-call init, as far as the pipeline reads it; other keys go to the request as they are. */
export interface CallInit {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  Request?: typeof Request;
  headers?: HeadersOptions;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeadersOptions };
  parseAs?: ParseAs;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: BodySerializer<unknown>;
  pathSerializer?: PathSerializer;
  body?: unknown;
  middleware?: Middleware[];
  signal?: AbortSignal | null;
  [key: string]: unknown;
}

/** What a call resolves to: openapi-fetch's result shape. */
export interface CallResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Why an attempt's timeout sleep ends early: the attempt ended first. One value for every attempt,
 * because `abort()` without a reason builds a `DOMException` (with its stack) each time.
 */
const ATTEMPT_ENDED: unknown = Symbol('attempt ended');

/** Swallows the rejection of a timeout sleep ended by {@link ATTEMPT_ENDED}. */
const ignore = (): void => undefined;

/** `Response.ok`: the status is in 200–299. */
const isOk = (status: number | undefined): boolean => status !== undefined && status >= 200 && status <= 299;

/** A `RequestInit` whose members may be `undefined`: to `fetch` and `Request` the same as absent. */
type AttemptInit = { [K in keyof RequestInit]?: RequestInit[K] | undefined };

type Send = (input: string | Request, init: AttemptInit) => Promise<Response>;

/** Whether `o` has an own enumerable key. */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * One attempt's `RequestInit`, built as one object literal of a fixed shape: undici's `Request`
 * constructor reads an init made by object spread several microseconds slower (measured: about
 * 3–4 µs per request on Node 20), and undefined members are the same as absent ones to it.
 * `extra` (the call's other init keys) is spread only when the call has any.
 */
const attemptInit = (extra: RequestInit | undefined, method: string | undefined, headers: AttemptInit['headers'], body: AttemptInit['body'], signal: AbortSignal | undefined): AttemptInit =>
  extra ? { ...extra, headers, body, signal } : { method, headers, body, signal };

/**
 * What errors and retry events name: the operation, the method and the path of the URL sent, or
 * the path template when middleware answered before any attempt. A function of its own, not a
 * closure per call: tsx (which runs the benches) names every closure it creates, at ~0.3 µs each.
 */
function callFacts(facts: OperationFacts | undefined, method: string, sentUrl: string | undefined, schemaPath: string): RequestFacts {
  const path = sentUrl ? urlPath(sentUrl) : schemaPath;
  return facts ? { operationId: facts.operationId, method, path } : { method, path };
}

// `as RequestInit`: the DOM typing has no `undefined` members under exactOptionalPropertyTypes; see AttemptInit.
const sendWith = (fetch: ((request: Request) => Promise<Response>) | undefined): Send =>
  fetch ? (input, init) => fetch(new Request(input, init as RequestInit)) : (input, init) => globalThis.fetch(input, init as RequestInit);

/**
 * Builds the function that runs one REST call from start to end, in one visible sequence (as
 * openapi-fetch's `coreFetch` and openai-node's `makeRequest` do):
 *
 * 1. build the URL, headers and body (openapi-fetch's serializers); middleware `onRequest` in
 *    order (only when there is middleware: then the call has a real `Request`);
 * 2. per attempt: **limiter** (wait for the operation's tokens, in flight until the answer) →
 *    **sign** (fresh timestamp) → **send** (under the per-attempt timeout) → **classify** (429
 *    drains the bucket; retryable or final) → **retry/backoff** (full jitter, at least what
 *    `retry-after-ms` / `Retry-After` asks);
 * 3. middleware `onError` / `onResponse` in reverse, once per call; parse the body as openapi-fetch does;
 * 4. **map the error**: every error comes from {@link generateError}.
 *
 * A caller's abort rejects with the signal's reason.
 */
export function createRequestPipeline(o: RequestPipelineOptions): (method: string, schemaPath: string, init?: CallInit) => Promise<CallResult> {
  const clientQuerySerializer = createQuerySerializer();
  const signingPath = signingPathFor(o.baseUrl);
  const clientSend = sendWith(o.fetch);
  const policy = o.retry;
  const limiter = o.limiter;
  const log = o.logger;

  return async function runCall(method, schemaPath, init = {}) {
    // 1. Build the request.
    const {
      baseUrl: callBaseUrl,
      fetch: callFetch,
      Request: CallRequest = globalThis.Request,
      headers: callHeaders,
      params = {},
      parseAs = 'json',
      querySerializer: callQuery,
      bodySerializer = defaultBodySerializer,
      pathSerializer = defaultPathSerializer,
      body: callBody,
      middleware: callMiddleware,
      signal: callSignal,
      ...rest
    } = init;
    const facts = factsByRoute(method, schemaPath);
    if (o.precheck) o.precheck(method, schemaPath, facts, callHeaders, params.header);
    const userSignal = callSignal && o.signal ? AbortSignal.any([callSignal, o.signal]) : (callSignal ?? o.signal);
    const baseUrl = callBaseUrl ? removeTrailingSlash(callBaseUrl) : o.baseUrl;
    const querySerializer = callQuery === undefined ? clientQuerySerializer : typeof callQuery === 'function' ? callQuery : createQuerySerializer(callQuery);
    const serialized = callBody === undefined ? undefined : ((bodySerializer as (body: unknown, headers: Headers) => unknown)(callBody, mergeHeaders(o.headers, callHeaders, params.header)) as RequestInit['body']);
    let headers: Headers | undefined =
      serialized === undefined && !o.headers && !callHeaders && !params.header
        ? undefined
        : mergeHeaders(serialized === undefined || serialized instanceof FormData ? {} : { 'Content-Type': 'application/json' }, o.headers, callHeaders, params.header);
    let url = createFinalURL(schemaPath, { baseUrl, params, querySerializer, pathSerializer });
    const send = callFetch ? sendWith(callFetch) : clientSend;

    const middleware = callMiddleware?.length ? [...o.middleware, ...callMiddleware] : o.middleware;
    let input: string | Request = url;
    let bodyText = serialized;
    // Each attempt's init is one object literal (see attemptInit). The call's other RequestInit keys,
    // usually none, ride in `extra`, spread after the method as before.
    let sendMethod: string | undefined = method;
    let extra: RequestInit | undefined = hasKeys(rest) ? { method, ...rest } : undefined;
    let response: Response | undefined;
    let request: Request | undefined;
    let hooks: { id: string; options: object } | undefined;
    if (middleware.length) {
      request = new CallRequest(url, { redirect: 'follow', ...rest, method, body: serialized ?? null, headers: headers ?? new Headers() });
      for (const key in rest) if (!(key in request)) (request as unknown as Record<string, unknown>)[key] = rest[key];
      hooks = { id: Math.random().toString(36).slice(2, 11), options: Object.freeze({ baseUrl, fetch: o.fetch ?? globalThis.fetch, parseAs, querySerializer, bodySerializer, pathSerializer }) };
      for (const m of middleware) {
        const result: Request | Response | undefined | void = await m.onRequest?.({ request, schemaPath, params, ...hooks } as never);
        if (!result) continue;
        if (result instanceof Request) request = result;
        else if (result instanceof Response) {
          response = result;
          break;
        } else throw new Error('onRequest: must return new Request() or Response() when modifying the request');
      }
      if (!response) {
        // A body can be read once: each attempt re-sends its text in a Request built from this one.
        method = request.method;
        url = request.url;
        input = request;
        headers = request.headers;
        bodyText = request.body === null ? undefined : await request.text();
        // The Request carries the method and the other init keys.
        sendMethod = undefined;
        extra = undefined;
      }
    }

    // Errors name the URL that was sent, or the path template when middleware answered before any attempt.
    let sentUrl: string | undefined;
    const secrets: string[] = o.auth ? [o.auth.apiKeyId] : [];
    let sent: Response | undefined;
    let sentStatus = 0;
    if (!response) {
      try {
        // 2. Every attempt: limiter → sign → send → classify → retry/backoff.
        sentUrl = url;
        let parsedBody: unknown;
        if (bodyText !== undefined && (facts?.batchItems || facts?.idempotencyKey)) {
          try {
            parsedBody = JSON.parse(bodyText as string);
          } catch {
            // Not JSON: no per-item cost, no idempotency key; the server will answer 400.
          }
        }
        const signPath = o.auth ? signingPath(url) : '';
        const started = o.clock.now();
        const cost = limiter?.costOf(facts?.operationId, parsedBody);

        for (let attempt = 1; ; attempt++) {
          let sentAt = 0;
          if (limiter) {
            const wait = limiter.takeInFlight(facts?.operationId, cost!, userSignal);
            if (wait) await wait;
            sentAt = o.clock.now();
          }

          // Signals cost a listener per Request in undici: attach one only when there is something to abort.
          const ctl = o.timeoutMs !== undefined ? new AbortController() : undefined;
          let timedOut = false;
          let timer: ReturnType<typeof setTimeout> | undefined;
          // Ends this attempt's timeout sleep on an injected clock when the attempt ends.
          let sleeping: AbortController | undefined;
          let answer: Response | undefined;
          let failure: KalshiNetworkError | KalshiTimeoutError | undefined;
          const attemptStart = log ? o.clock.now() : 0;
          try {
            let attemptHeaders: AttemptInit['headers'] = headers;
            if (o.auth) {
              // signRequest's steps, without its extra promise: message, signature, the three headers.
              const timestampMs = o.clock.now();
              const signature = await o.auth.signer.sign(requestSigningMessage({ method, path: signPath, timestampMs }));
              secrets.push(signature);
              if (headers) {
                headers.set('KALSHI-ACCESS-KEY', o.auth.apiKeyId);
                headers.set('KALSHI-ACCESS-SIGNATURE', signature);
                headers.set('KALSHI-ACCESS-TIMESTAMP', String(timestampMs));
              } else {
                attemptHeaders = { 'KALSHI-ACCESS-KEY': o.auth.apiKeyId, 'KALSHI-ACCESS-SIGNATURE': signature, 'KALSHI-ACCESS-TIMESTAMP': String(timestampMs) };
              }
            }
            const signal = ctl ? (userSignal ? AbortSignal.any([userSignal, ctl.signal]) : ctl.signal) : userSignal;
            if (ctl) {
              const onTimeout = (): void => {
                timedOut = true;
                ctl.abort(new DOMException(`No response within ${o.timeoutMs} ms`, 'TimeoutError'));
              };
              // systemClock.sleep is this one timer: armed directly, it spares each attempt an abortable
              // sleep (an AbortController and a listener on its signal: ~10 µs measured on Node 20).
              if (o.clock === systemClock) timer = setTimeout(onTimeout, o.timeoutMs);
              else {
                sleeping = new AbortController();
                o.clock.sleep(o.timeoutMs!, sleeping.signal).then(onTimeout, ignore);
              }
            }
            try {
              answer = await send(input, attemptInit(extra, sendMethod, attemptHeaders, bodyText, signal));
            } catch (error) {
              if (userSignal?.aborted) throw userSignal.reason;
              failure = generateError({ ...callFacts(facts, method, sentUrl, schemaPath), attempts: attempt, cause: error, ...(timedOut ? { timeoutMs: o.timeoutMs! } : {}) }) as KalshiNetworkError | KalshiTimeoutError;
            }
          } finally {
            clearTimeout(timer);
            sleeping?.abort(ATTEMPT_ENDED);
            // The answer (or the failure) means the server has seen the request, or never will.
            const settled = limiter?.settle(cost!);
            if (settled) await settled;
          }
          // Each getter of an undici Response costs a brand check: read the status once.
          const status = answer?.status;
          if (log) log.debug({ operationId: facts?.operationId, method, path: schemaPath, attempt, status, error: failure?.code, latencyMs: o.clock.now() - attemptStart }, 'kalshi rest request');
          if (status === 429 && limiter) {
            const drained = limiter.penalize(cost!, sentAt);
            if (typeof drained !== 'boolean') await drained;
          }

          const retryable = !isOk(status) && isRetryable({ method, facts, body: parsedBody, status });
          const delayMs = retryable && attempt < policy.maxAttempts ? Math.max(backoffDelay(attempt, policy), retryAfterMs(answer?.headers, () => o.clock.now())) : -1;
          if (delayMs < 0 || o.clock.now() - started + delayMs > policy.maxElapsedMs) {
            if (!answer) throw failure;
            sent = response = answer;
            sentStatus = status!;
            break;
          }
          policy.onRetry?.({ ...callFacts(facts, method, sentUrl, schemaPath), attempt, delayMs, ...(status !== undefined ? { status } : { error: failure }) });
          await answer?.body?.cancel();
          await o.clock.sleep(delayMs, userSignal);
        }
      } catch (error) {
        if (!middleware.length) throw error;
        let failure: unknown = error;
        for (let i = middleware.length - 1; i >= 0; i--) {
          const result: Response | Error | undefined | void = await middleware[i]!.onError?.({ request: request!, error: failure, schemaPath, params, ...hooks } as never);
          if (!result) continue;
          if (result instanceof Response) {
            failure = undefined;
            response = result;
            break;
          }
          if (!(result instanceof Error)) throw new Error('onError: must return new Response() or instance of Error');
          failure = result;
        }
        if (failure !== undefined || !response) throw failure;
      }
      for (let i = middleware.length - 1; i >= 0; i--) {
        const result: Response | undefined | void = await middleware[i]!.onResponse?.({ request: request!, response, schemaPath, params, ...hooks } as never);
        if (!result) continue;
        if (!(result instanceof Response)) throw new Error('onResponse: must return new Response() when modifying the response');
        response = result;
      }
    }

    // 3. Parse, as openapi-fetch does. A 2xx JSON body is its text, parsed unless empty: what
    //    openapi-fetch's Content-Length check gives, without reading a header (each getter of an
    //    undici Response costs a brand check, a few percent of a loopback request).
    const status = response === sent ? sentStatus : response.status;
    const ok = isOk(status);
    const head = (request?.method ?? method) === 'HEAD';
    if (ok && parseAs === 'json' && status !== 204 && !head) {
      try {
        const raw = await response.text();
        return { data: raw ? JSON.parse(raw) : undefined, response };
      } catch (error) {
        if (error instanceof SyntaxError && sent) throw generateError({ ...callFacts(facts, method, sentUrl, schemaPath), response: sent, malformed: error });
        throw error;
      }
    }
    const responseHeaders = response.headers;
    const contentLength = responseHeaders.get('Content-Length');
    if (status === 204 || head || (contentLength === '0' && !responseHeaders.get('Transfer-Encoding')?.includes('chunked'))) {
      if (ok) return { data: undefined, response };
      if (o.throwOnError) throw generateError({ ...callFacts(facts, method, sentUrl, schemaPath), response, body: undefined, secrets });
      return { error: undefined, response };
    }
    if (ok) {
      try {
        if (parseAs === 'stream') return { data: response.body, response };
        return { data: await response[parseAs](), response };
      } catch (error) {
        if (error instanceof SyntaxError && sent) throw generateError({ ...callFacts(facts, method, sentUrl, schemaPath), response: sent, malformed: error });
        throw error;
      }
    }
    let body: unknown = await response.text();
    try {
      body = JSON.parse(body as string);
    } catch {
      // Not JSON: the error body stays text.
    }
    // 4. Map the error.
    if (o.throwOnError) throw generateError({ ...callFacts(facts, method, sentUrl, schemaPath), response, body, secrets });
    return { error: body, response };
  };
}
