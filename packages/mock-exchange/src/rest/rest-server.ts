import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockExchangeError } from '../errors.js';
import { ApiKeyRegistry, authenticate, type ApiKey } from '../auth.js';
import { ApiUsageLevels } from './api-usage.js';
import type { EmitHook } from '../emit.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { Clock } from '../engine/types.js';
import { errorBody, errorReply, tooManyRequests, unauthorized } from './errors.js';
import { ServerRateLimiter, type RateLimitTier } from './rate-limit.js';
import type { Reply, Route } from './route.js';
import { scopeRefusal } from './scopes.js';
import { candlestickRoutes } from './routes/candlesticks.js';
import { communicationsRoutes } from './routes/communications.js';
import { exchangeInfoRoutes } from './routes/exchange-info.js';
import { historicalRoutes } from './routes/historical.js';
import { marketDataRoutes } from './routes/market-data.js';
import { milestoneRoutes } from './routes/milestones.js';
import { multivariateRoutes } from './routes/multivariate.js';
import { referenceRoutes } from './routes/reference.js';
import { orderGroupRoutes } from './routes/order-groups.js';
import { orderRoutes } from './routes/orders.js';
import { portfolioRoutes } from './routes/portfolio.js';
import { accountRoutes } from './routes/account.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { subaccountRoutes } from './routes/subaccounts.js';
import { fcmRoutes } from './routes/fcm.js';
import { fundsRoutes } from './routes/funds.js';

/** The REST API root every path is served under. */
export const REST_PREFIX = '/trade-api/v2';

/** Every REST operation the simulator serves. */
export const routes: readonly Route[] = [...marketDataRoutes, ...portfolioRoutes, ...orderRoutes, ...orderGroupRoutes, ...referenceRoutes, ...milestoneRoutes, ...multivariateRoutes, ...candlestickRoutes, ...historicalRoutes, ...exchangeInfoRoutes, ...communicationsRoutes, ...subaccountRoutes, ...apiKeyRoutes, ...accountRoutes, ...fundsRoutes, ...fcmRoutes];

const MAX_BODY_BYTES = 1 << 20;

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

// Literal paths first, so /markets/trades is not read as /markets/{ticker}.
const compiled = [...routes].sort((a, b) => a.path.split('{').length - b.path.split('{').length).map(compile);

/** A path segment, percent-decoded; a malformed escape (`%ZZ`) is kept as sent, an id no handler knows. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the route of `method path` (path relative to the API root) and its path parameters. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const c of compiled) {
    if (c.route.method !== method) continue;
    const m = c.pattern.exec(path);
    if (m === null) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => (params[name] = decodeSegment(m[i + 1]!)));
    return { route: c.route, params };
  }
  return undefined;
}

/**
 * REST fault switches: 429s from an exact token-bucket model of a tier (the mock's own table,
 * `MOCK_TIERS`), and scripted failures of the next requests. Both off by default. Every 429
 * carries Kalshi's body `{"error": "too many requests"}`.
 */
export class RestFaults {
  private limiter: ServerRateLimiter | undefined;
  private readonly failures: Array<{ status: number; remaining: number }> = [];
  /** Each user's API usage tier: the rate-limit tier raised by upgrades. */
  readonly usage: ApiUsageLevels;

  constructor(
    private readonly clock: Clock,
    keys: ReadonlyMap<string, ApiKey> = new Map(),
  ) {
    this.usage = new ApiUsageLevels(keys, clock);
  }

  /**
   * Answers 429 whenever a caller (per API key) exceeds the read or write budget of `tier`,
   * charging each endpoint its Kalshi token cost; `undefined` turns rate limiting off.
   */
  setRateLimit(tier: RateLimitTier | undefined): void {
    this.usage.base = tier ?? 'basic';
    this.limiter = tier === undefined ? undefined : new ServerRateLimiter(tier, this.clock, (caller) => this.usage.effectiveForKey(caller));
  }

  /** Fails the next `count` REST requests (after authentication) with `status` and a Kalshi error body. */
  failNextRequests(input: { readonly status: 429 | 500 | 503; readonly count?: number }): void {
    this.failures.push({ status: input.status, remaining: input.count ?? 1 });
  }

  /** The tier whose budget requests are held to, if rate limiting is on. */
  get rateLimitTier(): RateLimitTier | undefined {
    return this.limiter?.tier;
  }

  /** Charges a request to its caller's bucket; false means answer 429. Always true with rate limiting off. */
  admit(caller: string, route: Route, body: unknown): boolean {
    return this.limiter === undefined || this.limiter.admit(caller, route, body);
  }

  /** Pops the scripted failure status for the current request, if any. */
  takeFailure(): number | undefined {
    const next = this.failures[0];
    if (next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) this.failures.shift();
    return next.status;
  }
}

const FAILURE_CODES: Record<number, string> = {
  500: 'internal_server_error',
  503: 'service_unavailable',
};

/**
 * The body of a scripted failure of `route`: Kalshi's error body, except on `GetExchangeStatus`,
 * whose 500 and 503 the spec types as an `ExchangeStatus` (an exchange that is down says so).
 */
function failureBody(route: Route, status: number): unknown {
  if (route.operationId === 'GetExchangeStatus') return { exchange_active: false, trading_active: false };
  const code = FAILURE_CODES[status] ?? 'internal_server_error';
  return { code, message: code.replaceAll('_', ' '), details: 'injected fault' };
}

/** Options of {@link createRestHandler}. */
export interface RestHandlerOptions {
  readonly engine: MatchingEngine;
  /** API keys by id; the REST API keys endpoints add and delete entries. */
  readonly keys: Map<string, ApiKey>;
  readonly clock: Clock;
  readonly timestampToleranceMs: number;
  readonly faults: RestFaults;
  readonly onEmit: EmitHook | undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new MockExchangeError('BAD_REQUEST', 'request body is too large', { field: 'body' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A request body as JSON: `undefined` when empty, not `ok` when it does not parse. */
function parseJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The node:http request listener of the REST API. */
export function createRestHandler(options: RestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const send = (res: ServerResponse, method: string, path: string, route: Route | undefined, reply: Reply): void => {
    options.onEmit?.({ kind: 'rest', operationId: route?.operationId, method, path, status: reply.status, body: reply.body });
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  };

  const apiKeys = new ApiKeyRegistry(options.keys);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const relative = path.startsWith(`${REST_PREFIX}/`) ? path.slice(REST_PREFIX.length) : undefined;
    const matched = relative === undefined ? undefined : matchRoute(method, relative);
    if (matched === undefined) {
      send(res, method, path, undefined, { status: 404, body: { code: 'not_found', message: 'not found', details: `no route ${method} ${path}` } });
      return;
    }
    const { route, params } = matched;
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      const details = error instanceof MockExchangeError ? error.message : 'request body could not be read';
      send(res, method, path, route, { status: 400, body: { ...errorBody(new MockExchangeError('BAD_REQUEST', details)) } });
      return;
    }
    // Parsed now, but a body that is not JSON fails only an operation that reads it (400 from the
    // handler): an operation without a request body ignores what it is sent.
    const parsed = parseJson(text);
    let userId = '';
    let caller = 'anonymous';
    if (route.auth) {
      const auth = authenticate(req, options.keys, options.clock.now(), options.timestampToleranceMs);
      if (!auth.ok) {
        send(res, method, path, route, unauthorized(auth.details));
        return;
      }
      const refusal = scopeRefusal(route, auth.key);
      if (refusal !== undefined) {
        send(res, method, path, route, refusal);
        return;
      }
      userId = auth.key.userId;
      caller = auth.key.apiKeyId;
    } else if (options.faults.rateLimitTier !== undefined && req.headers['kalshi-access-key'] !== undefined) {
      // "Every authenticated request costs tokens": a signed call to a public route spends its key's budget.
      const auth = authenticate(req, options.keys, options.clock.now(), options.timestampToleranceMs);
      if (auth.ok) caller = auth.key.apiKeyId;
    }
    const failure = options.faults.takeFailure();
    if (failure === 429) {
      send(res, method, path, route, tooManyRequests());
      return;
    }
    if (failure !== undefined) {
      send(res, method, path, route, { status: failure, body: failureBody(route, failure) });
      return;
    }
    if (!options.faults.admit(caller, route, parsed.ok ? parsed.value : undefined)) {
      send(res, method, path, route, tooManyRequests());
      return;
    }
    let reply: Reply;
    try {
      reply = route.handle({
        engine: options.engine,
        params,
        query: url.searchParams,
        get body(): unknown {
          if (!parsed.ok) throw new MockExchangeError('BAD_REQUEST', 'request body is not valid JSON', { field: 'body' });
          return parsed.value;
        },
        userId,
        apiKeys,
        usage: options.faults.usage,
      });
    } catch (error) {
      reply = errorReply(error, route);
    }
    send(res, method, path, route, reply);
  };

  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}
