import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SpecsPullError } from './errors.ts';

/** How a spec body is checked: YAML 1.2 (OpenAPI, AsyncAPI) or XML (the FIX dictionary). */
export type SpecKind = 'yaml' | 'xml';

/** One entry of specs/specs.lock.json. */
export interface LockedSpec {
  /** Short name, e.g. `openapi`. */
  readonly name: string;
  /** File name under specs/ and under a folder source, e.g. `openapi.yaml`. */
  readonly file: string;
  readonly kind: SpecKind;
  /** Kalshi's upstream URL (the first source by default). */
  readonly url: string;
  /** Version read from the file when it was locked. */
  readonly version: string;
  /** Size of the locked file in bytes. */
  readonly bytes: number;
  /** Lower-case hex sha256 of the locked file's bytes. */
  readonly sha256: string;
  /**
   * Where to get the file, tried in order: URLs (http/https) or paths relative to the repository
   * root (a mirror folder's copy). `KALSHI_SPECS_SOURCE` replaces this list.
   */
  readonly sources: readonly string[];
}

/** specs/specs.lock.json: the committed pin of every spec the generators read. */
export interface SpecsLock {
  readonly specs: readonly LockedSpec[];
}

const SHA256 = /^[0-9a-f]{64}$/;
// A bare file name: the lock must not be able to write outside specs/.
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Reads and validates a lock file.
 * @throws {SpecsPullError} `SPECS_LOCK_INVALID` naming the entry and field at fault.
 */
export async function readLock(path: string): Promise<SpecsLock> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new SpecsPullError('SPECS_LOCK_INVALID', `cannot read ${path}: ${(cause as Error).message}`, {}, { cause });
  }
  const specs = (raw as { specs?: unknown } | null)?.specs;
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new SpecsPullError('SPECS_LOCK_INVALID', `${path}: "specs" must be a non-empty array`);
  }
  return { specs: specs.map((entry: unknown, i) => validateEntry(entry, `${path}: specs[${i}]`)) };
}

function validateEntry(entry: unknown, at: string): LockedSpec {
  const e = (entry ?? {}) as Record<string, unknown>;
  const bad = (field: string, want: string): never => {
    throw new SpecsPullError('SPECS_LOCK_INVALID', `${at}.${field} must be ${want}, got ${JSON.stringify(e[field])}`);
  };
  const str = (field: string): string => (typeof e[field] === 'string' && e[field] !== '' ? e[field] : bad(field, 'a non-empty string'));
  const name = str('name');
  const file = str('file');
  if (!FILE_NAME.test(file)) bad('file', 'a bare file name');
  const kind = e['kind'] === 'yaml' || e['kind'] === 'xml' ? e['kind'] : bad('kind', '"yaml" or "xml"');
  const url = str('url');
  const version = str('version');
  const bytes = Number.isSafeInteger(e['bytes']) && (e['bytes'] as number) >= 0 ? (e['bytes'] as number) : bad('bytes', 'a byte count');
  const sha256 = typeof e['sha256'] === 'string' && SHA256.test(e['sha256']) ? e['sha256'] : bad('sha256', '64 lower-case hex digits');
  const sources = e['sources'];
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string' && s !== '')) {
    bad('sources', 'a non-empty array of URLs or paths');
  }
  return { name, file, kind, url, version, bytes, sha256, sources: sources as string[] };
}

/**
 * Writes the lock atomically (temp file in the same folder, then rename), with a stable key order.
 * @throws {SpecsPullError} `SPEC_WRITE_FAILED`.
 */
export async function writeLock(path: string, lock: SpecsLock): Promise<void> {
  const specs = lock.specs.map(({ name, file, kind, url, version, bytes, sha256, sources }) => ({
    name, file, kind, url, version, bytes, sha256, sources,
  }));
  await writeFileAtomic(path, JSON.stringify({ specs }, null, 2) + '\n');
}

/**
 * Writes `contents` to `path` through `.tmp-<name>-<random>` beside it, so readers never see a
 * half-written file and a failure leaves the previous file as it was.
 * @throws {SpecsPullError} `SPEC_WRITE_FAILED`.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.tmp-${basename(path)}-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    await writeFile(tmp, contents);
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new SpecsPullError('SPEC_WRITE_FAILED', `cannot write ${path}: ${(cause as Error).message}`, {}, { cause });
  }
}
