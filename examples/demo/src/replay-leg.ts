/**
 * The demo's replay leg: record a WebSocket session from the simulator with `@kalshi-sdk/ws`'s
 * recorder, then replay the file as a second simulator's market data, on a virtual clock, and
 * trade against the replayed book. This is how a bot is backtested against a recorded day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { ManualClock, startMockExchange, startReplay, type MockMarketSeed } from '@kalshi-sdk/mock-exchange';
import { createClient, placeOrder, type KalshiClient } from '@kalshi-sdk/rest';
import { createWebSocketClient, openWsRecorder } from '@kalshi-sdk/ws';
import type { DemoOptions } from './demo.js';
import { orderText, quote, usd } from './format.js';
import { asMockUser, createTrader, type Trader } from './traders.js';

const MARKET: MockMarketSeed = { ticker: 'KXRAIN-26DEC31-NYC', title: 'Rain in New York City on Dec 31, 2026?', priceLevelStructure: 'linear_cent' };
const CASH = Dollars.parse('1000');

const restOf = (trader: Trader, restUrl: string): KalshiClient => createClient({ baseUrl: restUrl, apiKeyId: trader.apiKeyId, signer: trader.signer });

/**
 * Waits for `done()` to hold, woken by `settle()`, which the handlers that change what `done`
 * reads call: `reached()` resolves at once or at the settle that makes it true, and fails after
 * 5 s naming `what`.
 */
function when(done: () => boolean, what: string): { settle: () => void; reached: () => Promise<void> } {
  let wake = (): void => undefined;
  return {
    settle: () => {
      if (done()) wake();
    },
    reached: () =>
      done()
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5_000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
  };
}

/** Best bid and best ask of the market, from REST's order book (asks are NO bids at 1 − price). */
async function top(rest: KalshiClient, ticker: string): Promise<string> {
  const { data } = await rest.GET('/markets/{ticker}/orderbook', { params: { path: { ticker } } });
  const best = (levels: ReadonlyArray<readonly [string, string]> | undefined) =>
    (levels ?? []).map(([p, s]) => ({ price: Dollars.parse(p), size: Contracts.parse(s) })).sort((x, y) => y.price.cmp(x.price))[0];
  const bid = best(data.orderbook_fp.yes_dollars as Array<[string, string]>);
  const no = best(data.orderbook_fp.no_dollars as Array<[string, string]>);
  const side = (level: { price: Dollars; size: Contracts } | undefined) => (level === undefined ? '—' : `${usd(level.price)} × ${level.size.toWire()}`);
  return `${ticker}  bid ${side(bid)}  ask ${side(no === undefined ? undefined : { price: complement(no.price), size: no.size })}`;
}

/**
 * Records a short session from one simulator, replays it into another and trades against it.
 * Cleans up its temporary file and closes everything it opened.
 * @throws the first error of any step.
 */
export async function runReplayLeg({ print }: DemoOptions): Promise<void> {
  const section = (title: string) => print(`\n── ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`);
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-demo-'));
  const path = join(dir, 'session.jsonl.gz');
  try {
    // ── 12. Record ─────────────────────────────────────────────────────────────────────────
    // Carol only watches: her WebSocket client is built on the recorder's WebSocket class, so
    // every frame she receives lands in the file with its receive time, before she handles it.
    section('12. Record a WebSocket session (openWsRecorder, gzipped JSONL)');
    const [alice, bob, carol] = [createTrader('alice'), createTrader('bob'), createTrader('carol')];
    const live = await startMockExchange({ markets: [MARKET], users: [alice, bob, carol].map((t) => asMockUser(t, CASH)) });
    const recorder = await openWsRecorder(path);
    const watcher = createWebSocketClient({ url: live.wsUrl, apiKeyId: carol.apiKeyId, signer: carol.signer, WebSocket: await recorder.webSocket() });
    try {
      await watcher.connect();
      let deltas = 0;
      let trades = 0;
      const recorded = when(() => deltas >= 4 && trades >= 1, 'the recorded frames');
      const count = (frame: { type: string }): void => {
        if (frame.type === 'orderbook_delta') deltas++;
        else if (frame.type === 'trade') trades++;
        recorded.settle();
      };
      await watcher.subscribe({ channel: 'orderbook_delta', market_tickers: [MARKET.ticker] }, { iterate: false, on: { raw: count } });
      await watcher.subscribe({ channel: 'trade', market_tickers: [MARKET.ticker] }, { iterate: false, on: { raw: count } });
      const market = { ticker: MARKET.ticker, price_level_structure: 'linear_cent' as const };
      const a = restOf(alice, live.restUrl);
      const steps: Array<[Trader, KalshiClient, ReturnType<typeof quote>, 'good_till_canceled' | 'immediate_or_cancel']> = [
        [alice, a, quote('bid', '0.45', '10'), 'good_till_canceled'],
        [alice, a, quote('ask', '0.55', '10'), 'good_till_canceled'],
        [bob, restOf(bob, live.restUrl), quote('ask', '0.45', '4'), 'immediate_or_cancel'],
        [alice, a, quote('ask', '0.53', '5'), 'good_till_canceled'],
      ];
      for (const [trader, rest, q, tif] of steps) {
        await placeOrder(rest, { market, ...q, time_in_force: tif });
        print(`${trader.name}: ${tif === 'immediate_or_cancel' ? 'IOC ' : ''}${orderText(q)}`);
      }
      await recorded.reached();
    } finally {
      await watcher.close();
      await recorder.close();
      await live.close();
    }
    print(`recorded ${recorder.frames} frames (replies, snapshot, deltas, trade) to a gzipped JSONL file`);

    // ── 13. Replay and trade against it ─────────────────────────────────────────────────────
    // A fresh simulator on a ManualClock replays the file at recorded pace: the recorded book
    // becomes resting orders of a synthetic counterparty, so Dave's orders match against it.
    section('13. Replay it on a virtual clock and trade against the replayed book');
    const clock = new ManualClock(Date.now());
    const dave = createTrader('dave');
    const sim = await startMockExchange({ markets: [MARKET], users: [asMockUser(dave, CASH)], clock });
    try {
      const replay = startReplay(sim.exchange, { path, clock, speed: 1 });
      let finished = false;
      const done = replay.done.then((stats) => {
        finished = true;
        return stats;
      });
      const d = restOf(dave, sim.restUrl);
      await replay.idle();
      // Virtual time: 10 ms steps until the file is done; nothing waits on the wall clock.
      while (!finished) {
        clock.advance(10);
        await replay.idle();
      }
      const stats = await done;
      print(`replayed ${stats.applied} book and trade frames at 1× (${stats.skipped} skipped)`);
      print(await top(d, MARKET.ticker));
      const lift = quote('bid', '0.53', '3');
      const result = await placeOrder(d, { market: { ticker: MARKET.ticker, price_level_structure: 'linear_cent' }, ...lift, time_in_force: 'immediate_or_cancel' });
      print(`${dave.name}: IOC ${orderText(lift)} -> filled ${Contracts.parse(result.fill_count).toWire()} against the replayed book`);
      print(await top(d, MARKET.ticker));
    } finally {
      await sim.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  section('Done: replay leg finished, recording removed');
}
