/**
 * Stable codes of {@link KalshiRestError}. Match on these (or on {@link KalshiApiError.kind}),
 * never on the message.
 *
 * - `REST_AUTH` (401, 403), `REST_NOT_FOUND` (404), `REST_CONFLICT` (409), `REST_VALIDATION`
 *   (400, 422), `REST_RATE_LIMITED` (429), `REST_SERVER` (5xx), `REST_HTTP` (any other non-2xx):
 *   {@link KalshiApiError}.
 * - `REST_NETWORK`: the request never got an HTTP response ({@link KalshiNetworkError}).
 * - `REST_TIMEOUT`: no response headers within `timeoutMs` ({@link KalshiTimeoutError}).
 * - `REST_RESPONSE_MALFORMED`: a 2xx response whose body is not JSON ({@link KalshiResponseError}).
 * - `REST_ORDER_INVALID`: an order helper refused a price or count before sending ({@link KalshiOrderError}).
 * - `REST_ORDER_CONFLICT`: a create's `client_order_id` is held by a different order (`KalshiOrderConflictError`).
 * - `REST_PAGINATION_CURSOR_REPEATED`: the server returned a cursor it had already returned ({@link KalshiPaginationError}).
 * - `REST_CONFIG_INVALID`: bad {@link createClient} options ({@link KalshiConfigError}).
 * - `REST_CREDENTIALS_REQUIRED`: an operation that needs credentials was called on a client
 *   without them; nothing was sent ({@link KalshiConfigError}, `operationId` says which).
 * - `REST_UNKNOWN_PATH`: outside production (`NODE_ENV !== 'production'`), a method and path
 *   template the spec does not have; nothing was sent ({@link KalshiConfigError}, `suggestion`
 *   holds the closest known path).
 * - `REST_COST_OVER_CAPACITY`: a request costs more tokens than its bucket can ever hold; it was not
 *   sent ({@link KalshiRateLimitError}).
 */
export type KalshiRestErrorCode =
  | 'REST_AUTH'
  | 'REST_NOT_FOUND'
  | 'REST_CONFLICT'
  | 'REST_VALIDATION'
  | 'REST_RATE_LIMITED'
  | 'REST_SERVER'
  | 'REST_HTTP'
  | 'REST_NETWORK'
  | 'REST_TIMEOUT'
  | 'REST_RESPONSE_MALFORMED'
  | 'REST_ORDER_INVALID'
  | 'REST_ORDER_CONFLICT'
  | 'REST_PAGINATION_CURSOR_REPEATED'
  | 'REST_CONFIG_INVALID'
  | 'REST_CREDENTIALS_REQUIRED'
  | 'REST_UNKNOWN_PATH'
  | 'REST_COST_OVER_CAPACITY';

/** Which request an error is about. */
export interface RequestFacts {
  /** The spec's operationId (`GetMarket`), when the request matched an operation. */
  readonly operationId?: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL path that was requested, without the query string (`/trade-api/v2/markets/ABC`). */
  readonly path: string;
}

/**
 * Base class of every error `@kalshi-sdk/rest` throws. Messages and fields never hold the private
 * key, a PEM, or a request signature.
 */
export class KalshiRestError extends Error {
  override readonly name: string = 'KalshiRestError';
  readonly code: KalshiRestErrorCode;

  constructor(code: KalshiRestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What went wrong, by HTTP status: 401/403 `auth`, 400/422 `validation`, 404 `not_found`, 409 `conflict`, 429 `rate_limited`, 5xx `server`, else `http`. */
export type KalshiApiErrorKind = 'auth' | 'validation' | 'not_found' | 'conflict' | 'rate_limited' | 'server' | 'http';

const KIND_CODES: Record<KalshiApiErrorKind, KalshiRestErrorCode> = {
  auth: 'REST_AUTH',
  validation: 'REST_VALIDATION',
  not_found: 'REST_NOT_FOUND',
  conflict: 'REST_CONFLICT',
  rate_limited: 'REST_RATE_LIMITED',
  server: 'REST_SERVER',
  http: 'REST_HTTP',
};

/** The {@link KalshiApiErrorKind} of an HTTP status. */
export function apiErrorKind(status: number): KalshiApiErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 400 || status === 422) return 'validation';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'http';
}

/** Response headers that carry a request id, first match wins. */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'cf-ray'];

/**
 * Kalshi answered with a non-2xx status. `kind` (and `code`) classify it; `kalshiCode`,
 * `kalshiMessage` and `details` come from Kalshi's error body (`{ error: { code, message, details } }`
 * or the spec's `ErrorResponse`), `body` is the whole parsed body. Doc page: /getting_started/rate_limits for 429.
 */
export class KalshiApiError extends KalshiRestError implements RequestFacts {
  override readonly name = 'KalshiApiError';
  readonly kind: KalshiApiErrorKind;
  readonly status: number;
  readonly kalshiCode?: string;
  readonly kalshiMessage?: string;
  readonly details?: string;
  readonly operationId?: string;
  readonly method: string;
  readonly path: string;
  readonly requestId?: string;
  /** The parsed JSON body, or its text when it is not JSON (secrets redacted). */
  readonly body: unknown;

  /**
   * @param input.body The parsed error body (or its text). PEM blocks and `secrets` (the
   *   signatures and key id the client sent) are replaced with `[redacted]` before use.
   */
  constructor(input: RequestFacts & { status: number; headers?: Headers; body: unknown; secrets?: readonly string[] }) {
    const kind = apiErrorKind(input.status);
    const body = redact(input.body, input.secrets ?? []);
    const facts = errorBodyFacts(body);
    const where = `${input.operationId ? `${input.operationId} ` : ''}${input.method} ${input.path}`;
    const what = [facts.code, facts.message].filter(Boolean).join(': ') || (typeof body === 'string' ? body.slice(0, 200) : '');
    super(KIND_CODES[kind], `Kalshi API ${input.status} on ${where}${what ? ` — ${what}` : ''}`);
    this.kind = kind;
    this.status = input.status;
    this.method = input.method;
    this.path = input.path;
    this.body = body;
    if (input.operationId !== undefined) this.operationId = input.operationId;
    if (facts.code !== undefined) this.kalshiCode = facts.code;
    if (facts.message !== undefined) this.kalshiMessage = facts.message;
    if (facts.details !== undefined) this.details = facts.details;
    for (const h of REQUEST_ID_HEADERS) {
      const v = input.headers?.get(h);
      if (v) {
        this.requestId = v;
        break;
      }
    }
  }
}

const PEM_BLOCK = /-----BEGIN [^-]+-----[\s\S]*?(?:-----END [^-]+-----|$)/g;

/** Replaces PEM blocks and each of `secrets` in a body (parsed JSON or text) with `[redacted]`. */
function redact(value: unknown, secrets: readonly string[]): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return value;
  let out = text.replace(PEM_BLOCK, '[redacted]');
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  if (out === text) return value;
  return typeof value === 'string' ? out : JSON.parse(out);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads Kalshi's error shapes: `{error: {code, message, details}}`, `{code, message, details}`, `{error: "text"}`. */
function errorBodyFacts(body: unknown): { code?: string; message?: string; details?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const outer = body as Record<string, unknown>;
  const inner = typeof outer.error === 'object' && outer.error !== null ? (outer.error as Record<string, unknown>) : outer;
  const out: { code?: string; message?: string; details?: string } = {};
  const code = str(inner.code);
  const message = str(inner.message) ?? str(outer.error);
  const details = str(inner.details);
  if (code !== undefined) out.code = code;
  if (message !== undefined) out.message = message;
  if (details !== undefined) out.details = details;
  return out;
}

/** The request got no HTTP response (DNS, refused connection, reset, TLS). `cause` is the fetch error. */
export class KalshiNetworkError extends KalshiRestError implements RequestFacts {
  override readonly name = 'KalshiNetworkError';
  readonly operationId?: string;
  readonly method: string;
  readonly path: string;
  /** Attempts made, retries included. */
  readonly attempts: number;

  constructor(input: RequestFacts & { attempts: number; cause: unknown }) {
    const reason = input.cause instanceof Error ? `: ${input.cause.message}` : '';
    super('REST_NETWORK', `Network error on ${input.operationId ? `${input.operationId} ` : ''}${input.method} ${input.path} after ${input.attempts} attempt(s)${reason}`, {
      cause: input.cause,
    });
    this.method = input.method;
    this.path = input.path;
    this.attempts = input.attempts;
    if (input.operationId !== undefined) this.operationId = input.operationId;
  }
}

/** No response headers arrived within `timeoutMs` (milliseconds, per attempt). */
export class KalshiTimeoutError extends KalshiRestError implements RequestFacts {
  override readonly name = 'KalshiTimeoutError';
  readonly operationId?: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  /** The per-attempt limit that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(input: RequestFacts & { attempts: number; timeoutMs: number }) {
    super('REST_TIMEOUT', `No response within ${input.timeoutMs} ms on ${input.operationId ? `${input.operationId} ` : ''}${input.method} ${input.path} (${input.attempts} attempt(s))`);
    this.method = input.method;
    this.path = input.path;
    this.attempts = input.attempts;
    this.timeoutMs = input.timeoutMs;
    if (input.operationId !== undefined) this.operationId = input.operationId;
  }
}

/** A 2xx response whose body does not parse as JSON. `cause` is the parser's error. */
export class KalshiResponseError extends KalshiRestError implements RequestFacts {
  override readonly name = 'KalshiResponseError';
  readonly operationId?: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;

  constructor(input: RequestFacts & { status: number; cause: unknown }) {
    super('REST_RESPONSE_MALFORMED', `Kalshi returned ${input.status} with a body that is not JSON on ${input.operationId ? `${input.operationId} ` : ''}${input.method} ${input.path}`, {
      cause: input.cause,
    });
    this.method = input.method;
    this.path = input.path;
    this.status = input.status;
    if (input.operationId !== undefined) this.operationId = input.operationId;
  }
}

/**
 * An order helper refused its input before sending anything. `field` names the request field
 * (`price`, `count`), `value` is what was given; `cause` is the `FixedPointError` when there is one.
 */
export class KalshiOrderError extends KalshiRestError {
  override readonly name = 'KalshiOrderError';
  readonly field: string;
  readonly value: unknown;

  constructor(input: { field: string; value: unknown; reason: string; cause?: unknown; code?: 'REST_ORDER_INVALID' | 'REST_ORDER_CONFLICT' }) {
    super(input.code ?? 'REST_ORDER_INVALID', `Invalid order ${input.field} ${JSON.stringify(String(input.value))}: ${input.reason}`, { cause: input.cause });
    this.field = input.field;
    this.value = input.value;
  }
}

/** The server returned a cursor it had returned before; following it would loop forever. */
export class KalshiPaginationError extends KalshiRestError {
  override readonly name = 'KalshiPaginationError';
  readonly path: string;
  readonly cursor: string;
  /** Pages read before the repeat. */
  readonly pages: number;

  constructor(input: { path: string; cursor: string; pages: number }) {
    super('REST_PAGINATION_CURSOR_REPEATED', `GET ${input.path} returned cursor ${JSON.stringify(input.cursor)} again after ${input.pages} page(s)`);
    this.path = input.path;
    this.cursor = input.cursor;
    this.pages = input.pages;
  }
}

/** Which call a {@link KalshiConfigError} refused (`REST_CREDENTIALS_REQUIRED`, `REST_UNKNOWN_PATH`). */
export interface RefusedCallFacts {
  /** The spec's operationId, when the method and path template name one. */
  readonly operationId?: string;
  /** Upper-case HTTP method. */
  readonly method?: string;
  /** The path template as given (`/markets/{ticker}`). */
  readonly path?: string;
  /** `REST_UNKNOWN_PATH`: the closest path template the spec has for this method. */
  readonly suggestion?: string;
}

/**
 * A {@link createClient} option is missing or malformed (`REST_CONFIG_INVALID`), or a call the
 * client's configuration cannot make (`REST_CREDENTIALS_REQUIRED`, `REST_UNKNOWN_PATH`); `option`
 * names the option at fault. Nothing was sent.
 */
export class KalshiConfigError extends KalshiRestError implements RefusedCallFacts {
  override readonly name = 'KalshiConfigError';
  readonly option: string;
  declare readonly operationId?: string;
  declare readonly method?: string;
  declare readonly path?: string;
  declare readonly suggestion?: string;

  constructor(
    option: string,
    message: string,
    code: 'REST_CONFIG_INVALID' | 'REST_CREDENTIALS_REQUIRED' | 'REST_UNKNOWN_PATH' = 'REST_CONFIG_INVALID',
    facts: RefusedCallFacts = {},
  ) {
    super(code, message);
    this.option = option;
    for (const [key, value] of Object.entries(facts)) if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
  }
}

/**
 * A request costs more tokens than its bucket holds, so no wait could ever admit it and Kalshi
 * would answer 429 however long the client retried (getting_started/rate_limits: "Over-drawing
 * returns `429 Too Many Requests`"). Nothing was sent. For a batch, `maxItems` is the largest batch
 * the bucket admits: split the batch into chunks of at most that many items.
 */
export class KalshiRateLimitError extends KalshiRestError {
  override readonly name = 'KalshiRateLimitError';
  readonly operationId?: string;
  readonly bucket: 'read' | 'write';
  /** What the request costs, in tokens. */
  readonly tokens: number;
  /** What the bucket holds at most, in tokens. */
  readonly capacity: number;
  /** Batch endpoints: the most items one request may carry on this bucket (0 when not even one fits). */
  readonly maxItems?: number;
  /** The tier whose bucket it is, when the limiter was built from a tier. */
  readonly tier?: string;

  constructor(input: { operationId?: string; bucket: 'read' | 'write'; tokens: number; capacity: number; maxItems?: number; tier?: string }) {
    const who = input.tier ? `the ${input.tier} tier's` : 'the';
    const what = input.operationId ?? 'the request';
    const split = input.maxItems !== undefined ? `; the largest batch it admits is ${input.maxItems} item(s)` : '';
    super('REST_COST_OVER_CAPACITY', `${what} costs ${input.tokens} tokens but ${who} ${input.bucket} bucket holds ${input.capacity}${split}. Not sent: Kalshi would answer 429 forever.`);
    this.bucket = input.bucket;
    this.tokens = input.tokens;
    this.capacity = input.capacity;
    if (input.operationId !== undefined) this.operationId = input.operationId;
    if (input.maxItems !== undefined) this.maxItems = input.maxItems;
    if (input.tier !== undefined) this.tier = input.tier;
  }
}
