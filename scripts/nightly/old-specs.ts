import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpecKind } from '../contract-diff/types.ts';
import type { SpecsLock } from '../specs-pull/lock.ts';
import { pullSpecs } from '../specs-pull/pull-specs.ts';
import { sha256Hex } from '../specs-pull/spec-body.ts';
import { NightlyError } from './errors.ts';

/**
 * The kind of a spec from its first bytes: XML is the FIX dictionary; YAML or JSON is OpenAPI or
 * AsyncAPI by its top-level key. Cheap: no parse. Undefined for anything else.
 */
export function specKindOf(bytes: Uint8Array): SpecKind | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, 8192));
  if (/^\uFEFF?\s*</.test(head)) return 'fix';
  const key = /^\s*["']?(openapi|asyncapi)["']?\s*:/m.exec(head)?.[1];
  return key === 'openapi' || key === 'asyncapi' ? key : undefined;
}

/**
 * Reads the `--old` files and keys them by kind.
 * @throws {NightlyError} `OLD_SPEC_INVALID` for an unreadable file, an unknown kind, or two files of one kind.
 */
export async function readOldOverrides(paths: readonly string[]): Promise<Map<SpecKind, string>> {
  const out = new Map<SpecKind, string>();
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (cause) {
      throw new NightlyError('OLD_SPEC_INVALID', `--old ${path}: cannot read it`, { value: path, cause });
    }
    const kind = specKindOf(bytes);
    if (kind === undefined) throw new NightlyError('OLD_SPEC_INVALID', `--old ${path}: not an OpenAPI, AsyncAPI or FIX dictionary file`, { value: path });
    if (out.has(kind)) throw new NightlyError('OLD_SPEC_INVALID', `--old ${path}: a second ${kind} file (first: ${out.get(kind)})`, { value: path });
    out.set(kind, path);
  }
  return out;
}

/** The locked (previous) spec files, or why one could not be had. */
export interface OldSpecs {
  /** spec file name → path of the locked bytes under `dir`. */
  readonly paths: ReadonlyMap<string, string>;
  /** spec file name → why its locked bytes are unavailable. */
  readonly missing: ReadonlyMap<string, string>;
}

/**
 * Gathers the spec files the lock pins, before `specs:pull --update` replaces them: the copy under
 * `<root>/specs/` when its sha256 matches the lock (restored from CI's cache, or a local checkout),
 * else any source of the lock that still serves those exact bytes (a mirror). Upstream URLs serve
 * only the newest file, so without either the old spec is missing and the diff cannot be made.
 */
export async function collectOldSpecs(input: {
  readonly root: string;
  readonly lock: SpecsLock;
  readonly lockPath: string;
  readonly dir: string;
  /** Where relative lock sources are resolved (the real repository root, even in a dry-run copy). */
  readonly rootDir: string;
  readonly source: string | undefined;
}): Promise<OldSpecs> {
  await mkdir(input.dir, { recursive: true });
  for (const spec of input.lock.specs) {
    const local = await readFile(join(input.root, 'specs', spec.file)).catch(() => undefined);
    if (local && sha256Hex(local) === spec.sha256) await copyFile(join(input.root, 'specs', spec.file), join(input.dir, spec.file));
  }
  const report = await pullSpecs({
    mode: 'pull',
    lockPath: input.lockPath,
    outDir: input.dir,
    rootDir: input.rootDir,
    ...(input.source === undefined ? {} : { source: input.source }),
  });
  const paths = new Map<string, string>();
  const missing = new Map<string, string>();
  for (const o of report.outcomes) {
    if (o.ok) paths.set(o.spec.file, join(input.dir, o.spec.file));
    else missing.set(o.spec.file, o.error.reason);
  }
  return { paths, missing };
}
