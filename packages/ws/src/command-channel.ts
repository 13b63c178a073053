import type { KalshiLogger } from '@kalshi-sdk/auth/web';
import { abortReason } from './abort.js';
import type { WsClock } from './clock.js';
import { KalshiWsError } from './errors.js';
import type { ErrorResponsePayloadMsg } from './generated/models.js';
import type { Connection } from './transport.js';

/** @internal A frame as the client first reads it: a command reply or a data frame. */
export interface ReplyFrame {
  readonly type: string;
  readonly id?: number;
  readonly sid?: number;
  readonly seq?: number;
  readonly msg?: unknown;
}

/**
 * @internal Decides what a reply frame means for one command: call `settle` with its value,
 * `fail` with an error, or neither (not its reply yet).
 */
export type ReplyMatcher<T> = (frame: ReplyFrame, settle: (value: T) => void, fail: (error: KalshiWsError) => void) => void;

/** @internal A sent command: its promise, and a way to settle it from outside a reply. */
export interface CommandHandle<T> {
  readonly promise: Promise<T>;
  settle(value: T): void;
}

interface PendingCommand {
  reply(frame: ReplyFrame): void;
  fail(error: KalshiWsError): void;
}

/** @internal What a {@link CommandChannel} needs. */
export interface CommandChannelOptions {
  /** The open connection, or undefined while there is none. */
  readonly connection: () => Connection | undefined;
  /** Times the replies. */
  readonly clock: WsClock;
  /** How long a command waits for its reply, in ms. */
  readonly timeoutMs: number;
  /** Gets each command sent, at debug; undefined for none. */
  readonly logger?: KalshiLogger | undefined;
}

/**
 * @internal Command correlation: numbers each command (`id`, from 1, never reused by one client),
 * sends `{ id, cmd, params }`, keeps it pending until its reply arrives, and fails it on timeout
 * (`WS_REPLY_TIMEOUT`) or when told the connection is gone. Doc page: /websockets (each command's
 * `id` comes back on its reply).
 */
export class CommandChannel {
  readonly #options: CommandChannelOptions;
  readonly #pending = new Map<number, PendingCommand>();
  /** Ids of commands sent and then abandoned by their caller's signal: their replies are dropped when they come. */
  readonly #abandoned = new Set<number>();
  #nextId = 0;

  constructor(options: CommandChannelOptions) {
    this.#options = options;
  }

  /**
   * Sends a command and settles on the reply `onReply` accepts, or times out. Without a connection
   * the promise rejects with `WS_CONNECTION_LOST` and nothing is sent. When `signal` aborts (or has
   * aborted), the promise rejects with its reason at once: nothing is sent if it had aborted, else
   * the command stops waiting (its timer and pending entry go) and its reply is dropped when it comes.
   */
  send<T>(cmd: string, params: object | undefined, onReply: ReplyMatcher<T>, signal?: AbortSignal): CommandHandle<T> {
    const id = ++this.#nextId;
    const { clock, timeoutMs } = this.#options;
    const connection = this.#options.connection();
    let settle!: (value: T) => void;
    const promise = new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        settle = () => undefined;
        reject(abortReason(signal));
        return;
      }
      const timer = clock.setTimeout(() => {
        done();
        reject(new KalshiWsError('WS_REPLY_TIMEOUT', `No reply to ${cmd} (id ${id}) within ${timeoutMs} ms.`, { cmd, commandId: id }));
      }, timeoutMs);
      const onAbort = (): void => {
        if (this.#pending.delete(id)) this.#abandoned.add(id);
        done();
        reject(abortReason(signal as AbortSignal));
      };
      const done = (): void => {
        clock.clearTimeout(timer);
        this.#pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      settle = (value) => {
        done();
        resolve(value);
      };
      const fail = (error: KalshiWsError): void => {
        done();
        reject(error);
      };
      if (connection === undefined) {
        fail(new KalshiWsError('WS_CONNECTION_LOST', `Not connected; ${cmd} was not sent.`, { cmd, commandId: id }));
        return;
      }
      this.#pending.set(id, { reply: (frame) => onReply(frame, settle, fail), fail });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#options.logger?.debug({ id, cmd, params }, 'WebSocket command');
      connection.send(JSON.stringify(params === undefined ? { id, cmd } : { id, cmd, params }));
    });
    return { promise, settle: (value) => settle(value) };
  }

  /**
   * Hands a reply to the command it answers; true also for the reply of an abandoned command (dropped);
   * false when no command sent has its id waiting.
   */
  reply(frame: ReplyFrame): boolean {
    const id = frame.id;
    if (typeof id !== 'number' || id === 0) return false;
    const pending = this.#pending.get(id);
    if (pending === undefined) return this.#abandoned.delete(id);
    pending.reply(frame);
    return true;
  }

  /** Fails every pending command with `error` (the connection is gone, or the client closed); no abandoned reply can come any more. */
  failAll(error: KalshiWsError): void {
    for (const pending of [...this.#pending.values()]) pending.fail(error);
    this.#abandoned.clear();
  }

  /** How many commands wait for their reply, and how many abandoned ones still have a reply to drop. */
  get waiting(): { readonly pending: number; readonly abandoned: number } {
    return { pending: this.#pending.size, abandoned: this.#abandoned.size };
  }
}

/**
 * @internal The `WS_SERVER_ERROR` for an `error` reply, with the command, sid and channel it is about.
 * Doc page: /websockets (Error Codes).
 */
export function serverError(
  frame: ReplyFrame,
  cmd: string | undefined,
  about?: { readonly sid: number | undefined; readonly channel: string },
  params?: object,
): KalshiWsError {
  const msg = (frame.msg ?? {}) as Partial<ErrorResponsePayloadMsg>;
  return KalshiWsError.fromServer(
    { ...msg, code: typeof msg.code === 'number' ? msg.code : Number.NaN },
    { commandId: frame.id, cmd, sid: frame.sid ?? about?.sid, channel: about?.channel, marketTickers: marketTickersOf(params) },
  );
}

/** The `market_ticker` / `market_tickers` a command's params name, if any. */
function marketTickersOf(params: object | undefined): readonly string[] | undefined {
  const p = params as { market_ticker?: unknown; market_tickers?: unknown } | undefined;
  if (typeof p?.market_ticker === 'string') return [p.market_ticker];
  return Array.isArray(p?.market_tickers) ? p.market_tickers.filter((t): t is string => typeof t === 'string') : undefined;
}
