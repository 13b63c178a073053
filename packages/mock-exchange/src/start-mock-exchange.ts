import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKey } from './auth.js';
import type { EmitHook } from './emit.js';
import { MockExchangeError } from './errors.js';
import { MatchingEngine } from './engine/matching-engine.js';
import type { Clock } from './engine/types.js';
import { SystemClock } from './engine/scheduler.js';
import { MockFixAcceptor } from './fix/fix-acceptor.js';
import { MockExchange, type MockMarketSeed, type MockUser } from './mock-exchange.js';
import type { RateLimitTier } from './rest/rate-limit.js';
import { createRestHandler, REST_PREFIX, RestFaults } from './rest/rest-server.js';
import { WS_PATH, WsGateway } from './ws/ws-gateway.js';
import { withControlAndLatency } from './control/http-hooks.js';
import { seededIds } from './control/seeded-ids.js';
import { applyFixtures, loadFixtures, type MockFixtures } from './fixtures/fixtures.js';
import { DEFAULT_REFERENCE_DATA } from './reference/defaults.js';
import type { MockReferenceData } from './reference/types.js';
import { PriceFeeds } from './reference/price-feeds.js';

/** Options of {@link startMockExchange}. */
export interface MockExchangeOptions {
  /** TCP port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** Markets to create; default: a small demo set ({@link DEFAULT_MARKETS}). Pass `[]` for none. */
  readonly markets?: readonly MockMarketSeed[];
  /** Users and their API keys. */
  readonly users?: readonly MockUser[];
  /**
   * Time source (Unix ms) for the engine, timestamps, signature freshness and rate limits; default a
   * `SystemClock`. A `ManualClock` (or any clock with `at`) also drives the engine's timers and replay.
   */
  readonly clock?: Clock;
  /** WebSocket heartbeat ping period, ms; default 10,000 as on Kalshi; 0 turns it off. */
  readonly pingIntervalMs?: number;
  /** Largest accepted distance between `KALSHI-ACCESS-TIMESTAMP` and server time, ms; default 30,000. */
  readonly timestampToleranceMs?: number;
  /** Start with 429s on for this tier's token budget (see `exchange.faults.rest.setRateLimit`). */
  readonly rateLimitTier?: RateLimitTier;
  /** Sees every REST response and WebSocket frame before it is sent (conformance checks, recording). */
  readonly onEmit?: EmitHook;
  /**
   * Also serve FIX (all five Kalshi sessions) on a second loopback port (`port` default 0: any
   * free port), plain TCP unless `tls`. Off unless given.
   */
  readonly fix?: {
    readonly port?: number;
    /**
     * Listen with TLS 1.2+ using a self-signed certificate made at start-up; clients trust it by
     * passing `fix.certificatePem` as `tls: { ca }`. Default plain TCP.
     */
    readonly tls?: boolean;
  };
  /**
   * Series, events, markets, reference data and reference prices to load (a fixtures file path,
   * or its parsed content; schema: `fixtures.schema.json`). When given, `markets` defaults to none
   * instead of {@link DEFAULT_MARKETS}, and `reference` to none.
   * A malformed file rejects with `INVALID_OPTIONS` naming the file, JSON path and expected type.
   */
  readonly fixtures?: string | MockFixtures;
  /** Makes order, trade, fill and market ids deterministic (UUID-shaped) for this seed; default random. */
  readonly seed?: number;
  /** Added delay before each REST request is handled, ms; default 0. */
  readonly latencyMs?: number;
  /** Serve the control API under `/__mock` (see `control-api.yaml`); default true. */
  readonly control?: boolean;
  /**
   * Milestones, live data, structured targets, incentives, event metadata and forecasts,
   * multivariate collections and search filters, in openapi.yaml's wire spelling; default
   * {@link DEFAULT_REFERENCE_DATA}, or none when `fixtures` is given (a fixtures file carries its
   * own). Pass `{}` for none. A bad item rejects with `INVALID_OPTIONS`
   * naming its field.
   */
  readonly reference?: MockReferenceData;
}

/** A running simulator. */
export interface RunningMockExchange {
  /** REST base URL, ending in `/trade-api/v2`. */
  readonly restUrl: string;
  /** WebSocket URL, ending in `/trade-api/ws/v2`. */
  readonly wsUrl: string;
  readonly port: number;
  /** Control and fault injection. */
  readonly exchange: MockExchange;
  /** FIX port on 127.0.0.1 when started with `fix`. */
  readonly fixPort: number | undefined;
  /** The FIX acceptor (traffic listener, sequence numbers, fault injection) when started with `fix`. */
  readonly fix: MockFixAcceptor | undefined;
  /** Closes every connection and the listening socket. */
  close(): Promise<void>;
}

/** The markets created when `markets` is not given: one series, one event, two markets (1¢ and tapered 0.1¢ ticks). */
export const DEFAULT_MARKETS: readonly MockMarketSeed[] = [
  { ticker: 'KXMOCK-26DEC31-A', title: 'Mock outcome A', priceLevelStructure: 'linear_cent' },
  { ticker: 'KXMOCK-26DEC31-B', title: 'Mock outcome B', priceLevelStructure: 'tapered_deci_cent' },
];

/**
 * Starts the Kalshi simulator on 127.0.0.1: REST under `/trade-api/v2` and WebSocket on
 * `/trade-api/ws/v2`, both on one port, both requiring Kalshi's signed `KALSHI-ACCESS-*` headers
 * (public market-data REST routes excepted, as on Kalshi). With `fix`, also Kalshi's FIX
 * sessions (KalshiNR, KalshiRT, KalshiDC, KalshiPT, KalshiRFQ) on a second port (`fixPort`),
 * signature-checked Logon included, over TLS with `fix: { tls: true }`.
 *
 * @throws MockExchangeError `INVALID_OPTIONS` for a bad user key or balance; rejects with the
 *   listen error when the port is taken.
 */
export async function startMockExchange(options: MockExchangeOptions = {}): Promise<RunningMockExchange> {
  const clock = options.clock ?? new SystemClock();
  const engine = new MatchingEngine({ clock, ...(options.seed === undefined ? {} : { newId: seededIds(options.seed) }) });
  const keys = new Map<string, ApiKey>();
  const timestampToleranceMs = options.timestampToleranceMs ?? 30_000;
  const restFaults = new RestFaults(clock, keys);
  const priceFeeds = new PriceFeeds(clock);
  if (options.rateLimitTier !== undefined) restFaults.setRateLimit(options.rateLimitTier);
  const gateway = new WsGateway({
    engine,
    keys,
    clock,
    timestampToleranceMs,
    pingIntervalMs: options.pingIntervalMs ?? 10_000,
    onEmit: options.onEmit,
    priceFeeds,
  });
  const exchange = new MockExchange(engine, keys, { rest: restFaults, ws: gateway.faults }, priceFeeds);
  try {
    if (options.fixtures !== undefined) applyFixtures(exchange, loadFixtures(options.fixtures));
    for (const seed of options.markets ?? (options.fixtures === undefined ? DEFAULT_MARKETS : [])) exchange.addMarket(seed);
    for (const user of options.users ?? []) exchange.addUser(user);
    exchange.addReferenceData(options.reference ?? (options.fixtures === undefined ? DEFAULT_REFERENCE_DATA : {}));
  } catch (error) {
    priceFeeds.stop();
    gateway.close();
    throw error instanceof MockExchangeError ? error : new MockExchangeError('INVALID_OPTIONS', String(error));
  }

  const rest = createRestHandler({ engine, keys, clock, timestampToleranceMs, faults: restFaults, onEmit: options.onEmit });
  const server = createServer(withControlAndLatency(rest, { exchange, clock }, options.control ?? true, options.latencyMs ?? 0));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    gateway.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  let fix: MockFixAcceptor | undefined;
  if (options.fix !== undefined) {
    try {
      fix = await MockFixAcceptor.start({ engine, keys, clock, timestampToleranceMs, ...(options.fix.port === undefined ? {} : { port: options.fix.port }), tls: options.fix.tls === true });
    } catch (error) {
      gateway.close();
      server.close();
      throw error;
    }
  }
  return {
    restUrl: `http://127.0.0.1:${port}${REST_PREFIX}`,
    wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
    port,
    exchange,
    fixPort: fix?.port,
    fix,
    close: async () => {
      await Promise.all([
        fix?.close(),
        new Promise<void>((resolve) => {
          priceFeeds.stop();
          gateway.close();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]);
    },
  };
}
