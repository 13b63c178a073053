import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../lib/repo.ts';
import { describeFacts, SpecsPullError, type SpecFacts } from './errors.ts';
import { readLock, writeFileAtomic, writeLock, type LockedSpec } from './lock.ts';
import { readSource, sourcesFor } from './read-source.ts';
import { beginsLikeSpec, NotASpecError, readSpecVersion, sha256Hex } from './spec-body.ts';

/**
 * - `pull`: make specs/ match the lock, fetching only specs whose local file differs.
 * - `check`: fetch every spec and compare it with the lock; write nothing (CI).
 * - `update`: take what the first working source returns and rewrite the lock (nightly job).
 */
export type PullMode = 'pull' | 'check' | 'update';

/** Options of {@link pullSpecs}. Every path defaults to this repository's. */
export interface PullSpecsOptions {
  /** Default `<repo>/specs/specs.lock.json`. */
  readonly lockPath?: string;
  /** Folder the spec files are written to. Default `<repo>/specs`. */
  readonly outDir?: string;
  /** Relative sources in the lock are resolved against this folder. Default the repository root. */
  readonly rootDir?: string;
  /** `KALSHI_SPECS_SOURCE`: a folder path or base URL replacing every spec's sources (`<source>/<file>`). */
  readonly source?: string;
  /** Default `pull`. */
  readonly mode?: PullMode;
  /** Per-URL time limit in milliseconds (headers and body). Default 10,000, so an offline URL fails fast. */
  readonly timeoutMs?: number;
}

/**
 * What happened to one spec.
 * - `unchanged`: specs/<file> already matched the lock; nothing was fetched.
 * - `written`: fetched, and specs/<file> was replaced.
 * - `verified`: fetched and matches the lock; nothing was written.
 * - `updated`: (`update` mode) the source differs from the lock; the file and the lock entry were rewritten.
 */
export type SpecOutcome =
  | {
      readonly ok: true;
      readonly spec: LockedSpec;
      readonly status: 'unchanged' | 'written' | 'verified' | 'updated';
      /** The accepted source; undefined when nothing was fetched. */
      readonly source: string | undefined;
      readonly facts: SpecFacts;
      /** Sources tried before the accepted one, with why each was rejected. */
      readonly skipped: readonly SpecsPullError[];
    }
  | { readonly ok: false; readonly spec: LockedSpec; readonly status: 'failed'; readonly error: SpecsPullError };

/** Result of {@link pullSpecs}, one outcome per lock entry in lock order. */
export interface PullReport {
  readonly mode: PullMode;
  readonly outcomes: readonly SpecOutcome[];
  /** True when `update` mode rewrote the lock file. */
  readonly lockWritten: boolean;
  /** False when any spec failed. */
  readonly ok: boolean;
}

interface Fetched {
  readonly source: string;
  readonly bytes: Uint8Array;
  readonly facts: SpecFacts;
  readonly skipped: readonly SpecsPullError[];
}

/**
 * Pulls every spec in the lock (see {@link PullMode}). Sources are tried in order and a source is
 * accepted only if its bytes match the lock's sha256 (any parseable body in `update` mode). Files
 * are written through a temp file and a rename, so a failure never touches the previous file.
 * Specs are fetched concurrently; a failed spec does not stop the others.
 * @throws {SpecsPullError} `SPECS_LOCK_INVALID` for an unreadable lock, `SPEC_WRITE_FAILED` when
 * specs/ cannot be written. Per-spec failures are returned in the report, not thrown.
 */
export async function pullSpecs(options: PullSpecsOptions = {}): Promise<PullReport> {
  const mode = options.mode ?? 'pull';
  const lockPath = options.lockPath ?? join(repoRoot, 'specs', 'specs.lock.json');
  const outDir = options.outDir ?? join(repoRoot, 'specs');
  const read = { rootDir: options.rootDir ?? repoRoot, timeoutMs: options.timeoutMs ?? 10_000 };
  const lock = await readLock(lockPath);
  if (mode !== 'check') await mkdir(outDir, { recursive: true });

  const outcomes = await Promise.all(
    lock.specs.map(async (spec): Promise<SpecOutcome> => {
      const target = join(outDir, spec.file);
      const local = mode === 'check' ? undefined : await readFile(target).catch(() => undefined);
      const localSha = local && sha256Hex(local);
      if (mode === 'pull' && localSha === spec.sha256) {
        return { ok: true, spec, status: 'unchanged', source: undefined, facts: spec, skipped: [] };
      }
      let got: Fetched;
      try {
        got = await fetchFirst(spec, sourcesFor(spec, options.source), mode, read);
      } catch (error) {
        if (!(error instanceof SpecsPullError)) throw error;
        return { ok: false, spec, status: 'failed', error };
      }
      const { source, facts, skipped } = got;
      if (mode === 'check') return { ok: true, spec, status: 'verified', source, facts, skipped };
      if (localSha !== facts.sha256) await writeFileAtomic(target, got.bytes);
      const changed = facts.sha256 !== spec.sha256 || facts.version !== spec.version || facts.bytes !== spec.bytes;
      const status = changed ? 'updated' : localSha !== facts.sha256 ? 'written' : 'verified';
      return { ok: true, spec, status, source, facts, skipped };
    }),
  );

  let lockWritten = false;
  if (mode === 'update' && outcomes.some((o) => o.status === 'updated')) {
    // Failed specs keep their old entry, so every entry still describes the file under specs/.
    const specs = outcomes.map((o) => (o.ok ? { ...o.spec, ...pick(o.facts) } : o.spec));
    await writeLock(lockPath, { specs });
    lockWritten = true;
  }
  return { mode, outcomes, lockWritten, ok: outcomes.every((o) => o.ok) };
}

function pick({ version, bytes, sha256 }: SpecFacts): SpecFacts {
  return { version, bytes, sha256 };
}

async function fetchFirst(
  spec: LockedSpec,
  sources: readonly string[],
  mode: PullMode,
  read: { rootDir: string; timeoutMs: number },
): Promise<Fetched> {
  const failures: SpecsPullError[] = [];
  for (const source of sources) {
    try {
      const bytes = await readSource(source, { spec: spec.file, ...read });
      return { source, bytes, facts: accept(spec, source, bytes, mode), skipped: failures };
    } catch (error) {
      if (!(error instanceof SpecsPullError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1 && failures[0]) throw failures[0];
  const want = mode === 'update' ? 'no source gave a readable spec' : `no source gave the locked file (${describeFacts(spec)})`;
  const list = failures.map((f) => `\n  - ${f.source}: ${f.reason}`).join('');
  throw new SpecsPullError('SPEC_NO_SOURCE', want + list, { spec: spec.file, expected: pick(spec), failures });
}

// Checks one source's bytes against the lock; returns what they are.
function accept(spec: LockedSpec, source: string, bytes: Uint8Array, mode: PullMode): SpecFacts {
  const sha256 = sha256Hex(bytes);
  const facts = { spec: spec.file, source };
  // A body that hashes to the lock was parsed when it was locked: skip the (slow) YAML parse.
  if (mode !== 'update' && sha256 === spec.sha256) return { version: spec.version, bytes: bytes.byteLength, sha256 };
  let version: string;
  try {
    version = readSpecVersion(spec.kind, bytes);
  } catch (error) {
    if (!(error instanceof NotASpecError)) throw error;
    // Shorter than the lock and broken, yet it begins like a spec: it was cut off on the way.
    if (mode !== 'update' && bytes.byteLength < spec.bytes && beginsLikeSpec(spec.kind, bytes)) {
      const reason = `truncated: ${bytes.byteLength} of the locked ${spec.bytes} bytes, and ${error.message}`;
      throw new SpecsPullError('SPEC_TRUNCATED', reason, facts);
    }
    throw new SpecsPullError('SPEC_NOT_PARSEABLE', error.message, facts);
  }
  const actual = { version, bytes: bytes.byteLength, sha256 };
  if (mode === 'update') return actual;
  const reason = `sha256 mismatch: expected ${describeFacts(spec)} (lock), got ${describeFacts(actual)}; run \`pnpm specs:pull --update\` to accept it`;
  throw new SpecsPullError('SPEC_MISMATCH', reason, { ...facts, expected: pick(spec), actual });
}
