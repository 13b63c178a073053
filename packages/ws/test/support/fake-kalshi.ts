/**
 * A small Kalshi WebSocket server on 127.0.0.1 for protocol tests: it verifies the signed
 * handshake, answers commands the way the AsyncAPI spec describes, keeps order books per market
 * and streams their snapshots and deltas with per-subscription `seq`. Tests script faults on it.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@kalshi-sdk/auth';
import { WebSocket, WebSocketServer } from 'ws';

export const WS_PATH = '/trade-api/ws/v2';
export const API_KEY_ID = '0b0b0b0b-1111-4222-8333-444444444444';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The test key pair: the client signs with `privateKey`, the server verifies with `publicKey`. */
export const testKeys: { privateKey: KeyObject; publicKey: KeyObject; privatePem: string } = {
  privateKey: pair.privateKey,
  publicKey: pair.publicKey,
  privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

export interface Handshake {
  readonly key: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly path: string;
  readonly valid: boolean;
}

export interface Command {
  readonly id: number;
  readonly cmd: string;
  readonly params?: Record<string, unknown>;
}

interface Sub {
  readonly sid: number;
  readonly channel: string;
  tickers: Set<string>;
  readonly useYesPrice: boolean;
  seq: number;
}

type Side = 'yes' | 'no';
type Book = Record<Side, Map<number, number>>; // price cc -> hundredths

/** How the server treats a command: return true when the hook answered it itself. */
export type CommandHook = (session: FakeSession, command: Command) => boolean | void;

interface CommandWaiter {
  readonly match: (c: Command) => boolean;
  readonly resolve: (c: Command) => void;
}

export class FakeSession {
  readonly commands: Command[] = [];
  readonly subs = new Map<number, Sub>();
  readonly pongs: string[] = [];
  readonly #server: FakeKalshi;
  readonly #waiters: CommandWaiter[] = [];
  closed = false;

  constructor(
    server: FakeKalshi,
    readonly socket: WebSocket,
    readonly handshake: Handshake,
  ) {
    this.#server = server;
    socket.on('pong', (data) => this.pongs.push(data.toString()));
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('message', (data) => {
      const command = JSON.parse(data.toString()) as Command;
      this.commands.push(command);
      if (this.#server.hook?.(this, command) !== true) this.#server.answer(this, command);
      for (let i = this.#waiters.length - 1; i >= 0; i--) {
        const w = this.#waiters[i] as CommandWaiter;
        if (w.match(command)) {
          this.#waiters.splice(i, 1);
          w.resolve(command);
        }
      }
    });
  }

  /** The next (or an already received) command matching `match`. */
  command(match: (c: Command) => boolean = () => true, from = 0): Promise<Command> {
    const seen = this.commands.slice(from).find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** A data frame on `sid` with the next `seq` (or `seq` as given). */
  data(sid: number, type: string, msg: object, options: { seq?: number; noSeq?: boolean } = {}): void {
    const sub = this.subs.get(sid);
    const frame: Record<string, unknown> = { type, sid, msg };
    if (options.noSeq !== true) {
      if (sub !== undefined) sub.seq = options.seq ?? sub.seq + 1;
      frame.seq = options.seq ?? sub?.seq;
    }
    this.send(frame);
  }

  /** Sends a snapshot of `ticker` on `sid` (with `id` when answering get_snapshot). */
  snapshot(sid: number, ticker: string, id?: number): void {
    const sub = this.subs.get(sid) as Sub;
    const book = this.#server.book(ticker);
    sub.seq++;
    const levels = (side: Side): string[][] =>
      [...book[side].entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([p, s]) => [wirePrice(side === 'no' && sub.useYesPrice ? 10_000 - p : p), wireCount(s)]);
    const msg: Record<string, unknown> = { market_ticker: ticker, market_id: `id-${ticker}` };
    if (book.yes.size > 0) msg.yes_dollars_fp = levels('yes');
    if (book.no.size > 0) msg.no_dollars_fp = levels('no');
    this.send({ type: 'orderbook_snapshot', ...(id === undefined ? {} : { id }), sid, seq: sub.seq, msg });
  }

  /** Drops the TCP connection without a close frame. */
  kill(): void {
    this.socket.terminate();
  }

  /** The orderbook subscription carrying `ticker`. */
  orderbookSid(ticker: string): number {
    for (const sub of this.subs.values()) if (sub.channel === 'orderbook_delta' && sub.tickers.has(ticker)) return sub.sid;
    throw new Error(`no orderbook subscription for ${ticker}`);
  }
}

export class FakeKalshi {
  readonly handshakes: Handshake[] = [];
  readonly sessions: FakeSession[] = [];
  readonly books = new Map<string, Book>();
  hook: CommandHook | undefined;
  /** When true, handshakes are refused with HTTP 401 whatever they carry. */
  refuse = false;
  #nextSid = 0;
  readonly #sessionWaiters: Array<(s: FakeSession) => void> = [];

  private constructor(
    readonly server: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(options: { publicKey?: KeyObject } = {}): Promise<FakeKalshi> {
    const publicKey = options.publicKey ?? testKeys.publicKey;
    let fake!: FakeKalshi;
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path: WS_PATH,
      verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, code?: number) => void) => {
        const h = info.req.headers;
        const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
        const key = one(h['kalshi-access-key']);
        const timestamp = one(h['kalshi-access-timestamp']);
        const signature = one(h['kalshi-access-signature']);
        const path = (info.req.url ?? '').split('?')[0] as string;
        const valid =
          key === API_KEY_ID &&
          timestamp !== undefined &&
          signature !== undefined &&
          verifySignature({ publicKey, message: `${timestamp}GET${path}`, signature });
        fake.handshakes.push({ key, timestamp, signature, path, valid });
        if (fake.refuse || !valid) done(false, 401);
        else done(true);
      },
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    fake = new FakeKalshi(server, `ws://127.0.0.1:${port}${WS_PATH}`);
    server.on('connection', (socket) => {
      const handshake = fake.handshakes[fake.handshakes.length - 1] as Handshake;
      const session = new FakeSession(fake, socket, handshake);
      fake.sessions.push(session);
      for (const w of fake.#sessionWaiters.splice(0)) w(session);
    });
    return fake;
  }

  /** The n-th session (0-based), waiting for it to connect. */
  session(index: number): Promise<FakeSession> {
    const existing = this.sessions[index];
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const check = (): void => {
        const s = this.sessions[index];
        if (s !== undefined) resolve(s);
        else this.#sessionWaiters.push(check);
      };
      check();
    });
  }

  /** The current book of `ticker` (created empty). */
  book(ticker: string): Book {
    let book = this.books.get(ticker);
    if (book === undefined) {
      book = { yes: new Map(), no: new Map() };
      this.books.set(ticker, book);
    }
    return book;
  }

  /** Sets a book's levels: prices and sizes as wire strings, own-leg pricing. */
  setBook(ticker: string, levels: { yes?: Array<[string, string]>; no?: Array<[string, string]> }): void {
    const book = this.book(ticker);
    for (const side of ['yes', 'no'] as const) {
      book[side].clear();
      for (const [p, s] of levels[side] ?? []) book[side].set(cc(p), hundredths(s));
    }
  }

  /**
   * Changes a level and streams the delta to every orderbook subscription on `ticker`.
   * `skipSeq`: the frame's `seq` jumps by two (a lost frame). `send: false`: the change is made
   * but not streamed (a frame lost without a gap marker, as after a malformed frame).
   */
  delta(ticker: string, side: Side, price: string, delta: string, options: { skipSeq?: boolean; send?: boolean } = {}): void {
    const book = this.book(ticker);
    const p = cc(price);
    const next = (book[side].get(p) ?? 0) + hundredths(delta);
    if (next < 0) throw new Error(`fake book ${ticker} ${side} ${price} would go negative`);
    if (next === 0) book[side].delete(p);
    else book[side].set(p, next);
    for (const session of this.sessions) {
      if (session.closed) continue;
      for (const sub of session.subs.values()) {
        if (sub.channel !== 'orderbook_delta' || !sub.tickers.has(ticker)) continue;
        sub.seq += options.skipSeq === true ? 2 : 1;
        if (options.send === false) continue;
        const wire = side === 'no' && sub.useYesPrice ? wirePrice(10_000 - p) : wirePrice(p);
        session.send({
          type: 'orderbook_delta',
          sid: sub.sid,
          seq: sub.seq,
          msg: { market_ticker: ticker, market_id: `id-${ticker}`, price_dollars: wire, delta_fp: delta, side },
        });
      }
    }
  }

  /** Default answers, per the AsyncAPI spec. */
  answer(session: FakeSession, command: Command): void {
    const params = command.params ?? {};
    switch (command.cmd) {
      case 'subscribe': {
        const channels = params.channels as string[];
        for (const channel of channels) {
          const sid = ++this.#nextSid;
          const tickers = new Set<string>([
            ...((params.market_tickers as string[] | undefined) ?? []),
            ...(params.market_ticker === undefined ? [] : [params.market_ticker as string]),
          ]);
          session.subs.set(sid, { sid, channel, tickers, useYesPrice: params.use_yes_price === true, seq: 0 });
          session.send({ id: command.id, type: 'subscribed', msg: { channel, sid } });
          if (channel === 'orderbook_delta') for (const t of tickers) session.snapshot(sid, t);
        }
        return;
      }
      case 'unsubscribe': {
        for (const sid of params.sids as number[]) {
          const sub = session.subs.get(sid);
          if (sub === undefined) {
            session.send({ id: command.id, type: 'error', msg: { code: 7, msg: 'Unknown subscription ID' } });
            continue;
          }
          session.subs.delete(sid);
          session.send({ id: command.id, sid, seq: sub.seq + 1, type: 'unsubscribed' });
        }
        return;
      }
      case 'update_subscription': {
        const sid = ((params.sids as number[] | undefined)?.[0] ?? params.sid) as number;
        const sub = session.subs.get(sid);
        if (sub === undefined) {
          session.send({ id: command.id, type: 'error', msg: { code: 7, msg: 'Unknown subscription ID' } });
          return;
        }
        const tickers = (params.market_tickers as string[] | undefined) ?? [];
        if (params.action === 'get_snapshot') {
          for (const t of tickers) session.snapshot(sid, t, command.id);
          return;
        }
        if (params.action === 'add_markets') for (const t of tickers) sub.tickers.add(t);
        else if (params.action === 'delete_markets') for (const t of tickers) sub.tickers.delete(t);
        session.send({ id: command.id, sid, type: 'ok', msg: { market_tickers: [...sub.tickers] } });
        if (params.action === 'add_markets' && sub.channel === 'orderbook_delta') for (const t of tickers) session.snapshot(sid, t);
        return;
      }
      case 'list_subscriptions':
        session.send({ id: command.id, type: 'ok', msg: [...session.subs.values()].map((s) => ({ channel: s.channel, sid: s.sid })) });
        return;
      default:
        session.send({ id: command.id, type: 'error', msg: { code: 5, msg: 'Unknown command' } });
    }
  }

  /** The books as the client's `OrderBook.toJSON()` shows them. */
  wire(ticker: string): { market_ticker: string; yes_dollars_fp: Array<[string, string]>; no_dollars_fp: Array<[string, string]> } {
    const book = this.book(ticker);
    const levels = (side: Side): Array<[string, string]> =>
      [...book[side].entries()].sort((a, b) => a[0] - b[0]).map(([p, s]) => [wirePrice(p), wireCount(s)]);
    return { market_ticker: ticker, yes_dollars_fp: levels('yes'), no_dollars_fp: levels('no') };
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function cc(price: string): number {
  const [whole = '0', frac = ''] = price.split('.');
  return Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
}

function hundredths(count: string): number {
  const negative = count.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? count.slice(1) : count).split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -v : v;
}

function wirePrice(c: number): string {
  return `${Math.floor(c / 10_000)}.${String(c % 10_000).padStart(4, '0')}`;
}

function wireCount(h: number): string {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

/** How long {@link until} lets a wait for a loopback frame run before failing it (real time). */
const UNTIL_DEADLINE_MS = 10_000;

/**
 * Resolves once `predicate` holds. It is checked again after every turn of the event loop, that is
 * after each batch of socket reads and the promise reactions they start, so it returns as soon as
 * the frame that makes it true has been handled: it never sleeps. What it waits for is an event
 * that will come over a real loopback socket; the deadline only turns a hang into a failure that
 * names `what`. Timing behaviour is never checked with it: tests drive the client clock (manual-clock.ts).
 */
export async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + UNTIL_DEADLINE_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export { WebSocket };
