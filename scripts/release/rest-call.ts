/**
 * The rest consumer's signed call: the mock exchange installed from the registry runs as its
 * `kalshi-mock` bin (one generated user with an RSA key, a set balance), and a program in the
 * rest consumer's folder reads the balance with that key through `@kalshi-sdk/rest` — and
 * checks that the same request without a signature is refused (401), so the answer proves the signature.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../packaging/run-command.ts';
import { stopChild } from './registry.ts';

/** The starting cash the mock gives its user; the signed call must read it back. */
export const MOCK_BALANCE_DOLLARS = '250';

/** What `kalshi-mock` printed before `ready`. */
export interface MockInfo {
  readonly restUrl: string;
  readonly apiKeyId: string;
  readonly privateKeyFile: string;
}

/**
 * The `key=value` lines `kalshi-mock` prints, up to `ready`; undefined until `ready` has come.
 * @throws Error naming the missing key when `ready` came without it.
 */
export function parseMockBanner(text: string): MockInfo | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  if (!lines.includes('ready')) return undefined;
  const values = new Map(lines.filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
  const get = (key: string) => {
    const v = values.get(key);
    if (v === undefined) throw new Error(`kalshi-mock printed no ${key}= line before ready`);
    return v;
  };
  return { restUrl: get('rest_url'), apiKeyId: get('api_key_id'), privateKeyFile: get('private_key_file') };
}

/**
 * Starts the installed `kalshi-mock` bin of `mockDir` (keys into `keysDir`) and waits for `ready`.
 * @returns the banner and a `stop()` that ends the process.
 */
export function startInstalledMock(mockDir: string, keysDir: string, timeoutMs = 60_000): Promise<MockInfo & { stop(): Promise<void> }> {
  const bin = join(mockDir, 'node_modules', '.bin', 'kalshi-mock');
  const child: ChildProcess = spawn(bin, ['--seed', '7', '--balance', MOCK_BALANCE_DOLLARS, '--keys-dir', keysDir], { cwd: mockDir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`kalshi-mock ${why}: ${out.slice(-2000)}`)));
    };
    const timer = setTimeout(() => fail(`printed no ready within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code) => fail(`exited with code ${code}`));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      let info: MockInfo | undefined;
      try {
        info = parseMockBanner(out);
      } catch (e) {
        fail((e as Error).message);
        return;
      }
      if (info === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ ...info, stop: () => stopChild(child) });
    });
  });
}

/** The program run in the rest consumer's folder (ESM, plain JavaScript, as a user would write it). */
export const SIGNED_CALL_PROGRAM = `import { readFileSync } from 'node:fs';
import { createClient } from '@kalshi-sdk/rest';

const [baseUrl, apiKeyId, keyFile] = process.argv.slice(2);
const signed = createClient({ baseUrl, credentials: { apiKeyId, privateKey: readFileSync(keyFile, 'utf8') } });
const { data } = await signed.GET('/portfolio/balance');
// The client itself refuses to send this call without credentials, so the unsigned one is a bare fetch.
const unsigned = await fetch(\`\${baseUrl}/portfolio/balance\`);
process.stdout.write(JSON.stringify({ balance_dollars: data.balance_dollars, unsigned_status: unsigned.status }));
`;

/** What the signed call saw: the balance read with the key, and the status of the unsigned call. */
export interface SignedCallResult {
  readonly problems: readonly string[];
  readonly output: string;
}

/** Runs {@link SIGNED_CALL_PROGRAM} in `restDir` against `mock`; no problems when the balance is read and the unsigned call is refused. */
export async function signedCall(restDir: string, mock: MockInfo): Promise<SignedCallResult> {
  await writeFile(join(restDir, 'signed-call.mjs'), SIGNED_CALL_PROGRAM);
  const { code, output } = await runCommand(process.execPath, ['signed-call.mjs', mock.restUrl, mock.apiKeyId, mock.privateKeyFile], { cwd: restDir });
  if (code !== 0) return { problems: [`signed-call.mjs exited ${code}: ${output.slice(-2000)}`], output };
  let got: { balance_dollars?: unknown; unsigned_status?: unknown };
  try {
    got = JSON.parse(output) as typeof got;
  } catch {
    return { problems: [`signed-call.mjs printed no JSON: ${output.slice(-2000)}`], output };
  }
  const problems: string[] = [];
  // Compared as decimal text ('250', '250.00', '250.0000'), never as a float.
  if (typeof got.balance_dollars !== 'string' || !new RegExp(`^${MOCK_BALANCE_DOLLARS}(\\.0+)?$`).test(got.balance_dollars)) {
    problems.push(`signed GET /portfolio/balance gave balance_dollars ${JSON.stringify(got.balance_dollars)}, want ${MOCK_BALANCE_DOLLARS}`);
  }
  if (got.unsigned_status !== 401) problems.push(`unsigned GET /portfolio/balance answered ${JSON.stringify(got.unsigned_status)}, want 401`);
  return { problems, output };
}
