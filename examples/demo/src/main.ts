/**
 * `pnpm demo`: an offline tour of the Kalshi SDK. It starts the mock exchange on loopback, then
 * lists markets over REST, streams order books over WebSocket, places, amends and cancels orders,
 * crosses the book from a second account, watches the fills and positions arrive, and trades
 * over FIX, printing a live top-of-book as it goes; then records a WebSocket session and replays it
 * into a second simulator on a virtual clock, trading against the replayed book. No arguments, no network, no key files. Exits 0 when all went
 * well, 1 otherwise.
 */
import { runDemo } from './demo.js';
import { runReplayLeg } from './replay-leg.js';

/** The tour takes a few seconds; past this, something hangs (or did not close), and that is a failure. */
const WATCHDOG_MS = 30_000;

// unref(): the watchdog alone does not keep the process alive, so a clean run exits at once,
// while a run that leaves a socket or timer open is caught here.
setTimeout(() => {
  console.error(`demo: still running after ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS).unref();

try {
  await runDemo({ print: (line) => console.log(line) });
  await runReplayLeg({ print: (line) => console.log(line) });
} catch (error) {
  // SDK errors carry a stable `code` and the facts (status, field, ...), never a key or signature.
  console.error('demo failed:', error);
  process.exitCode = 1;
}
