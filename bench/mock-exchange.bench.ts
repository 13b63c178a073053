/**
 * The mock exchange, reported with no targets:
 *
 * - `matching engine, in process (orders/s)`: the engine alone, no transport, driven by the
 *   deterministic flow of `mock-exchange/order-flow.ts`: a quarter of the steps are a taker's
 *   immediate-or-cancel orders sweeping 1–3 levels (makers filled fully or partly), the rest are
 *   a maker resting limit orders and canceling them to hold its book at a set size (about 47%
 *   rests, 24% crosses, 29% cancels). Measured at two book sizes, to show the cost per order
 *   stays flat as a user's resting orders grow; plus rests and cancels alone, and the fills
 *   the mixed flow makes per second. Timed in process CPU time over interleaved short rounds,
 *   each case reporting its median round, as the other suites do on this shared machine.
 *   Every case runs beside the same case on the engine of the baseline commit (`mock-exchange/
 *   baseline.ts`: extracted with `git archive` at run time), in the same interleaved rounds, and
 *   the notes give the ratio; without git or that commit the baseline cases are skipped, with a
 *   note. The 200-resting-order mixed flow carries the aim (200k orders/s) as a floor.
 * - `WS fan-out on loopback`: the simulator on 127.0.0.1 with N WebSocket clients (in a worker
 *   thread) subscribed to `orderbook_delta` and `trade` on the same two markets, while the main
 *   thread drives the engine with the mixed flow (20 resting orders). Counts every frame the
 *   clients receive, per second of CPU time of the server's thread (engine, serialisation,
 *   socket writes, loopback TCP in its syscalls), over windows of 0.5 s of that CPU; the median
 *   window. Wall-clock rates swung 10× between windows here, as neighbours took the cores. The
 *   driver keeps at most 2,000 frames in flight and sleeps while the clients catch up, so the
 *   rate is what the server sustains, not what it can queue.
 * - `replay from a recorded file`: see `mock-exchange/replay.ts` (rates beside the baseline's,
 *   and the heap over a 10M-event replay, measured first in the process).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { createNodeSigner, signRequest } from '../packages/auth/src/index.ts';
import * as mockExchange from '../packages/mock-exchange/src/index.ts';
import { aimNote } from './mock-exchange/aims.ts';
import { BASELINE_COMMIT, loadBaseline, type Baseline, type MockExchangeModule } from './mock-exchange/baseline.ts';
import { DisposableClock } from './mock-exchange/disposable-clock.ts';
import type { FanoutClientsInput, FanoutClientsMessage } from './mock-exchange/fanout-clients.ts';
import { OrderFlow, type FlowEngine } from './mock-exchange/order-flow.ts';
import { measureLongReplay, measureReplay } from './mock-exchange/replay.ts';
import { cpuNowMs, measureRounds, medianResult } from './rounds.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const ENGINE_GROUP = 'matching engine, in process (orders/s)';
const FANOUT_GROUP = 'WS fan-out on loopback (frames received per server-CPU second, all clients)';

/** Flows measured in the engine group: share of steps that cross, and the maker's book size. */
const FLOWS: Record<string, { readonly crossShare: number; readonly bookSize: number }> = {
  'mixed flow, 20 resting orders': { crossShare: 0.25, bookSize: 20 },
  'mixed flow, 200 resting orders': { crossShare: 0.25, bookSize: 200 },
  'rest + cancel only (no matching), 200 resting orders': { crossShare: 0, bookSize: 200 },
};
const MIXED = 'mixed flow, 20 resting orders';
/** The case the issue sets its aim on, and the aim. */
const AIMED = 'mixed flow, 200 resting orders';
const AIM_ORDERS_PER_SEC = 200_000;
/** Appended to a case's name for the same case on the baseline commit's engine. */
const BASELINE_SUFFIX = ` (baseline ${BASELINE_COMMIT})`;
const FILLS_CASE = 'fills made by the mixed flow, 20 resting orders (fills/s)';
/** Operations per measured call, so the CPU-clock read (a syscall) stays out of the figure. */
const BATCH = 50;
const ROUNDS = 30;
const ROUND_MS = 40;

/** Clients per fan-out case. */
const CLIENTS = [1, 10, 50] as const;
const WINDOWS = 7;
/** A window lasts this much CPU time of the server thread (or {@link WINDOW_MAX_WALL_MS}, whichever comes first). */
const WINDOW_CPU_MS = 500;
const WINDOW_MAX_WALL_MS = 10_000;
/** Engine operations between two yields to the event loop (which writes the frames out). */
const DRIVE_BATCH = 10;
/** Frames sent but not yet received past which the driver waits for the clients (small, so the window edges hardly matter). */
const MAX_IN_FLIGHT = 2_000;

const MARKETS = ['KXBENCH-26DEC31-A', 'KXBENCH-26DEC31-B'] as const;

/**
 * Milliseconds of CPU (user + system) the main thread alone has used: the server's share, without
 * the clients' worker thread. Linux `/proc/self/task/<pid>/stat` (10 ms ticks); elsewhere the
 * whole process's time, which counts the clients too.
 */
const serverCpuMs = (): number => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return cpuNowMs();
  }
};

/** A fresh engine (of today's module or the baseline's) on `clock`, with one open market on the whole-cent grid. */
function engineWithMarket(module: MockExchangeModule, ticker: string, clock: DisposableClock): FlowEngine {
  const engine = new module.MatchingEngine({ clock });
  const [series, event] = [ticker.split('-')[0]!, ticker.slice(0, ticker.lastIndexOf('-'))];
  engine.createSeries({ ticker: series });
  engine.createEvent({ eventTicker: event, seriesTicker: series });
  engine.createMarket({ ticker, eventTicker: event, priceLevelStructure: 'linear_cent' });
  return engine;
}

/** The engine group: each flow on today's engine and, interleaved in the same rounds, on the baseline's. */
async function measureEngine(baseline: Baseline): Promise<BenchResult[]> {
  const modules: Array<[suffix: string, module: MockExchangeModule]> = [['', mockExchange]];
  if ('module' in baseline) modules.push([BASELINE_SUFFIX, baseline.module]);
  const flows = new Map<string, OrderFlow>();
  const clocks: DisposableClock[] = [];
  for (const [suffix, module] of modules) {
    Object.entries(FLOWS).forEach(([name, shape], i) => {
      const clock = new DisposableClock(new module.SystemClock());
      clocks.push(clock);
      flows.set(`${name}${suffix}`, new OrderFlow({ engine: engineWithMarket(module, MARKETS[0], clock), ticker: MARKETS[0], ...shape, seed: 1 + i }));
    });
  }
  // Fill the books to their steady size before anything is timed.
  for (const flow of flows.values()) for (let i = 0; i < 5_000; i++) flow.step();

  const fillRates = new Map<string, number[]>(modules.map(([suffix]) => [suffix, []]));
  const fillsBefore = new Map(modules.map(([suffix]) => [suffix, flows.get(`${MIXED}${suffix}`)!.fills]));
  const results = await measureRounds({
    group: ENGINE_GROUP,
    cases: Object.fromEntries(
      [...flows].map(([name, flow]) => [
        name,
        () => {
          for (let i = 0; i < BATCH; i++) flow.step();
        },
      ]),
    ),
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    iterations: 4,
    opsPerCall: BATCH,
    afterRound: (cpuMs) => {
      for (const [suffix] of modules) {
        const mixed = flows.get(`${MIXED}${suffix}`)!;
        fillRates.get(suffix)!.push(((mixed.fills - fillsBefore.get(suffix)!) * 1000) / cpuMs.get(`${MIXED}${suffix}`)!);
        fillsBefore.set(suffix, mixed.fills);
      }
    },
  });
  for (const [suffix] of modules) {
    const fills = medianResult(ENGINE_GROUP, `${FILLS_CASE}${suffix}`, fillRates.get(suffix)!, flows.get(`${MIXED}${suffix}`)!.fills);
    results.set(fills.name, fills);
  }
  for (const clock of clocks) clock.dispose();
  const out: BenchResult[] = [];
  for (const name of [...Object.keys(FLOWS), FILLS_CASE]) {
    const result = results.get(name)!;
    const old = results.get(`${name}${BASELINE_SUFFIX}`);
    const floor = name === AIMED ? { minOpsPerSec: AIM_ORDERS_PER_SEC, met: result.opsPerSec >= AIM_ORDERS_PER_SEC } : undefined;
    const versus = old === undefined ? baselineNote(baseline) : `${ratio(result, old)} the engine of ${BASELINE_COMMIT} (same run, interleaved rounds)`;
    const notes = floor === undefined ? versus : `${versus}; ${aimNote(AIM_ORDERS_PER_SEC, floor.met)}`;
    out.push({ ...result, ...(floor === undefined ? {} : { floor }), notes });
    if (old !== undefined) out.push(old);
  }
  return out;
}

/** `×4.21` of `result` over `old`. */
export const ratio = (result: BenchResult, old: BenchResult): string => `×${(result.opsPerSec / old.opsPerSec).toFixed(2)}`;

/** Why the baseline cases are missing, if they are. */
export const baselineNote = (baseline: Baseline): string => ('skipped' in baseline ? baseline.skipped : '');

/** Starts the clients' worker; resolves once every client has both subscriptions confirmed. */
function startClients(input: FanoutClientsInput): Promise<Worker> {
  const script = new URL('./mock-exchange/fanout-clients.ts', import.meta.url).href;
  // A worker does not inherit tsx's loader: register it before importing the TypeScript file.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: FanoutClientsMessage) => {
      if (message.type === 'ready') resolve(worker);
      if (message.type === 'failed') reject(new Error(`fan-out client: ${message.error}`));
    });
  });
}

function stopClients(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.on('message', (message: FanoutClientsMessage) => {
      if (message.type === 'closed') resolve();
    });
    worker.postMessage('close');
  });
}

/** Frames received by `clients` clients per second of the server thread's CPU time, one rate per window. */
async function measureFanout(clients: number): Promise<{ rates: number[]; frames: number }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const apiKeyId = 'bench-fanout';
  let sent = 0;
  const mock = await mockExchange.startMockExchange({
    markets: MARKETS.map((ticker) => ({ ticker, priceLevelStructure: 'linear_cent' as const })),
    users: [{ apiKeyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: '1' }],
    pingIntervalMs: 0,
    onEmit: (message) => {
      if (message.kind === 'ws') sent++;
    },
  });
  const flows = MARKETS.map((ticker, i) => new OrderFlow({ engine: mock.exchange.engine, ticker, ...FLOWS[MIXED]!, seed: 100 + i }));
  for (const flow of flows) for (let i = 0; i < 2_000; i++) flow.step();

  const signer = createNodeSigner(privateKey);
  const path = new URL(mock.wsUrl).pathname;
  const headers = await Promise.all(
    Array.from({ length: clients }, async () => ({ ...(await signRequest({ signer, apiKeyId, method: 'GET', path, timestampMs: Date.now() })) })),
  );
  const counter = new SharedArrayBuffer(4);
  const received = new Int32Array(counter);
  const worker = await startClients({ url: mock.wsUrl, headers, marketTickers: [...MARKETS], counter });

  const rates: number[] = [];
  let frames = 0;
  let turn = 0;
  // One extra window first, to warm up; it is not reported.
  for (let window = 0; window <= WINDOWS; window++) {
    const wallStart = performance.now();
    const cpuStart = serverCpuMs();
    const before = Atomics.load(received, 0);
    while (serverCpuMs() - cpuStart < WINDOW_CPU_MS && performance.now() - wallStart < WINDOW_MAX_WALL_MS) {
      if (sent - Atomics.load(received, 0) < MAX_IN_FLIGHT) {
        for (let i = 0; i < DRIVE_BATCH; i++) flows[turn++ % flows.length]!.step();
        await yieldToLoop();
      } else {
        // Sleep rather than spin, so waiting for the clients costs the server no CPU.
        await sleep(1);
      }
    }
    const got = Atomics.load(received, 0) - before;
    const cpuSeconds = (serverCpuMs() - cpuStart) / 1000;
    if (window > 0) {
      rates.push(got / cpuSeconds);
      frames += got;
    }
  }
  await stopClients(worker);
  await mock.close();
  return { rates, frames };
}

const suite: BenchSuite = async () => {
  // First, while the process holds nothing else: its heap readings are the replay's own.
  const long = await measureLongReplay(mockExchange);
  const baseline = await loadBaseline();
  const results = await measureEngine(baseline);
  for (const clients of CLIENTS) {
    const { rates, frames } = await measureFanout(clients);
    results.push(medianResult(FANOUT_GROUP, `${clients} client${clients === 1 ? '' : 's'} × (orderbook_delta + trade) on 2 markets`, rates, frames));
  }
  const replay = await measureReplay(mockExchange, baseline);
  // The long replay's row in its place: after the replay rows, before the reader's.
  results.push(...replay.slice(0, -1), long, ...replay.slice(-1));
  return results;
};

export default suite;
