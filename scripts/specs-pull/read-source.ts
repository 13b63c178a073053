import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecsPullError } from './errors.ts';

/** True for `http://` and `https://` sources; anything else is a path (or a `file:` URL). */
export function isHttpSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * The sources to try for `file`: the lock's list, or `<override>/<file>` when
 * `KALSHI_SPECS_SOURCE` (a folder path or a base URL) is set.
 */
export function sourcesFor(spec: { readonly file: string; readonly sources: readonly string[] }, override?: string): readonly string[] {
  if (override === undefined || override === '') return spec.sources;
  return [override.endsWith('/') ? `${override}${spec.file}` : `${override}/${spec.file}`];
}

/**
 * `KALSHI_SPECS_SOURCE` from `env`, with a relative folder made absolute against the folder the
 * command was typed in (`INIT_CWD`, set by pnpm, else `cwd`). Undefined when unset or empty.
 */
export function specsSourceFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const raw = env['KALSHI_SPECS_SOURCE'];
  if (!raw) return undefined;
  if (isHttpSource(raw) || raw.startsWith('file:') || isAbsolute(raw)) return raw;
  return resolve(env['INIT_CWD'] ?? cwd, raw);
}

/** Options of {@link readSource}. */
export interface ReadSourceOptions {
  /** Spec file name, for error messages. */
  readonly spec: string;
  /** Relative paths are resolved against this folder (the repository root). */
  readonly rootDir: string;
  /** Abort a URL fetch (headers and body) after this many milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Reads every byte of one source: a URL with fetch, or a file path.
 * @throws {SpecsPullError} `SPEC_NETWORK`, `SPEC_HTTP_STATUS`, `SPEC_TRUNCATED` (the connection
 * closed before Content-Length bytes arrived) or `SPEC_UNREADABLE` (path).
 */
export async function readSource(source: string, options: ReadSourceOptions): Promise<Uint8Array> {
  if (isHttpSource(source)) return fetchBytes(source, options);
  const path = source.startsWith('file:') ? fileURLToPath(source) : isAbsolute(source) ? source : resolve(options.rootDir, source);
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `no such file ${path}` : `cannot read ${path}: ${(cause as Error).message}`;
    throw new SpecsPullError('SPEC_UNREADABLE', reason, { spec: options.spec, source }, { cause });
  }
}

async function fetchBytes(url: string, { spec, timeoutMs }: ReadSourceOptions): Promise<Uint8Array> {
  const facts = { spec, source: url };
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (cause) {
    throw new SpecsPullError('SPEC_NETWORK', networkReason(cause, timeoutMs), facts, { cause });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new SpecsPullError('SPEC_HTTP_STATUS', `HTTP ${res.status} ${res.statusText}`.trim(), { ...facts, status: res.status });
  }
  // Only for the message: with a Content-Encoding, Content-Length counts compressed bytes, not ours.
  const encoding = res.headers.get('content-encoding');
  const lengthHeader = res.headers.get('content-length');
  const declared = lengthHeader !== null && (encoding === null || encoding === 'identity') ? Number(lengthHeader) : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  try {
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      chunks.push(r.value);
      received += r.value.byteLength;
    }
  } catch (cause) {
    if ((cause as Error).name === 'TimeoutError') {
      throw new SpecsPullError('SPEC_NETWORK', networkReason(cause, timeoutMs), facts, { cause });
    }
    // undici fails the read when the connection closes before Content-Length bytes have arrived.
    const of = declared === undefined ? '' : ` of ${declared} (Content-Length)`;
    throw new SpecsPullError('SPEC_TRUNCATED', `connection lost after ${received}${of} bytes: ${causeText(cause)}`, facts, { cause });
  }
  return Buffer.concat(chunks, received);
}

function networkReason(cause: unknown, timeoutMs: number): string {
  if ((cause as Error).name === 'TimeoutError') return `network error: no complete answer within ${timeoutMs / 1000} s`;
  return `network error: ${causeText(cause)}`;
}

// undici reports "fetch failed" / "terminated" and keeps the useful part (ECONNREFUSED, ENOTFOUND) in cause.
function causeText(err: unknown): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  const inner = e.cause;
  if (!inner) return e.message;
  return inner.code && !inner.message.includes(inner.code) ? `${inner.code} ${inner.message}` : inner.message;
}
