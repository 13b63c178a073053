/**
 * Shared set-up for the tests against `@kalshi-sdk/mock-exchange`: two users (a maker and a
 * taker), two markets (1¢ and tapered 0.1¢ ticks), a REST client that signs its requests, and a
 * seeded order flow that drives the matching engine to produce order book deltas.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { type MatchingEngine, type RunningMockExchange, startMockExchange } from '@kalshi-sdk/mock-exchange';
import { createClient, type KalshiClient } from '@kalshi-sdk/rest';
import { createWebSocketClient, type KalshiWebSocketClient, type OrderBookManager, type WebSocketClientOptions } from '../../src/index.js';
import { playBackoff } from '../support/client.js';
import { testKeys, until } from '../support/fake-kalshi.js';
import { ManualClock } from '../support/manual-clock.js';

export const LINEAR = 'KXWSTEST-26DEC31-LIN';
export const TAPERED = 'KXWSTEST-26DEC31-TAP';
export const MAKER_KEY = '11111111-aaaa-4bbb-8ccc-000000000001';
export const TAKER_KEY = '11111111-aaaa-4bbb-8ccc-000000000002';

const takerPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const takerPem = takerPair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export interface Exchange {
  readonly mock: RunningMockExchange;
  readonly engine: MatchingEngine;
  readonly makerId: string;
  readonly takerId: string;
  /** REST as the maker (signed requests). */
  readonly rest: KalshiClient;
  /** REST as the taker. */
  readonly takerRest: KalshiClient;
  /** WebSocket frames the exchange sent, by `type` (`malformed` for the garbage fault). */
  readonly sent: Map<string, number>;
  /**
   * A WebSocket client of the maker, on a {@link ManualClock} whose reconnect and resubscribe
   * delays are played at once ({@link playBackoff}): recovery runs without real waiting, and no
   * other client timer fires unless a test advances time.
   */
  ws(overrides?: Partial<WebSocketClientOptions>): KalshiWebSocketClient;
  close(): Promise<void>;
}

export async function startExchange(options: { pingIntervalMs?: number } = {}): Promise<Exchange> {
  const sent = new Map<string, number>();
  const mock = await startMockExchange({
    onEmit: (m) => {
      if (m.kind !== 'ws') return;
      const type = m.malformed ? 'malformed' : String((m.frame as { type?: unknown }).type);
      sent.set(type, (sent.get(type) ?? 0) + 1);
    },
    port: 0,
    markets: [
      { ticker: LINEAR, title: 'Linear', priceLevelStructure: 'linear_cent' },
      { ticker: TAPERED, title: 'Tapered', priceLevelStructure: 'tapered_deci_cent' },
    ],
    users: [
      { apiKeyId: MAKER_KEY, publicKeyPem: testKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '10000000' },
      { apiKeyId: TAKER_KEY, publicKeyPem: takerPair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '10000000' },
    ],
    pingIntervalMs: options.pingIntervalMs ?? 0,
  });
  const clients: KalshiWebSocketClient[] = [];
  const restOf = (apiKeyId: string, privateKey: string): KalshiClient =>
    createClient({ baseUrl: mock.restUrl, apiKeyId, privateKey, rateLimit: false, retry: false });
  return {
    mock,
    engine: mock.exchange.engine,
    makerId: mock.exchange.userId(MAKER_KEY),
    takerId: mock.exchange.userId(TAKER_KEY),
    rest: restOf(MAKER_KEY, testKeys.privatePem),
    takerRest: restOf(TAKER_KEY, takerPem),
    sent,
    ws: (overrides = {}) => {
      const clock = new ManualClock();
      const client = createWebSocketClient({
        apiKeyId: MAKER_KEY,
        privateKey: testKeys.privatePem,
        url: mock.wsUrl,
        reconnect: { initialDelayMs: 5, maxDelayMs: 50 },
        keepalive: false,
        commandTimeoutMs: 5000,
        clock,
        ...overrides,
      } as WebSocketClientOptions);
      playBackoff(client, clock);
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await mock.close();
    },
  };
}

/** The exchange's book over REST (`GET /markets/{ticker}/orderbook`, signed), in `OrderBook.toJSON()` shape. */
export async function restBook(rest: KalshiClient, ticker: string): Promise<{ market_ticker: string; yes_dollars_fp: string[][]; no_dollars_fp: string[][] }> {
  const { data } = await rest.GET('/markets/{ticker}/orderbook', { params: { path: { ticker } } });
  return { market_ticker: ticker, yes_dollars_fp: data.orderbook_fp.yes_dollars, no_dollars_fp: data.orderbook_fp.no_dollars };
}

/**
 * Waits for every book to be live and equal to the exchange's book read over REST, then returns
 * those REST books. Call it when the order flow has stopped.
 */
export async function expectInStep(books: OrderBookManager, rest: KalshiClient, tickers: readonly string[]): Promise<Array<Awaited<ReturnType<typeof restBook>>>> {
  const wanted = await Promise.all(tickers.map((t) => restBook(rest, t)));
  await until(
    () => tickers.every((t, i) => books.book(t)?.state === 'live' && JSON.stringify(books.book(t)?.toJSON()) === JSON.stringify(wanted[i])),
    `books ${tickers.join(', ')} to equal the REST order books`,
  );
  const again = await Promise.all(tickers.map((t) => restBook(rest, t)));
  if (JSON.stringify(again) !== JSON.stringify(wanted)) throw new Error('the exchange moved while checking: stop the order flow first');
  return wanted;
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random order flow straight into the matching engine: resting bids and asks around the middle,
 * cancels, and the odd crossing order. Each step changes the book (one or more deltas). Yields to
 * the event loop every `yieldEvery` steps so frames interleave with the client's work.
 */
export class OrderFlow {
  readonly #engine: MatchingEngine;
  readonly #users: readonly string[];
  readonly #tickers: readonly string[];
  readonly #random: () => number;
  readonly #resting: Array<{ userId: string; orderId: string }> = [];
  steps = 0;

  constructor(engine: MatchingEngine, users: readonly string[], tickers: readonly string[], seed: number) {
    this.#engine = engine;
    this.#users = users;
    this.#tickers = tickers;
    this.#random = rng(seed);
  }

  /** Runs `n` steps; `between(i)` runs before step i (fault injection). */
  async run(n: number, options: { yieldEvery?: number; between?: (i: number) => void } = {}): Promise<void> {
    const yieldEvery = options.yieldEvery ?? 25;
    for (let i = 0; i < n; i++) {
      options.between?.(i);
      this.step();
      if (i % yieldEvery === yieldEvery - 1) await new Promise((r) => setImmediate(r));
    }
  }

  step(): void {
    this.steps++;
    const r = this.#random;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const userId = pick(this.#users);
    const roll = r();
    // Cancel more often as resting orders pile up, so the book stays a realistic size.
    if (this.#resting.length > 0 && (roll < 0.3 || (this.#resting.length > 150 && roll < 0.6))) {
      const [order] = this.#resting.splice(Math.floor(r() * this.#resting.length), 1);
      try {
        this.#engine.cancelOrder(order!.userId, order!.orderId);
        return;
      } catch {
        // Filled or canceled meanwhile: place an order instead.
      }
    }
    const side = r() < 0.5 ? 'bid' : 'ask';
    const crossing = roll > 0.93;
    const cents = side === 'bid' ? (crossing ? 62 + Math.floor(r() * 8) : 35 + Math.floor(r() * 14)) : crossing ? 31 + Math.floor(r() * 8) : 51 + Math.floor(r() * 14);
    const count = `${1 + Math.floor(r() * 20)}.${r() < 0.3 ? '50' : '00'}`;
    const result = this.#engine.placeOrder(userId, {
      ticker: pick(this.#tickers),
      side,
      price: Dollars.fromCents(cents),
      count: Contracts.parse(count),
      timeInForce: crossing ? 'immediate_or_cancel' : 'good_till_canceled',
      selfTradePrevention: 'maker',
    });
    if (!result.order.remaining.isZero() && result.order.status === 'resting') this.#resting.push({ userId, orderId: result.order.orderId });
  }
}
