import type { KeyObject } from 'node:crypto';
import type { Signer } from '@kalshi-sdk/auth/web';
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

/** Where log lines go. Nothing secret is ever logged: no keys, signatures or header values. */
export interface Logger {
  debug?(message: string, facts?: Record<string, unknown>): void;
  info?(message: string, facts?: Record<string, unknown>): void;
  warn?(message: string, facts?: Record<string, unknown>): void;
  error?(message: string, facts?: Record<string, unknown>): void;
}

/** @internal Credentials given as a private key. */
export interface CredentialsWithKey {
  /** PEM text (PKCS#1 or PKCS#8) or a path to one, or a `KeyObject` (Node, Bun, Deno). */
  readonly privateKey: string | KeyObject;
  /** Passphrase of an encrypted PEM. */
  readonly passphrase?: string;
  readonly signer?: undefined;
}

/** @internal Credentials given as a signer. */
export interface CredentialsWithSigner {
  /** Any {@link Signer}: `createWebCryptoSigner`, an HSM or a KMS. */
  readonly signer: Signer;
  readonly privateKey?: undefined;
  readonly passphrase?: undefined;
}

/** Options of {@link createWebSocketClient}. */
export type WebSocketClientOptions = (CredentialsWithKey | CredentialsWithSigner) & {
  /** The API key id (UUID), sent as `KALSHI-ACCESS-KEY`. */
  readonly apiKeyId: string;
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
  readonly logger?: Logger;
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
  readonly credentials: CredentialsWithKey | CredentialsWithSigner;
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly reconnect: ResolvedReconnect | false;
  /** Heartbeat interval in ms and silent intervals that mean dead; undefined with `keepalive: false`. */
  readonly keepalive: { readonly intervalMs: number; readonly deadAfter: number } | undefined;
  readonly commandTimeoutMs: number;
  readonly logger: Logger;
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

/**
 * @internal Checks {@link WebSocketClientOptions} and fills in the defaults.
 * @throws KalshiWsError `WS_CONFIG_INVALID` (no credentials, both a key and a signer, an unknown
 *   environment, a URL that is not ws:/wss: under /trade-api/, a non-positive timing);
 *   `WS_BROWSER_UNSUPPORTED` in a browser without a header-capable `WebSocket`.
 */
export function resolveClientOptions(options: WebSocketClientOptions): ResolvedClientOptions {
  if (typeof options.apiKeyId !== 'string' || options.apiKeyId === '') {
    throw configError('apiKeyId', 'apiKeyId is required: the API key id (UUID) shown when the key was created.');
  }
  const hasKey = options.privateKey !== undefined;
  const hasSigner = options.signer !== undefined;
  if (hasKey === hasSigner) {
    throw configError(hasKey ? 'signer' : 'privateKey', 'Pass exactly one of privateKey (PEM text, path or KeyObject) and signer.');
  }
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
    apiKeyId: options.apiKeyId,
    credentials: options,
    WebSocket: options.WebSocket,
    reconnect,
    keepalive,
    commandTimeoutMs: positive(options.commandTimeoutMs, 10_000, 'commandTimeoutMs'),
    logger: options.logger ?? {},
    clock: options.clock ?? systemClock,
  };
}
