import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `src/main.ts` as `pnpm demo` does (tsx), in a child process: exit code and output are what a user sees. */
function runDemo(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm demo', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runDemo();
  }, 60_000);

  it('exits 0 with nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  // Each milestone is a line the demo prints only once that step really happened: the book lines
  // only after the WebSocket book matched REST, the fill lines only after the frames arrived.
  it.each([
    ['starts the simulator on loopback', { want: /^REST http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2$/m }],
    ['starts its FIX acceptor on loopback', { want: /^FIX  127\.0\.0\.1:\d+ \(KalshiNR, KalshiRT; /m }],
    ['lists both markets over REST, over two pages', { want: /^KXRAIN-26DEC31-NYC +active +linear_cent [\s\S]*^KXRAIN-26DEC31-CHI +active +tapered_deci_cent [\s\S]*^\(2 markets in 2 pages\)$/m }],
    ['streams the empty books first', { want: /^KXRAIN-26DEC31-NYC +bid — +ask — +spread — /m }],
    ['shows the quotes on the streamed book', { want: /^KXRAIN-26DEC31-NYC +bid \$0\.4500 × 10\.00 +ask \$0\.5500 × 10\.00 +spread \$0\.1000 +within 5 ticks: 10\.00 bid \/ 10\.00 ask$/m }],
    ['rests a sub-penny, fractional bid on the tapered market', { want: /^KXRAIN-26DEC31-CHI +bid \$0\.0350 × 2\.50 /m }],
    ['refuses an off-tick price before sending', { want: /refused locally: REST_ORDER_INVALID \(price 0\.455 is off the linear_cent grid\); nothing sent$/m }],
    ['shows the amended bid', { want: /^KXRAIN-26DEC31-NYC +bid \$0\.4700 × 15\.00 +ask \$0\.5500 × 10\.00 +spread \$0\.0800 /m }],
    ['fills the cross from the second user', { want: /^bob: IOC ask 6\.00 YES @ \$0\.4700 -> filled 6\.00 at an average \$0\.4700 \(REST response\)$/m }],
    ['leaves the partly filled bid on the book', { want: /^KXRAIN-26DEC31-NYC +bid \$0\.4700 × 9\.00 +ask \$0\.5500 × 10\.00 /m }],
    ['delivers the maker fill over WebSocket', { want: /^alice: fill 6\.00 YES @ \$0\.4700 \(maker\), fee \$0\.0000, now 6\.00 YES$/m }],
    ['delivers the taker fill with its fee', { want: /^bob: fill 6\.00 NO @ \$0\.5300 \(taker\), fee \$0\.1100, now 6\.00 NO$/m }],
    ['delivers both positions', { want: /^alice: position KXRAIN-26DEC31-NYC 6\.00 YES, cost \$2\.8200[\s\S]*^bob: position KXRAIN-26DEC31-NYC 6\.00 NO, cost \$3\.1800, fees paid \$0\.1100$/m }],
    ['cancels the ask', { want: /^alice: ask cancelled, 10\.00 contracts off the book\n\s*KXRAIN-26DEC31-NYC +bid \$0\.4700 × 9\.00 +ask — /m }],
    ['logs on over FIX with a signed Logon', { want: /^bob: FIX Logon accepted \(RawData = RSA-PSS signature, ResetSeqNumFlag=Y, UseDollars=Y\)$/m }],
    ['acknowledges the FIX order with an ExecutionReport', { want: /^bob: FIX NewOrderSingle ask 5\.00 YES @ \$0\.5200 on KXRAIN-26DEC31-NYC, ClOrdID bob-fix-1 -> ExecutionReport new \(new\), cum 0\.00, leaves 5\.00$/m }],
    ['shows the FIX order over REST by its ClOrdID', { want: /^bob: REST GET \/portfolio\/orders: bob-fix-1 resting 5\.00 @ \$0\.5200$/m }],
    ['shows the FIX order on the streamed book', { want: /^KXRAIN-26DEC31-NYC +bid \$0\.4700 × 9\.00 +ask \$0\.5200 × 5\.00 +spread \$0\.0500 /m }],
    ['crosses the FIX order over REST', { want: /^alice: IOC bid 5\.00 YES @ \$0\.5200 -> filled 5\.00 \(REST response\)$/m }],
    ['delivers the fill as a FIX ExecutionReport', { want: /^bob: FIX ExecutionReport trade \(filled\): 5\.00 @ \$0\.5200 \(maker\), cum 5\.00, leaves 0\.00, avg \$0\.5200\n\s*KXRAIN-26DEC31-NYC +bid \$0\.4700 × 9\.00 +ask — /m }],
    ['logs out of FIX cleanly', { want: /^bob: FIX Logout answered, session closed$/m }],
    // Whole cents: the mock rounds fees per /getting_started/fee_rounding and holds resting orders' cost up to the cent.
    ['reports exact balances', { want: /^alice: \$990\.1700 available\nbob: \$994\.3100 available$/m }],
    ['closes everything', { want: /^── Done: simulator stopped, connections closed /m }],
    // The replay leg: a recorded WebSocket session becomes the market data of a second simulator.
    ['records a WebSocket session to a file', { want: /^recorded \d+ frames \(replies, snapshot, deltas, trade\) to a gzipped JSONL file$/m }],
    ['replays the book and trade frames on the virtual clock', { want: /^replayed 6 book and trade frames at 1× \(0 skipped\)\nKXRAIN-26DEC31-NYC  bid \$0\.4500 × 6\.00  ask \$0\.5300 × 5\.00$/m }],
    ['trades against the replayed book', { want: /^dave: IOC bid 3\.00 YES @ \$0\.5300 -> filled 3\.00 against the replayed book\nKXRAIN-26DEC31-NYC  bid \$0\.4500 × 6\.00  ask \$0\.5300 × 2\.00$/m }],
    ['finishes the replay leg', { want: /^── Done: replay leg finished, recording removed /m }],
  ])('%s', (_name, { want }) => {
    expect(run.stdout).toMatch(want);
  });
});
