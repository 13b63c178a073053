import type { KeyObject } from 'node:crypto';
import { credentialsFromEnv, KalshiAuthError, redactingLogger, type KalshiCredentials, type KalshiLogger, type Signer } from '@kalshi-sdk/auth/web';
import { type ReconnectOptions, resolveReconnect, type ResolvedReconnect } from './backoff.js';
import { systemClock, type WsClock } from './clock.js';
import { KalshiWsError } from './errors.js';
import { browserUnsupported, isBrowser, type WebSocketConstructor } from './transport.js';

/** Kalshi's WebSocket endpoints. Doc page: /getting_started/quick_start_websockets. */
export const WS_ENVIRONMENTS = {
  production: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
  demo: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2',
} as const;

/** `production` or `demo`. */
export type KalshiWsEnvironment = keyof typeof WS_ENVIRONMENTS;

/** The path the handshake signature covers: `timestamp + 'GET' + '/trade-api/ws/v2'`. */
export const WS_PATH = '/trade-api/ws/v2';

/** Kalshi pings every 10 seconds (a Ping frame with body `heartbeat`). */
export const KALSHI_HEARTBEAT_MS = 10_000;

/** Liveness: when nothing at all (frame, ping, pong) arrives for a while, the connection is dead. */
export interface KeepaliveOptions {
  /** The server's heartbeat interval in ms. Default {@link KALSHI_HEARTBEAT_MS}. */
  readonly heartbeatIntervalMs?: number;
  /**
   * How many silent heartbeat intervals mean dead. Default 3 (30 s). Checked once per interval, so
   * a dead connection is dropped, and reconnected, between N and N + 1 intervals after its last sign of life.
   */
  readonly deadAfterHeartbeats?: number;
}

/**
 * @deprecated Use `KalshiLogger` from `@kalshi-sdk/auth` (pino's order: `(fields, message)`),
 * which this now is.
 */
export type Logger = KalshiLogger;

/** @internal @deprecated The top-level key options; use `credentials`. */
export interface CredentialsWithKey {
  /** @deprecated Use `credentials.privateKey`. PEM text (PKCS#1 or PKCS#8) or a path to one, or a `KeyObject` (Node, Bun, Deno). */
  readonly privateKey: string | KeyObject;
  /** @deprecated Use `credentials.passphrase`. */
  readonly passphrase?: string;
  readonly signer?: undefined;
  readonly credentials?: undefined;
}

/** @internal @deprecated The top-level signer option; use `credentials`. */
export interface CredentialsWithSigner {
  /** @deprecated Use `credentials: { apiKeyId, signer }`. */
  readonly signer: Signer;
  readonly privateKey?: undefined;
  readonly passphrase?: undefined;
  readonly credentials?: undefined;
}

/** @internal The `credentials` option, or nothing (then the `KALSHI_*` environment variables). */
export interface CredentialsOption {
  /**
   * The API key that signs each handshake: `{ apiKeyId, privateKey, passphrase? }` (PEM text, a
   * PEM file path, a `KeyObject` or a `CryptoKey`) or `{ apiKeyId, signer }`; the same shape as
   * `@kalshi-sdk/rest` and `@kalshi-sdk/fix` take. Default: `credentialsFromEnv()`
   * (`KALSHI_API_KEY_ID` with `KALSHI_PRIVATE_KEY` or `KALSHI_PRIVATE_KEY_PATH`). Kalshi
   * requires them for every connection, public channels included, so with neither the client
   * refuses to be created (`WS_CONFIG_INVALID`, option `credentials`).
   * Doc page: /websockets/websocket-connection.
   */
  readonly credentials?: KalshiCredentials;
  readonly privateKey?: undefined;
  readonly passphrase?: undefined;
  readonly signer?: undefined;
}

/** Options of {@link createWebSocketClient}. */
export type WebSocketClientOptions = (CredentialsOption | CredentialsWithKey | CredentialsWithSigner) & {
  /** @deprecated Use `credentials.apiKeyId`. The API key id (UUID), sent as `KALSHI-ACCESS-KEY`. */
  readonly apiKeyId?: string;
  /** Which Kalshi endpoint. Default `demo`. */
  readonly environment?: KalshiWsEnvironment;
  /** Overrides the endpoint (a local mock, a proxy). Its path is what gets signed. */
  readonly url?: string;
  /**
   * A WebSocket class that sends `options.headers` on the handshake. Default: the `ws` package.
   * In browsers there is none (see `WS_BROWSER_UNSUPPORTED`).
   */
  readonly WebSocket?: WebSocketConstructor;
  /** Reconnect policy, or false to stay down after a drop. Default {@link ReconnectOptions}' defaults. */
  readonly reconnect?: ReconnectOptions | false;
  /** Liveness policy, or false to trust the socket. */
  readonly keepalive?: KeepaliveOptions | false;
  /** How long a command waits for its reply, in ms. Default 10,000. */
  readonly commandTimeoutMs?: number;
  /**
   * Where the client logs: pino, `console`, `consoleLogger(level)` from `@kalshi-sdk/auth`, or any
   * `KalshiLogger`. `info`: connection open; `warn`: connection lost, reconnect scheduled,
   * order-book resync failures; `debug`: opening, each command sent (`id`, `cmd`, `params`), order
   * book resyncs; `error`: a throwing error handler. Secrets are redacted. Default: none.
   */
  readonly logger?: KalshiLogger;
  /**
   * The time source of every client timer: reconnect backoff, resubscribe retries, connection
   * health, keepalive checks, command and `subscribe` timeouts. Default {@link systemClock}; tests
   * pass their own to drive time without waiting.
   */
  readonly clock?: WsClock;
};

/** @internal {@link WebSocketClientOptions}, checked and with defaults filled in. */
export interface ResolvedClientOptions {
  readonly url: string;
  readonly apiKeyId: string;
  readonly credentials: KalshiCredentials;
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly reconnect: ResolvedReconnect | false;
  /** Heartbeat interval in ms and silent intervals that mean dead; undefined with `keepalive: false`. */
  readonly keepalive: { readonly intervalMs: number; readonly deadAfter: number } | undefined;
  readonly commandTimeoutMs: number;
  /** Redacting; undefined for none. */
  readonly logger: KalshiLogger | undefined;
  readonly clock: WsClock;
}

/** @internal A `WS_CONFIG_INVALID` error naming the option. */
export function configError(option: string, message: string): KalshiWsError {
  return new KalshiWsError('WS_CONFIG_INVALID', message, { option });
}

/**
 * @internal `value` (or `fallback` when undefined), which must be a positive finite number.
 * @throws KalshiWsError `WS_CONFIG_INVALID` naming `option` and the value.
 */
export function positive(value: number | undefined, fallback: number, option: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw configError(option, `${option} must be a positive number, got ${String(value)}`);
  return v;
}

/** The deprecated top-level form, checked as before. */
function legacyCredentials(options: WebSocketClientOptions): KalshiCredentials {
  if (typeof options.apiKeyId !== 'string' || options.apiKeyId === '') {
    throw configError('apiKeyId', 'apiKeyId is required: the API key id (UUID) shown when the key was created.');
  }
  const hasKey = options.privateKey !== undefined;
  const hasSigner = options.signer !== undefined;
  if (hasKey === hasSigner) {
    throw configError(hasKey ? 'signer' : 'privateKey', 'Pass exactly one of privateKey (PEM text, path or KeyObject) and signer.');
  }
  return hasSigner
    ? { apiKeyId: options.apiKeyId, signer: options.signer! }
    : { apiKeyId: options.apiKeyId, privateKey: options.privateKey!, ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }) };
}

/**
 * `credentials`, else the deprecated top-level options, else the `KALSHI_*` environment.
 * @throws KalshiWsError `WS_CONFIG_INVALID` naming the option or variable: both forms, neither
 *   (Kalshi: "Authentication is required to establish the connection"), a malformed `credentials`.
 */
function resolveCredentials(options: WebSocketClientOptions): KalshiCredentials {
  const legacy = options.apiKeyId !== undefined || options.privateKey !== undefined || options.passphrase !== undefined || options.signer !== undefined;
  if (legacy && options.credentials !== undefined) {
    throw configError('credentials', 'Pass credentials or the deprecated apiKeyId/privateKey/passphrase/signer options, not both.');
  }
  if (legacy) return legacyCredentials(options);
  let credentials: KalshiCredentials | undefined;
  try {
    credentials = options.credentials ?? credentialsFromEnv();
  } catch (error) {
    if (error instanceof KalshiAuthError) throw configError(error.field ?? 'credentials', error.message);
    throw error;
  }
  if (credentials === undefined) {
    throw configError(
      'credentials',
      'Kalshi requires an API key for every WebSocket connection, public channels included: pass credentials: { apiKeyId, privateKey } or set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY / KALSHI_PRIVATE_KEY_PATH.',
    );
  }
  const c = credentials as { apiKeyId?: unknown; privateKey?: unknown; signer?: unknown };
  if (typeof c.apiKeyId !== 'string' || c.apiKeyId === '') throw configError('credentials.apiKeyId', 'credentials.apiKeyId is required: the API key id (UUID).');
  if ((c.privateKey === undefined) === (c.signer === undefined)) {
    throw configError(c.signer === undefined ? 'credentials.privateKey' : 'credentials.signer', 'credentials takes exactly one of privateKey and signer.');
  }
  return credentials;
}

/**
 * @internal Checks {@link WebSocketClientOptions} and fills in the defaults.
 * @throws KalshiWsError `WS_CONFIG_INVALID` (no credentials given or in the environment, both
 *   `credentials` and the deprecated key options, both a key and a signer, an unknown
 *   environment, a URL that is not ws:/wss: under /trade-api/, a non-positive timing);
 *   `WS_BROWSER_UNSUPPORTED` in a browser without a header-capable `WebSocket`.
 */
export function resolveClientOptions(options: WebSocketClientOptions): ResolvedClientOptions {
  const credentials = resolveCredentials(options);
  if (options.environment !== undefined && !Object.hasOwn(WS_ENVIRONMENTS, options.environment)) {
    throw configError('environment', `environment must be 'production' or 'demo', got ${JSON.stringify(options.environment)}`);
  }
  const url = options.url ?? WS_ENVIRONMENTS[options.environment ?? 'demo'];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError('url', `url is not a valid URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw configError('url', `url must be ws: or wss:, got ${parsed.protocol}`);
  if (!parsed.pathname.startsWith('/trade-api/')) {
    throw configError('url', `The handshake signs the URL path, which must be under /trade-api/ (Kalshi: ${WS_PATH}); got ${parsed.pathname}`);
  }
  if (isBrowser() && (options.WebSocket === undefined || options.WebSocket === (globalThis as { WebSocket?: unknown }).WebSocket)) {
    throw browserUnsupported();
  }
  const reconnect = options.reconnect === false ? false : resolveReconnect(options.reconnect);
  const keepalive =
    options.keepalive === false
      ? undefined
      : {
          intervalMs: positive(options.keepalive?.heartbeatIntervalMs, KALSHI_HEARTBEAT_MS, 'keepalive.heartbeatIntervalMs'),
          deadAfter: positive(options.keepalive?.deadAfterHeartbeats, 3, 'keepalive.deadAfterHeartbeats'),
        };
  return {
    url,
    apiKeyId: credentials.apiKeyId,
    credentials,
    WebSocket: options.WebSocket,
    reconnect,
    keepalive,
    commandTimeoutMs: positive(options.commandTimeoutMs, 10_000, 'commandTimeoutMs'),
    logger: options.logger && redactingLogger(options.logger),
    clock: options.clock ?? systemClock,
  };
}
