import { KalshiApiError, KalshiNetworkError, KalshiResponseError, KalshiTimeoutError, type RequestFacts } from './errors.js';

/** What one failed call knows when its error is built; {@link generateError} picks the class from it. */
export type ErrorInput = RequestFacts &
  (
    | {
        /** Kalshi answered non-2xx. */
        readonly response: Response;
        /** The parsed error body (or its text). */
        readonly body: unknown;
        /** Strings to redact from the body: the key id and the signatures sent. */
        readonly secrets?: readonly string[];
      }
    | {
        /** Kalshi answered 2xx with a body that does not parse; `cause` is the parser's error. */
        readonly response: Response;
        readonly malformed: unknown;
      }
    | {
        /** No response: the attempt timed out (`timeoutMs` set) or fetch threw (`cause`). */
        readonly attempts: number;
        readonly cause: unknown;
        readonly timeoutMs?: number;
      }
  );

/**
 * Builds every error of a REST call, as openai-node's `APIError.generate()` does: a non-2xx
 * response gives {@link KalshiApiError} (its `kind` and `code` from the status), a 2xx with an
 * unreadable body {@link KalshiResponseError}, no response {@link KalshiTimeoutError} when the
 * per-attempt limit (milliseconds) elapsed and {@link KalshiNetworkError} otherwise.
 */
export function generateError(input: ErrorInput): KalshiApiError | KalshiResponseError | KalshiTimeoutError | KalshiNetworkError {
  const facts: RequestFacts = input.operationId !== undefined ? { operationId: input.operationId, method: input.method, path: input.path } : { method: input.method, path: input.path };
  if ('malformed' in input) return new KalshiResponseError({ ...facts, status: input.response.status, cause: input.malformed });
  if ('response' in input) {
    const { response, body, secrets } = input;
    return new KalshiApiError({ ...facts, status: response.status, headers: response.headers, body, ...(secrets ? { secrets } : {}) });
  }
  if (input.timeoutMs !== undefined) return new KalshiTimeoutError({ ...facts, attempts: input.attempts, timeoutMs: input.timeoutMs });
  return new KalshiNetworkError({ ...facts, attempts: input.attempts, cause: input.cause });
}
