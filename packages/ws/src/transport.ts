import { causeCodeOf, KalshiWsError } from './errors.js';

/**
 * The slice of a WebSocket the client uses: the standard `send` / `close` / `addEventListener`
 * surface (the `ws` package and undici both have it), plus `ws`'s optional extras: `on('ping')`
 * for liveness, `on('unexpected-response')` for the HTTP status of a refused handshake, and
 * `terminate()`.
 */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: never) => void): void;
  on?(event: 'ping' | 'pong' | 'unexpected-response', listener: (...args: never[]) => void): unknown;
  terminate?(): void;
}

/**
 * A WebSocket class that can send HTTP headers on the handshake: `new Impl(url, { headers })`.
 * The `ws` package's `WebSocket` fits, and is the default in Node. Browsers' built-in WebSocket
 * does not: it cannot send headers.
 */
export type WebSocketConstructor = new (url: string, options: { headers: Record<string, string> }) => WebSocketLike;

/** True in a browser page or a web worker, where a WebSocket handshake cannot carry headers. */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown; WorkerGlobalScope?: unknown; self?: unknown };
  if (typeof g.window === 'object' && g.window !== null && typeof g.document === 'object' && g.document !== null) return true;
  return typeof g.WorkerGlobalScope === 'function' && g.self instanceof (g.WorkerGlobalScope as new () => object);
}

/** The error for a runtime that cannot authenticate a Kalshi WebSocket handshake. */
export function browserUnsupported(): KalshiWsError {
  return new KalshiWsError(
    'WS_BROWSER_UNSUPPORTED',
    'Kalshi authenticates the WebSocket handshake with KALSHI-ACCESS-KEY, KALSHI-ACCESS-SIGNATURE and ' +
      'KALSHI-ACCESS-TIMESTAMP headers, and browsers cannot set headers on a WebSocket handshake. ' +
      'Connect from a server runtime (Node.js, Bun, Deno) and relay the data to the page, or pass ' +
      'createWebSocketClient({ WebSocket }) an implementation that sends options.headers (such as one that ' +
      'goes through your own authenticating proxy). Never ship your private key to a browser.',
    { option: 'WebSocket' },
  );
}

/** Loads `ws`, the default implementation outside browsers. */
export async function defaultWebSocket(): Promise<WebSocketConstructor> {
  try {
    const mod = (await import('ws')) as { WebSocket?: unknown; default?: unknown };
    return (mod.WebSocket ?? mod.default) as WebSocketConstructor;
  } catch (error) {
    throw new KalshiWsError('WS_CONFIG_INVALID', 'The `ws` package could not be loaded; install it or pass a WebSocket implementation.', {
      option: 'WebSocket',
      causeCode: causeCodeOf(error),
    });
  }
}

/** What an open connection reports back. */
export interface ConnectionHandlers {
  /** A text frame (itself a sign of life: no separate `activity` call, one call less per frame). */
  message(text: string): void;
  /** Any other sign of life: a ping or a pong. */
  activity(): void;
  /** The socket closed after opening. */
  closed(code: number, reason: string): void;
}

/** One open socket. */
export interface Connection {
  send(text: string): void;
  /** Closes politely (code 1000). */
  close(code?: number, reason?: string): void;
  /** Drops the socket at once (`ws.terminate()` when available). */
  kill(): void;
  /** Closes politely and resolves once closed, killing the socket if the close handshake stalls for `graceMs`. */
  closeAndWait(graceMs?: number): Promise<void>;
}

/**
 * Opens a socket and resolves once it is open.
 * @throws KalshiWsError `WS_HANDSHAKE_REJECTED` (with `status` when the implementation reports it)
 *   or `WS_CONNECT_FAILED` when it closes before opening.
 */
export function openConnection(input: {
  WebSocket: WebSocketConstructor;
  url: string;
  headers: Record<string, string>;
  handlers: ConnectionHandlers;
}): Promise<Connection> {
  const { handlers } = input;
  return new Promise<Connection>((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new input.WebSocket(input.url, { headers: input.headers });
    } catch (error) {
      reject(
        new KalshiWsError('WS_CONNECT_FAILED', `Could not create a WebSocket for ${input.url}.`, { causeCode: causeCodeOf(error) }, { cause: error }),
      );
      return;
    }
    let opened = false;
    let markClosed!: () => void;
    const closed = new Promise<void>((done) => {
      markClosed = done;
    });
    let status: number | undefined;
    let failure: unknown;
    const connection: Connection = {
      send: (text) => socket.send(text),
      close: (code = 1000, reason = '') => socket.close(code, reason),
      kill: () => {
        if (typeof socket.terminate === 'function') socket.terminate();
        else socket.close(4000, 'dead');
      },
      closeAndWait: async (graceMs = 2000) => {
        socket.close(1000, 'client closed');
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stalled = new Promise<'stalled'>((done) => {
          timer = setTimeout(() => done('stalled'), graceMs);
        });
        if ((await Promise.race([closed, stalled])) === 'stalled') connection.kill();
        clearTimeout(timer);
      },
    };
    if (typeof socket.on === 'function') {
      socket.on('ping', () => handlers.activity());
      socket.on('pong', () => handlers.activity());
      socket.on('unexpected-response', ((_request: unknown, response: { statusCode?: number; resume?: () => void }) => {
        status = response.statusCode;
        response.resume?.();
        connection.kill();
      }) as (...args: never[]) => void);
    }
    socket.addEventListener('open', (() => {
      opened = true;
      resolve(connection);
    }) as (event: never) => void);
    socket.addEventListener('message', ((event: { data: unknown }) => {
      const data = event.data;
      handlers.message(typeof data === 'string' ? data : String(data));
    }) as (event: never) => void);
    socket.addEventListener('error', ((event: { error?: unknown }) => {
      failure = event.error ?? failure;
    }) as (event: never) => void);
    socket.addEventListener('close', ((event: { code?: number; reason?: unknown }) => {
      markClosed();
      const code = event.code ?? 1006;
      const reason = typeof event.reason === 'string' ? event.reason : '';
      if (opened) {
        handlers.closed(code, reason);
        return;
      }
      if (status !== undefined) {
        reject(
          new KalshiWsError('WS_HANDSHAKE_REJECTED', `The server refused the WebSocket handshake with HTTP ${status}${status === 401 ? ' (check the API key id, the key, and the clock)' : ''}.`, {
            status,
          }),
        );
        return;
      }
      const causeCode = causeCodeOf(failure);
      reject(
        new KalshiWsError(
          'WS_CONNECT_FAILED',
          `The WebSocket to ${input.url} closed before opening (code ${code}${causeCode === undefined ? '' : `, ${causeCode}`}).`,
          { closeCode: code, causeCode },
          failure === undefined ? undefined : { cause: failure },
        ),
      );
    }) as (event: never) => void);
  });
}
