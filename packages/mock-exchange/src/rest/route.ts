import type { ApiKeyRegistry } from '../auth.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { ApiUsageLevels } from './api-usage.js';
import type { operations } from '../spec-types.js';

/** What a handler gets: the engine, path parameters, query, parsed JSON body and the caller. */
export interface RequestContext {
  readonly engine: MatchingEngine;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** The authenticated user's id; `''` on public routes. */
  readonly userId: string;
  /** Every user's API keys (the authenticators' own map). */
  readonly apiKeys: ApiKeyRegistry;
  /** Each user's simulated API usage tier, as the rate limiter applies it. */
  readonly usage: ApiUsageLevels;
}

/** An HTTP answer: status and JSON body (none for 204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

/** One REST operation the simulator serves, with the facts its rate limiting and error mapping need. */
export interface Route {
  readonly operationId: keyof operations;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template relative to `/trade-api/v2`, as in openapi.yaml. */
  readonly path: string;
  /** Requires `KALSHI-ACCESS-*` headers. */
  readonly auth: boolean;
  /** Draws from the write token bucket. */
  readonly write: boolean;
  /** Tokens per request, or per item of `batchItems`. */
  readonly cost: number;
  /** Batch routes: the body array billed per item. */
  readonly batchItems?: string;
  /** Status for a missing market/order/group: the spec lists no 404 on some operations. */
  readonly notFound: 400 | 404;
  handle(ctx: RequestContext): Reply;
}

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body type the spec gives operation `Op` at status `S`. */
export type ResponseBody<Op extends keyof operations, S extends keyof operations[Op]['responses']> = JsonBody<operations[Op]['responses'][S]>;

/** A reply whose body is type-checked against the spec's response schema of `op` at `status`. */
export function reply<Op extends keyof operations, S extends keyof operations[Op]['responses'] & number>(
  _op: Op,
  status: S,
  body: ResponseBody<Op, S>,
): Reply {
  return { status, body };
}

/** Defaults of a route: public, read, 10 tokens, 404 for missing things. */
export function route(
  operationId: keyof operations,
  method: Route['method'],
  path: string,
  handle: Route['handle'],
  facts: Partial<Pick<Route, 'auth' | 'write' | 'cost' | 'batchItems' | 'notFound'>> = {},
): Route {
  return {
    operationId,
    method,
    path,
    auth: facts.auth ?? false,
    write: facts.write ?? false,
    cost: facts.cost ?? 10,
    notFound: facts.notFound ?? 404,
    handle,
    ...(facts.batchItems === undefined ? {} : { batchItems: facts.batchItems }),
  };
}
