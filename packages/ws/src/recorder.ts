import { openRecordingFile } from '#recording-file';
import { defaultWebSocket, type WebSocketConstructor, type WebSocketLike } from './transport.js';

/**
 * The first line of a recording: `{"format":"kalshi-ws-recording","version":1,"started_ms":…}`.
 * Every later line is one received frame, `{"t":<receive time, Unix ms>,"frame":<the frame's JSON
 * exactly as received>}`, in receive order. A frame that is not JSON (a corrupt frame the server
 * sent) is kept as `{"t":…,"text":"<the text>"}`. Lines end with `\n`; a name ending `.gz` is
 * gzipped as a whole. `@kalshi-sdk/mock-exchange` replays this format.
 */
export interface WsRecordingHeader {
  readonly format: typeof WS_RECORDING_FORMAT;
  readonly version: typeof WS_RECORDING_VERSION;
  /** When recording started, Unix ms. */
  readonly started_ms: number;
}

/** The `format` of a recording's header line. */
export const WS_RECORDING_FORMAT = 'kalshi-ws-recording';
/** The format version this package writes. */
export const WS_RECORDING_VERSION = 1;

/**
 * @internal Where a recording goes: a file written with `node:fs` on Node, Bun and Deno; none
 * elsewhere (`#recording-file` picks by runtime).
 */
export interface RecordingFile {
  write(text: string): void;
  /** Flushes and closes; resolves once the file is on disk. */
  close(): Promise<void>;
}

/** Options of {@link openWsRecorder}. */
export interface WsRecorderOptions {
  /** Receive-time source, Unix ms; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Writes every frame a WebSocket receives, with its receive time, to a JSONL file (gzipped when
 * the name ends `.gz`; format: {@link WsRecordingHeader}). Hook it into a client with
 * `createWebSocketClient({ WebSocket: recorder.wrap(WebSocket) })`, or call {@link record} yourself.
 */
export class WsRecorder {
  #frames = 0;
  #closed: Promise<void> | undefined;

  private constructor(
    private readonly out: RecordingFile,
    private readonly now: () => number,
  ) {}

  /** @internal Use {@link openWsRecorder}. */
  static async open(path: string, options: WsRecorderOptions = {}): Promise<WsRecorder> {
    const now = options.now ?? Date.now;
    const out = await openRecordingFile(path);
    const header: WsRecordingHeader = { format: WS_RECORDING_FORMAT, version: WS_RECORDING_VERSION, started_ms: now() };
    out.write(`${JSON.stringify(header)}\n`);
    return new WsRecorder(out, now);
  }

  /** Frames written so far. */
  get frames(): number {
    return this.#frames;
  }

  /**
   * Appends one received frame (its text, or the bytes of a binary message) with receive time
   * `receivedMs` (default: now). Ignored after {@link close}.
   */
  record(data: string | Uint8Array | ArrayBuffer, receivedMs: number = this.now()): void {
    if (this.#closed !== undefined) return;
    const text = typeof data === 'string' ? data : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
    let line: string;
    try {
      const parsed: unknown = JSON.parse(text);
      // The frame's own text, so decimals and key order stay exactly as received (one line).
      const frame = /[\r\n\u2028\u2029]/.test(text) ? JSON.stringify(parsed) : text.trim();
      line = `{"t":${receivedMs},"frame":${frame}}\n`;
    } catch {
      line = `${JSON.stringify({ t: receivedMs, text })}\n`;
    }
    this.out.write(line);
    this.#frames++;
  }

  /**
   * A WebSocket class that records every message its sockets receive (before the client sees it)
   * and otherwise is `Inner`, e.g. the `ws` package's `WebSocket`.
   */
  wrap(Inner: WebSocketConstructor): WebSocketConstructor {
    const record = (data: unknown): void => {
      if (typeof data === 'string' || data instanceof Uint8Array || data instanceof ArrayBuffer) this.record(data);
      else if (Array.isArray(data)) this.record(Buffer.concat(data as Uint8Array[]));
    };
    function Recorded(url: string, options: { headers: Record<string, string> }): WebSocketLike {
      const socket = new Inner(url, options);
      socket.addEventListener('message', ((event: { data: unknown }) => record(event.data)) as (event: never) => void);
      return socket;
    }
    return Recorded as unknown as WebSocketConstructor;
  }

  /** {@link wrap} around the default implementation (the `ws` package in Node), for `createWebSocketClient({ WebSocket })`. */
  async webSocket(): Promise<WebSocketConstructor> {
    return this.wrap(await defaultWebSocket());
  }

  /** Flushes and closes the file; resolves once it is on disk. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= this.out.close();
    return this.#closed;
  }
}

/**
 * Opens `path` for a new recording (replacing a file there) and writes its header line. Node.js,
 * Bun and Deno only: the file is written with `node:fs`.
 * Rejects with `KalshiWsError` `WS_CONFIG_INVALID` (`option: 'path'`) when the file cannot be
 * opened, and in a browser or a Worker, which has no file system to write it to.
 */
export function openWsRecorder(path: string, options: WsRecorderOptions = {}): Promise<WsRecorder> {
  return WsRecorder.open(path, options);
}
