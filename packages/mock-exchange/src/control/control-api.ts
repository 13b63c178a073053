import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockExchangeError } from '../errors.js';
import type { Clock } from '../engine/types.js';
import type { MockExchange } from '../mock-exchange.js';
import { MOCK_TIERS } from '../rest/tiers.js';
import type { RateLimitTier } from '../rest/rate-limit.js';
import { mockCoverage } from './coverage.js';
import { closeTimeChange, priceLevelStructureChange } from './market-change-bodies.js';
import { marketMetadataChange } from './market-metadata-body.js';

/** Path prefix of the control API (outside `/trade-api`, so no client can hit it by accident). */
export const CONTROL_PREFIX = '/__mock';

/** A clock the control API can move: `POST /__mock/clock/advance` needs one (`ManualClock` is one, and its timers run as it moves). */
export interface AdvanceableClock extends Clock {
  advance(ms: number): void;
}

/** What the control API drives. */
export interface ControlContext {
  readonly exchange: MockExchange;
  readonly clock: Clock;
}

type Json = Record<string, unknown>;
interface Answer {
  readonly status: number;
  readonly body: Json;
}
/** A command; `params` holds the path's `{name}` segments, decoded. */
type Command = (ctx: ControlContext, body: Json, params: Readonly<Record<string, string>>) => Answer;

const ok = (extra: Json = {}): Answer => ({ status: 200, body: { ok: true, ...extra } });

function bad(code: string, message: string, extra: Json = {}): Answer {
  return { status: 400, body: { code, message, ...extra } };
}

function text(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new MockExchangeError('INVALID_PARAMETER', `${field} must be a non-empty string`, { field, value });
  return value;
}

function optionalText(body: Json, field: string): string | undefined {
  return body[field] === undefined ? undefined : text(body, field);
}

function oneOf<T extends string>(body: Json, field: string, values: readonly T[]): T {
  const value = body[field];
  if (!values.includes(value as T)) throw new MockExchangeError('INVALID_PARAMETER', `${field} must be one of ${values.join(', ')}`, { field, value });
  return value as T;
}

function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function';
}

const TIERS = Object.keys(MOCK_TIERS) as RateLimitTier[];

/** Every control command, keyed `METHOD /__mock/<name>`. */
const COMMANDS: Readonly<Record<string, Command>> = {
  'GET /__mock/coverage': () => ({ status: 200, body: { ...mockCoverage() } }),
  'POST /__mock/settle': ({ exchange }, body) => {
    exchange.settleMarket(text(body, 'ticker'), oneOf(body, 'result', ['yes', 'no']));
    return ok();
  },
  'POST /__mock/pause': ({ exchange }, body) => {
    const ticker = optionalText(body, 'ticker');
    if (ticker === undefined) exchange.pauseTrading();
    else exchange.pauseMarket(ticker);
    return ok();
  },
  'POST /__mock/resume': ({ exchange }, body) => {
    const ticker = optionalText(body, 'ticker');
    if (ticker === undefined) exchange.resumeTrading();
    else exchange.resumeMarket(ticker);
    return ok();
  },
  'POST /__mock/trades': ({ exchange }, body) => {
    const trade = exchange.injectTrade({
      ticker: text(body, 'ticker'),
      price: text(body, 'yes_price_dollars'),
      count: text(body, 'count_fp'),
      // Kalshi's trade wire: taker_side yes = the taker bought YES (took the YES ask: a bid).
      takerSide: oneOf(body, 'taker_side', ['yes', 'no']) === 'yes' ? 'bid' : 'ask',
    });
    return ok({ trade_id: trade.tradeId });
  },
  'POST /__mock/faults': ({ exchange }, body) => {
    if (body['fail_next'] !== undefined) {
      const failNext = body['fail_next'] as Json;
      const status = failNext?.['status'];
      const count = failNext?.['count'] ?? 1;
      if (status !== 429 && status !== 500 && status !== 503) {
        throw new MockExchangeError('INVALID_PARAMETER', 'fail_next.status must be 429, 500 or 503', { field: 'fail_next.status', value: status });
      }
      if (!Number.isInteger(count) || (count as number) < 1) {
        throw new MockExchangeError('INVALID_PARAMETER', 'fail_next.count must be a positive integer', { field: 'fail_next.count', value: count });
      }
      exchange.faults.rest.failNextRequests({ status, count: count as number });
    }
    if (body['rate_limit_tier'] !== undefined) {
      const tier = body['rate_limit_tier'];
      if (tier !== null && !TIERS.includes(tier as RateLimitTier)) {
        throw new MockExchangeError('INVALID_PARAMETER', `rate_limit_tier must be null or one of ${TIERS.join(', ')}`, { field: 'rate_limit_tier', value: tier });
      }
      exchange.faults.rest.setRateLimit(tier === null ? undefined : (tier as RateLimitTier));
    }
    return ok();
  },
  'POST /__mock/price_feeds': ({ exchange }, body) => {
    const sourceTs = body['source_ts_ms'];
    if (sourceTs !== undefined && (!Number.isSafeInteger(sourceTs) || (sourceTs as number) < 0)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'source_ts_ms must be Unix milliseconds', { field: 'source_ts_ms', value: sourceTs });
    }
    const tick = exchange.priceFeeds.set({
      feed: oneOf(body, 'feed', ['cfbenchmarks', 'pyth']),
      id: text(body, 'id'),
      valueUsd: text(body, 'value_usd'),
      ...(sourceTs === undefined ? {} : { sourceTsMs: sourceTs as number }),
    });
    return ok({ published: tick !== undefined });
  },
  'GET /__mock/clock': ({ clock }) => ({ status: 200, body: { now_ms: clock.now(), manual: isAdvanceable(clock) } }),
  'POST /__mock/clock/advance': ({ clock }, body) => {
    const ms = body['ms'];
    if (!Number.isInteger(ms) || (ms as number) < 0) throw new MockExchangeError('INVALID_PARAMETER', 'ms must be a non-negative integer', { field: 'ms', value: ms });
    if (!isAdvanceable(clock)) {
      return { status: 409, body: { code: 'clock_not_manual', message: 'the simulator runs on a real clock; start it with a manual clock to advance time' } };
    }
    clock.advance(ms as number);
    return ok({ now_ms: clock.now() });
  },
  'POST /__mock/markets/{ticker}/close_time': ({ exchange }, body, { ticker }) => ok({ changed: exchange.setMarketCloseTime(ticker!, closeTimeChange(body)) }),
  'POST /__mock/markets/{ticker}/price_level_structure': ({ exchange }, body, { ticker }) =>
    ok({ changed: exchange.setPriceLevelStructure(ticker!, priceLevelStructureChange(body)) }),
  'POST /__mock/markets/{ticker}/metadata': ({ exchange }, body, { ticker }) => {
    const update = exchange.engine.history.marketMetadata.update(ticker!, marketMetadataChange(body));
    return ok({ changed: Object.keys(update).filter((k) => k !== 'ticker' && k !== 'tsMs').length > 0 });
  },
};

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The command serving `name` (`METHOD /__mock/...`), matching `{param}` segments, and the params. */
function findCommand(name: string): { readonly command: Command; readonly params: Record<string, string> } | undefined {
  const exact = COMMANDS[name];
  if (exact !== undefined) return { command: exact, params: {} };
  const parts = name.split('/');
  for (const [key, command] of Object.entries(COMMANDS)) {
    const pattern = key.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const match = pattern.every((p, i) => {
      if (!p.startsWith('{')) return p === parts[i];
      const value = decoded(parts[i]!);
      if (value === undefined || value === '') return false;
      params[p.slice(1, -1)] = value;
      return true;
    });
    if (match) return { command, params };
  }
  return undefined;
}

/** `METHOD /__mock/<name>` of every control command, for the 400 of an unknown one. */
export const CONTROL_COMMANDS: readonly string[] = Object.keys(COMMANDS);

const NOT_FOUND_CODES = new Set(['MARKET_NOT_FOUND', 'SERIES_NOT_FOUND', 'EVENT_NOT_FOUND']);

function readJson(req: IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 65_536) reject(new MockExchangeError('BAD_REQUEST', 'control body is over 64 KiB', { field: 'body' }));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim() === '') return resolve({});
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        resolve(parsed as Json);
      } catch {
        reject(new MockExchangeError('BAD_REQUEST', 'control body must be a JSON object', { field: 'body' }));
      }
    });
    req.on('error', reject);
  });
}

async function answer(ctx: ControlContext, req: IncomingMessage, path: string): Promise<Answer> {
  const name = `${(req.method ?? 'GET').toUpperCase()} ${path.replace(/\/+$/, '')}`;
  const found = findCommand(name);
  if (found === undefined) return bad('unknown_command', `no control command ${name}`, { valid_commands: CONTROL_COMMANDS });
  try {
    return found.command(ctx, await readJson(req), found.params);
  } catch (error) {
    if (!(error instanceof MockExchangeError)) throw error;
    const status = NOT_FOUND_CODES.has(error.code) ? 404 : 400;
    return { status, body: { code: error.code.toLowerCase(), message: error.message, ...(error.field === undefined ? {} : { field: error.field }) } };
  }
}

/**
 * Serves the control API (see `control-api.yaml` in the package) when `req` is under
 * `/__mock`; returns false for any other path. Unknown commands answer 400 `unknown_command`
 * with `valid_commands`; bad arguments 400 naming the field; a missing market 404.
 */
export function handleControl(ctx: ControlContext, req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path !== CONTROL_PREFIX && !path.startsWith(`${CONTROL_PREFIX}/`)) return false;
  answer(ctx, req, path).then(
    ({ status, body }) => {
      const out = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    },
    (error: unknown) => {
      const out = JSON.stringify({ code: 'internal_error', message: error instanceof Error ? error.message : 'control command failed' });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(out);
    },
  );
  return true;
}
