import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../engine/scheduler.js';
import { CONTROL_PREFIX } from '../control/control-api.js';
import { mockCoverage } from '../control/coverage.js';
import { seededIds } from '../control/seeded-ids.js';
import { startMockExchange, type RunningMockExchange } from '../start-mock-exchange.js';
import type { ServeArgs } from './args.js';

/** A started `kalshi-mock serve`: the simulator and what was printed about it. */
export interface ServedMock {
  readonly running: RunningMockExchange;
  /** `key=value` lines: rest_url, ws_url, fix_url, control_url, api_key_id, the key files, coverage. */
  readonly lines: readonly string[];
}

/**
 * Starts the simulator for `args`, with one generated user (RSA-2048 key) whose API key id and
 * private key PEM (PKCS#1 `RSA PRIVATE KEY`, mode 0600) are written to `keysDir`.
 */
export async function serve(args: ServeArgs): Promise<ServedMock> {
  const keysDir = args.keysDir ?? mkdtempSync(join(tmpdir(), 'kalshi-mock-'));
  mkdirSync(keysDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const apiKeyId = args.seed === undefined ? randomUUID() : seededIds(args.seed ^ 0x5eed)();
  const keyIdFile = join(keysDir, 'api-key-id');
  const keyFile = join(keysDir, 'private-key.pem');
  writeFileSync(keyIdFile, `${apiKeyId}\n`);
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), { mode: 0o600 });
  const running = await startMockExchange({
    port: args.port,
    users: [{ apiKeyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), balanceDollars: args.balance }],
    ...(args.fixtures === undefined ? {} : { fixtures: args.fixtures }),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.fixPort === undefined ? {} : { fix: { port: args.fixPort } }),
    ...(args.tier === undefined ? {} : { rateLimitTier: args.tier }),
    ...(args.manualClock ? { clock: new ManualClock(Date.now()) } : {}),
    latencyMs: args.latencyMs,
    control: args.control,
  });
  const lines = [
    `rest_url=${running.restUrl}`,
    `ws_url=${running.wsUrl}`,
    ...(running.fixPort === undefined ? [] : [`fix_url=tcp://127.0.0.1:${running.fixPort}`]),
    ...(args.control ? [`control_url=http://127.0.0.1:${running.port}${CONTROL_PREFIX}`] : []),
    `api_key_id=${apiKeyId}`,
    `api_key_id_file=${keyIdFile}`,
    `private_key_file=${keyFile}`,
    `coverage=${mockCoverage().summary}`,
  ];
  return { running, lines };
}
