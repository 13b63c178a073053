import { signRequest, type Signer } from '@kalshi-sdk/auth/web';
import type { Clock } from './clock.js';
import { KalshiNetworkError, KalshiTimeoutError, type RequestFacts } from './errors.js';
import type { OperationFacts } from './operation-facts.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelay, isRetryable, retryAfterMs, type ResolvedRetryPolicy } from './retry.js';
import { signingPathFor, urlPath } from './signing-path.js';

/**
 * The init key under which the client hands each call's {@link CallContext} to the transport.
 * openapi-fetch copies unknown init keys onto the request object it builds.
 */
export const CALL_CONTEXT = 'kalshiCallContext';

/** What the client wrapper tells the transport about one call, and what the transport reports back. */
export interface CallContext {
  readonly facts: OperationFacts | undefined;
  /** The caller's per-call signal and the client's, combined; undefined when neither was given. */
  readonly userSignal: AbortSignal | undefined;
  /** Signatures sent for this call, so error bodies that echo them can be redacted. */
  readonly secrets: string[];
  /** The URL the last attempt went to. */
  url?: string;
  /** The response handed back to openapi-fetch, so a body that fails to parse can be reported with its status. */
  response?: Response;
}

/**
 * What openapi-fetch builds, through its `Request` option, when no middleware needs a real
 * `Request`: the URL and init, nothing else. The transport sends it as `fetch(url, init)`, so the
 * global fetch builds the one `Request` of the attempt itself, as a plain `fetch(url)` does.
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly init: RequestInit & { headers: Headers; body?: string };

  constructor(url: string, init: RequestInit & { headers: Headers; body?: string }) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.init = init;
  }
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** A custom fetch, called with one `Request` per attempt; undefined for `globalThis.fetch`. */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly baseUrl: string;
  readonly auth: { readonly apiKeyId: string; readonly signer: Signer } | undefined;
  readonly limiter: RateLimiter | undefined;
  readonly retry: ResolvedRetryPolicy;
  /** Per attempt, until response headers; undefined for none. */
  readonly timeoutMs: number | undefined;
  readonly clock: Clock;
}

/**
 * The `fetch` the client hands to openapi-fetch. openapi-fetch middleware cannot send a request
 * twice, so the pipeline lives here, per attempt: rate limiter (wait for tokens, held in flight
 * until the answer) → signer (fresh timestamp and signature) → send (with the per-attempt
 * timeout) → on 429, drain the limiter's bucket → retry decision and backoff (at least what a
 * `retry-after-ms` or `Retry-After` header asks).
 * Whatever response ends the loop goes back to openapi-fetch, whose result the client maps to
 * errors. Network failures and timeouts come out as `KalshiNetworkError` / `KalshiTimeoutError`;
 * a caller's abort comes out as the signal's reason.
 *
 * Takes a {@link PreparedRequest}, or a real `Request` when middleware built or replaced one;
 * either carries its call's {@link CallContext} under {@link CALL_CONTEXT}.
 */
export function createTransport(o: TransportOptions): (request: Request | PreparedRequest) => Promise<Response> {
  const signingPath = signingPathFor(o.baseUrl);
  const policy = o.retry;
  const send = o.fetch
    ? (input: string | Request, init: RequestInit) => o.fetch!(new Request(input, init))
    : (input: string | Request, init: RequestInit) => globalThis.fetch(input, init);

  return async function kalshiFetch(request: Request | PreparedRequest): Promise<Response> {
    const ctx = (request as unknown as Record<string, CallContext | undefined>)[CALL_CONTEXT];
    const facts = ctx?.facts;
    const { method, url } = request;
    const userSignal = ctx ? ctx.userSignal : (request as Request).signal;
    let input: string | Request;
    let base: RequestInit;
    let headers: Headers;
    let bodyText: string | undefined;
    if (request instanceof PreparedRequest) {
      input = url;
      base = request.init;
      headers = request.init.headers;
      bodyText = request.init.body;
    } else {
      // A body can be read once: each attempt re-sends its text in a Request built from this one.
      bodyText = request.body === null ? undefined : await request.text();
      input = request;
      headers = request.headers;
      base = bodyText === undefined ? { headers } : { headers, body: bodyText };
    }
    if (ctx) ctx.url = url;
    let body: unknown;
    if (bodyText !== undefined && (facts?.batchItems || facts?.idempotencyKey)) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        // Not JSON: no per-item cost, no idempotency key; the server will answer 400.
      }
    }
    const where = (): RequestFacts => (facts ? { operationId: facts.operationId, method, path: urlPath(url) } : { method, path: urlPath(url) });
    const signPath = o.auth ? signingPath(url) : '';
    const started = o.clock.now();
    const limiter = o.limiter;
    const cost = limiter?.costOf(facts?.operationId, body);

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
      let response: Response | undefined;
      let failure: KalshiNetworkError | KalshiTimeoutError | undefined;
      try {
        if (o.auth) {
          const signed = await signRequest({ ...o.auth, method, path: signPath, timestampMs: o.clock.now() });
          headers.set('KALSHI-ACCESS-KEY', signed['KALSHI-ACCESS-KEY']);
          headers.set('KALSHI-ACCESS-SIGNATURE', signed['KALSHI-ACCESS-SIGNATURE']);
          headers.set('KALSHI-ACCESS-TIMESTAMP', signed['KALSHI-ACCESS-TIMESTAMP']);
          ctx?.secrets.push(signed['KALSHI-ACCESS-SIGNATURE']);
        }
        const signal = ctl ? (userSignal ? AbortSignal.any([userSignal, ctl.signal]) : ctl.signal) : userSignal;
        timer =
          ctl &&
          setTimeout(() => {
            timedOut = true;
            ctl.abort(new DOMException(`No response within ${o.timeoutMs} ms`, 'TimeoutError'));
          }, o.timeoutMs);
        try {
          response = await send(input, signal ? { ...base, signal } : base);
        } catch (error) {
          if (userSignal?.aborted) throw userSignal.reason;
          failure = timedOut
            ? new KalshiTimeoutError({ ...where(), attempts: attempt, timeoutMs: o.timeoutMs! })
            : new KalshiNetworkError({ ...where(), attempts: attempt, cause: error });
        }
      } finally {
        clearTimeout(timer);
        // The answer (or the failure) means the server has seen the request, or never will.
        const settled = limiter?.settle(cost!);
        if (settled) await settled;
      }
      if (response?.status === 429 && limiter) {
        const drained = limiter.penalize(cost!, sentAt);
        if (typeof drained !== 'boolean') await drained;
      }

      const status = response?.status;
      const retryable = !response?.ok && isRetryable({ method, facts, body, status });
      const delayMs = retryable && attempt < policy.maxAttempts ? Math.max(backoffDelay(attempt, policy), retryAfterMs(response?.headers, () => o.clock.now())) : -1;
      if (delayMs < 0 || o.clock.now() - started + delayMs > policy.maxElapsedMs) {
        if (response) {
          if (ctx) ctx.response = response;
          return response;
        }
        throw failure;
      }
      policy.onRetry?.({ ...where(), attempt, delayMs, ...(status !== undefined ? { status } : { error: failure }) });
      await response?.body?.cancel();
      await o.clock.sleep(delayMs, userSignal);
    }
  };
}
