import type { ErrorResponsePayloadMsgCode } from './generated/models.js';

/**
 * The name of each numeric code Kalshi puts in an `error` reply (`msg.code`), keyed by that code.
 * Typed against the generated code union, so a code added to or retired from the spec breaks the
 * build here. Doc page: /websockets (Error Codes). Codes 6, 16 and 17, which the spec retired, are
 * in {@link KALSHI_WS_RETIRED_ERROR_NAMES}.
 */
export const KALSHI_WS_ERROR_NAMES = {
  1: 'UNABLE_TO_PROCESS_MESSAGE',
  2: 'PARAMS_REQUIRED',
  3: 'CHANNELS_REQUIRED',
  4: 'SUBSCRIPTION_IDS_REQUIRED',
  5: 'UNKNOWN_COMMAND',
  7: 'UNKNOWN_SUBSCRIPTION_ID',
  8: 'UNKNOWN_CHANNEL_NAME',
  9: 'AUTHENTICATION_REQUIRED',
  10: 'CHANNEL_ERROR',
  11: 'INVALID_PARAMETER',
  12: 'EXACTLY_ONE_SUBSCRIPTION_ID_REQUIRED',
  13: 'UNSUPPORTED_ACTION',
  14: 'MARKET_TICKER_REQUIRED',
  15: 'ACTION_REQUIRED',
  18: 'COMMAND_TIMEOUT',
  19: 'SHARD_FACTOR_NOT_POSITIVE',
  20: 'SHARD_FACTOR_REQUIRED',
  21: 'SHARD_KEY_OUT_OF_RANGE',
  22: 'SHARD_FACTOR_TOO_LARGE',
  23: 'MATCH_IDS_REQUIRED',
  24: 'INDEX_IDS_REQUIRED',
  25: 'SUBSCRIPTION_BUFFER_OVERFLOW',
  26: 'SUBSCRIPTION_MARKET_LIMIT_EXCEEDED',
  27: 'TOO_MANY_REQUESTS',
  28: 'UNDERLYING_TICKERS_REQUIRED',
} as const satisfies Record<ErrorResponsePayloadMsgCode, string>;

/**
 * Codes the spec marks retired but /getting_started/quick_start_websockets still lists as live,
 * named after that page's labels (6 "Already subscribed", 16 "Market not found", 17 "Internal
 * error"). The more specific page wins: a server that still sends them gets its own name, not `UNKNOWN`.
 */
export const KALSHI_WS_RETIRED_ERROR_NAMES = {
  6: 'ALREADY_SUBSCRIBED',
  16: 'MARKET_NOT_FOUND',
  17: 'INTERNAL_ERROR',
} as const;

/** A Kalshi WebSocket error code name, such as `'SUBSCRIPTION_BUFFER_OVERFLOW'` (25) or `'MARKET_NOT_FOUND'` (16). */
export type KalshiWsErrorName =
  | (typeof KALSHI_WS_ERROR_NAMES)[ErrorResponsePayloadMsgCode]
  | (typeof KALSHI_WS_RETIRED_ERROR_NAMES)[keyof typeof KALSHI_WS_RETIRED_ERROR_NAMES];

/**
 * Channel errors after which the server has dropped the subscription and the client must subscribe
 * again: 10 (channel error) and 25 (subscription buffer overflow). The client does so by itself.
 */
export const TERMINAL_KALSHI_CODES: ReadonlySet<number> = new Set([10, 25]);

/** The name of a Kalshi WebSocket error code (live or retired), or `'UNKNOWN'` for a code neither the spec nor the docs list. */
export function kalshiWsErrorName(code: number): KalshiWsErrorName | 'UNKNOWN' {
  if (Object.hasOwn(KALSHI_WS_ERROR_NAMES, code)) return KALSHI_WS_ERROR_NAMES[code as ErrorResponsePayloadMsgCode];
  if (Object.hasOwn(KALSHI_WS_RETIRED_ERROR_NAMES, code)) return KALSHI_WS_RETIRED_ERROR_NAMES[code as keyof typeof KALSHI_WS_RETIRED_ERROR_NAMES];
  return 'UNKNOWN';
}

/**
 * Stable codes of {@link KalshiWsError}. Match on these, never on the message.
 *
 * - `WS_SERVER_ERROR`: Kalshi answered with an `error` frame; `kalshiCode` (1–28) and
 *   `kalshiCodeName` say which.
 * - `WS_BROWSER_UNSUPPORTED`: running in a browser, which cannot send the `KALSHI-ACCESS-*`
 *   handshake headers Kalshi requires.
 * - `WS_CONFIG_INVALID`: bad {@link createWebSocketClient} or subscribe options.
 * - `WS_SIGNING_FAILED`: the private key could not be loaded or the signer refused
 *   (`causeCode` is the `@kalshi-sdk/auth` code).
 * - `WS_HANDSHAKE_REJECTED`: the server answered the upgrade with an HTTP error (`status`).
 * - `WS_CONNECT_FAILED`: the socket failed before the handshake completed.
 * - `WS_CONNECTION_LOST`: the connection closed while a command waited for its reply.
 * - `WS_HEARTBEAT_TIMEOUT`: nothing arrived for the configured multiple of the heartbeat.
 * - `WS_REPLY_TIMEOUT`: a command got no reply within `commandTimeoutMs`.
 * - `WS_CLIENT_CLOSED`: the client was closed.
 * - `WS_SUBSCRIPTION_CLOSED`: a command on a subscription that was unsubscribed or failed.
 * - `WS_MALFORMED_FRAME`: a frame that is not JSON, or not a Kalshi message.
 * - `WS_BUFFER_OVERFLOW`: a subscription's iterator buffer overflowed under the `'error'` policy.
 * - `WS_HANDLER_FAILED`: a handler passed to `on(...)` threw (`cause` holds what it threw).
 * - `WS_RECONNECT_EXHAUSTED`: `reconnect.maxAttempts` failed in a row.
 */
export type KalshiWsErrorCode =
  | 'WS_SERVER_ERROR'
  | 'WS_BROWSER_UNSUPPORTED'
  | 'WS_CONFIG_INVALID'
  | 'WS_SIGNING_FAILED'
  | 'WS_HANDSHAKE_REJECTED'
  | 'WS_CONNECT_FAILED'
  | 'WS_CONNECTION_LOST'
  | 'WS_HEARTBEAT_TIMEOUT'
  | 'WS_REPLY_TIMEOUT'
  | 'WS_CLIENT_CLOSED'
  | 'WS_SUBSCRIPTION_CLOSED'
  | 'WS_MALFORMED_FRAME'
  | 'WS_BUFFER_OVERFLOW'
  | 'WS_HANDLER_FAILED'
  | 'WS_RECONNECT_EXHAUSTED';

/** Facts attached to a {@link KalshiWsError}. Never keys, signatures or header values. */
export interface KalshiWsErrorFacts {
  /** Kalshi's numeric error code (`WS_SERVER_ERROR`). */
  readonly kalshiCode?: number | undefined;
  /** Its name from {@link KALSHI_WS_ERROR_NAMES}, or `'UNKNOWN'`. */
  readonly kalshiCodeName?: KalshiWsErrorName | 'UNKNOWN' | undefined;
  /** Kalshi's human-readable `msg.msg`. */
  readonly kalshiMessage?: string | undefined;
  /** The id of the command the error is about. */
  readonly commandId?: number | undefined;
  /** The command's `cmd`, e.g. `subscribe`. */
  readonly cmd?: string | undefined;
  /** The subscription id the error is about. */
  readonly sid?: number | undefined;
  /** The data channel, e.g. `orderbook_delta`. */
  readonly channel?: string | undefined;
  /** Market tickers the error names (Kalshi's `market_ticker(s)`). */
  readonly marketTickers?: readonly string[] | undefined;
  /** Market tickers the failing command named (its `market_ticker(s)` parameter), when it named any. */
  readonly commandMarketTickers?: readonly string[] | undefined;
  /** HTTP status of a refused handshake. */
  readonly status?: number | undefined;
  /** WebSocket close code. */
  readonly closeCode?: number | undefined;
  /** Code of the lower-layer error (`ECONNREFUSED`, `KEY_MALFORMED`, ...). */
  readonly causeCode?: string | undefined;
  /** The option that is wrong (`WS_CONFIG_INVALID`). */
  readonly option?: string | undefined;
  /** Length in characters of a malformed frame. */
  readonly frameLength?: number | undefined;
  /** Buffer capacity in messages (`WS_BUFFER_OVERFLOW`). */
  readonly bufferSize?: number | undefined;
  /** Consecutive failed attempts (`WS_RECONNECT_EXHAUSTED`). */
  readonly attempts?: number | undefined;
}

/**
 * The one error type of `@kalshi-sdk/ws`. `code` is stable; the other fields are facts.
 * Server errors carry Kalshi's numeric code and its name: `err.kalshiCode === 25`,
 * `err.kalshiCodeName === 'SUBSCRIPTION_BUFFER_OVERFLOW'`.
 */
export class KalshiWsError extends Error implements KalshiWsErrorFacts {
  override readonly name = 'KalshiWsError';
  readonly code: KalshiWsErrorCode;
  declare readonly kalshiCode?: number;
  declare readonly kalshiCodeName?: KalshiWsErrorName | 'UNKNOWN';
  declare readonly kalshiMessage?: string;
  declare readonly commandId?: number;
  declare readonly cmd?: string;
  declare readonly sid?: number;
  declare readonly channel?: string;
  declare readonly marketTickers?: readonly string[];
  declare readonly commandMarketTickers?: readonly string[];
  declare readonly status?: number;
  declare readonly closeCode?: number;
  declare readonly causeCode?: string;
  declare readonly option?: string;
  declare readonly frameLength?: number;
  declare readonly bufferSize?: number;
  declare readonly attempts?: number;

  constructor(code: KalshiWsErrorCode, message: string, facts: KalshiWsErrorFacts = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    for (const [key, value] of Object.entries(facts)) {
      if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /**
   * The error for a Kalshi `error` frame. For error 11 (invalid parameter), the message also names
   * the market(s) Kalshi names, else the ones the command named, and the command (`subscribe
   * orderbook_delta`), so the cause is in the message: Kalshi's own text is only "Invalid parameter".
   * @param msg the frame's `msg` (`code`, `msg`, optional `market_ticker(s)`).
   * @param context the command the error answers: id, `cmd`, sid, channel, and the market tickers it named.
   */
  static fromServer(
    msg: { code: number; msg?: string; market_ticker?: string; market_tickers?: string[] },
    context: {
      commandId?: number | undefined;
      cmd?: string | undefined;
      sid?: number | undefined;
      channel?: string | undefined;
      marketTickers?: readonly string[] | undefined;
    } = {},
  ): KalshiWsError {
    const name = kalshiWsErrorName(msg.code);
    const tickers = msg.market_tickers ?? (msg.market_ticker === undefined ? undefined : [msg.market_ticker]);
    const text = typeof msg.msg === 'string' ? msg.msg : '';
    const cause = msg.code === 11 ? parameterCause(tickers, context) : '';
    return new KalshiWsError('WS_SERVER_ERROR', `Kalshi error ${msg.code} ${name}${text === '' ? '' : `: ${text}`}${cause}`, {
      kalshiCode: msg.code,
      kalshiCodeName: name,
      kalshiMessage: text,
      commandId: context.commandId,
      cmd: context.cmd,
      sid: context.sid,
      channel: context.channel,
      marketTickers: tickers,
      commandMarketTickers: context.marketTickers,
    });
  }
}

/** ` (market X in subscribe orderbook_delta)`: what an invalid-parameter error is about, as far as known. */
function parameterCause(tickers: readonly string[] | undefined, context: { cmd?: string | undefined; channel?: string | undefined; marketTickers?: readonly string[] | undefined }): string {
  const plural = (list: readonly string[]) => `market${list.length === 1 ? '' : 's'} ${list.join(', ')}`;
  const command = [context.cmd, context.channel].filter((part) => part !== undefined).join(' ');
  const markets = tickers !== undefined && tickers.length > 0 ? plural(tickers) : undefined;
  const named = context.marketTickers !== undefined && context.marketTickers.length > 0 ? plural(context.marketTickers) : undefined;
  if (markets !== undefined) return ` (${markets}${command === '' ? '' : ` in ${command}`})`;
  if (command === '') return named === undefined ? '' : ` (the command named ${named})`;
  return ` (${command}${named === undefined ? '' : ` naming ${named}`})`;
}

/** The `code` of a lower-layer error (Node `err.code`, an auth error code), if it is a plain identifier. */
export function causeCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : undefined;
}
