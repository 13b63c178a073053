import { signRequest, type Signer } from '@kalshi-sdk/auth/web';
import type { Clock } from './clock.js';
import { KalshiNetworkError, KalshiTimeoutError, type RequestFacts } from './errors.js';
import type { OperationFacts } from './operation-facts.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelay, isRetryable, type ResolvedRetryPolicy } from './retry.js';
import { signingPathFor, urlPath } from './signing-path.js';

/** What the client wrapper tells the transport about one call, keyed by its `Request`. */
export interface CallContext {
  readonly facts: OperationFacts | undefined;
  /** Signatures sent for this call, so error bodies that echo them can be redacted. */
  readonly secrets: string[];
  /** The caller's per-call signal and the client's, combined; undefined when neither was given. */
  readonly userSignal: AbortSignal | undefined;
  /**
   * Aborts the first attempt on timeout. Its signal is already in the Request openapi-fetch
   * builds, so a body-less first attempt is sent as is, without cloning the Request.
   */
  readonly firstAttempt: AbortController | undefined;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly baseUrl: string;
  readonly auth: { readonly apiKeyId: string; readonly signer: Signer } | undefined;
  readonly limiter: RateLimiter | undefined;
  readonly retry: ResolvedRetryPolicy;
  /** Per attempt, until response headers; undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Aborts every call of the client. */
  readonly signal: AbortSignal | undefined;
  readonly clock: Clock;
  readonly contexts: WeakMap<Request, CallContext>;
}

/**
 * The `fetch` the client hands to openapi-fetch. openapi-fetch middleware cannot send a request
 * twice, so the pipeline lives here, per attempt: rate limiter (wait for tokens) → signer (fresh
 * timestamp and signature) → send (with the per-attempt timeout) → retry decision and backoff.
 * Whatever response ends the loop goes back to openapi-fetch, whose result the client maps to
 * errors. Network failures and timeouts come out as `KalshiNetworkError` / `KalshiTimeoutError`;
 * a caller's abort comes out as the signal's reason.
 */
export function createTransport(o: TransportOptions): (request: Request) => Promise<Response> {
  const signingPath = signingPathFor(o.baseUrl);
  const policy = o.retry;

  return async function kalshiFetch(request: Request): Promise<Response> {
    const ctx = o.contexts.get(request);
    const facts = ctx?.facts;
    const method = request.method;
    const where: RequestFacts = facts ? { operationId: facts.operationId, method, path: urlPath(request.url) } : { method, path: urlPath(request.url) };
    const bodyText = request.body === null ? undefined : await request.text();
    let body: unknown;
    if (bodyText !== undefined && (facts?.batchItems || facts?.idempotencyKey)) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        // Not JSON: no per-item cost, no idempotency key; the server will answer 400.
      }
    }
    const signPath = o.auth ? signingPath(request.url) : '';
    // Without a context (a middleware replaced the Request) the caller's signal is the Request's.
    const userSignal = ctx ? ctx.userSignal : o.signal ? AbortSignal.any([request.signal, o.signal]) : request.signal;
    const started = o.clock.now();

    for (let attempt = 1; ; attempt++) {
      const wait = o.limiter?.acquire(facts?.operationId, body, userSignal);
      if (wait) await wait;

      let outgoing: Request;
      let ctl: AbortController | undefined;
      if (attempt === 1 && ctx && bodyText === undefined) {
        outgoing = request;
        ctl = ctx.firstAttempt;
      } else {
        // A body can be read once and a signal set once: later attempts (and bodies) need a new Request.
        ctl = o.timeoutMs !== undefined ? new AbortController() : undefined;
        const signal = ctl ? (userSignal ? AbortSignal.any([userSignal, ctl.signal]) : ctl.signal) : userSignal;
        const init: RequestInit = { headers: new Headers(request.headers) };
        if (signal) init.signal = signal;
        if (bodyText !== undefined) init.body = bodyText;
        outgoing = new Request(request, init);
      }
      if (o.auth) {
        const signed = await signRequest({ ...o.auth, method, path: signPath, timestampMs: o.clock.now() });
        for (const [k, v] of Object.entries(signed)) outgoing.headers.set(k, v);
        ctx?.secrets.push(signed['KALSHI-ACCESS-SIGNATURE']);
      }

      let timedOut = false;
      const timer =
        ctl &&
        setTimeout(() => {
          timedOut = true;
          ctl.abort(new DOMException(`No response within ${o.timeoutMs} ms`, 'TimeoutError'));
        }, o.timeoutMs);

      let response: Response | undefined;
      let failure: KalshiNetworkError | KalshiTimeoutError | undefined;
      try {
        response = await o.fetch(outgoing);
      } catch (error) {
        if (userSignal?.aborted) throw userSignal.reason;
        failure = timedOut
          ? new KalshiTimeoutError({ ...where, attempts: attempt, timeoutMs: o.timeoutMs! })
          : new KalshiNetworkError({ ...where, attempts: attempt, cause: error });
      } finally {
        clearTimeout(timer);
      }

      const status = response?.status;
      const retryable = !response?.ok && isRetryable({ method, facts, body, status });
      const delayMs = retryable && attempt < policy.maxAttempts ? backoffDelay(attempt, policy) : -1;
      if (delayMs < 0 || o.clock.now() - started + delayMs > policy.maxElapsedMs) {
        if (response) return response;
        throw failure;
      }
      policy.onRetry?.({ ...where, attempt, delayMs, ...(status !== undefined ? { status } : { error: failure }) });
      await response?.body?.cancel();
      await o.clock.sleep(delayMs, userSignal);
    }
  };
}
