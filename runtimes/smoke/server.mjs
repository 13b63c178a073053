// The smoke program of the server runtimes (Node, Bun, Deno): every package, through the exports
// maps of the built packages. The runner passes the mock's addresses and keys in KALSHI_SDK_SMOKE.
import { checkAuth } from './auth-node.mjs';
import { checkFix } from './fix.mjs';
import { checkFixedPoint } from './fixed-point.mjs';
import { checkRest } from './rest.mjs';
import { runChecks } from './results.mjs';
import { checkWs } from './ws.mjs';

const ctx = JSON.parse(process.env.KALSHI_SDK_SMOKE);
await runChecks([
  ['auth', () => checkAuth(ctx)],
  ['fixed-point', () => checkFixedPoint()],
  ['rest', () => checkRest(ctx)],
  ['ws', () => checkWs(ctx)],
  ['fix', () => checkFix(ctx)],
]);
process.exit(0);
