import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { maskKeyId } from '../credentials.js';
import type { RunWith } from '../program.js';

/**
 * `kalshi keys check`: loads the key, signs `GET /account/limits`, and reports the key type, the
 * clock skew against the server's `Date` header (1 s resolution: HTTP dates carry whole seconds),
 * and the usage tier with its read/write budgets. The key id is shown shortened, the key never.
 * Doc pages: /getting_started/api_keys (signing), /getting_started/rate_limits (tiers).
 */
async function check(ctx: CliContext): Promise<void> {
  const credentials = ctx.requireCredentials();
  const sent = Date.now();
  const { data, response } = await ctx.rest('signed').GET('/account/limits');
  const received = Date.now();
  const date = response.headers.get('date');
  const serverMs = date === null ? Number.NaN : Date.parse(date);
  // The server stamped its Date somewhere in [sent, received]: compare with the midpoint.
  const skewMs = Number.isNaN(serverMs) ? undefined : Math.round((sent + received) / 2 - serverMs);
  const keyType = credentials.algorithm === 'ed25519' ? 'Ed25519' : `RSA${credentials.modulusBits === undefined ? '' : `-${credentials.modulusBits}`} (RSA-PSS, SHA-256)`;
  const result = {
    ok: true,
    key_id: maskKeyId(credentials.apiKeyId),
    key_id_from: credentials.from.keyId,
    private_key_from: credentials.from.privateKey,
    key_type: keyType,
    environment: ctx.environment,
    base_url: ctx.baseUrl,
    clock_skew_ms: skewMs ?? null,
    round_trip_ms: received - sent,
    tier: data.usage_tier,
    read: data.read,
    write: data.write,
  };
  if (ctx.out.json) return ctx.out.printJson(result);
  const skew = skewMs === undefined ? 'unknown (no Date header)' : `${skewMs >= 0 ? '+' : ''}${skewMs} ms (local − server; ±1000 ms from Date's whole seconds)`;
  ctx.out.fields([
    ['signature', 'accepted'],
    ['key id', `${result.key_id} (from ${result.key_id_from})`],
    ['private key', `${keyType} (from ${result.private_key_from})`],
    ['environment', `${ctx.environment} ${ctx.baseUrl}`],
    ['clock skew', skew],
    ['tier', data.usage_tier],
    ['read budget', `${data.read.refill_rate}/s, bucket ${data.read.bucket_capacity}`],
    ['write budget', `${data.write.refill_rate}/s, bucket ${data.write.bucket_capacity}`],
  ]);
  if (skewMs !== undefined && Math.abs(skewMs) > 5000) ctx.out.note('warning: the clock is more than 5 s off the server; signed requests may be refused');
}

/** `kalshi keys check`. */
export function registerKeys(program: Command, run: RunWith): void {
  program
    .command('keys')
    .description('API key tools')
    .command('check')
    .description('sign a request and report the key type, the clock skew against the server and the API tier')
    .action(run((ctx) => check(ctx)));
}
