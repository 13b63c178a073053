import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractDiffError } from './errors.ts';
import { detailText, kindLabel, versionLabel } from './report.ts';
import type { Change, DiffReport, Severity, SpecKind } from './types.ts';

/** A changesets bump type. */
export type BumpLevel = 'major' | 'minor' | 'patch';

/**
 * The packages whose generated surface each spec feeds. The mock exchange follows the REST
 * spec: its routes and fixtures are typed by @kalshi-sdk/rest's generated paths, so a REST
 * contract change changes what the mock serves to its users' tests in the same way. (It also
 * depends on @kalshi-sdk/fix; changesets bumps it as a dependent for FIX changes.)
 */
export const specPackages: Readonly<Record<SpecKind, readonly string[]>> = {
  openapi: ['@kalshi-sdk/rest', '@kalshi-sdk/mock-exchange'],
  asyncapi: ['@kalshi-sdk/ws'],
  fix: ['@kalshi-sdk/fix'],
};

/**
 * Bump for a package at `version` given the worst change. Pre-1.0 (0.x), semver lets the minor
 * digit carry breaking changes, so breaking → minor and everything else → patch. From 1.0:
 * breaking → major, non-breaking (new surface) → minor, docs-only → patch.
 */
export function bumpLevel(worst: Severity, version: string): BumpLevel {
  const preOne = version.startsWith('0.');
  if (worst === 'breaking') return preOne ? 'minor' : 'major';
  if (worst === 'non-breaking') return preOne ? 'patch' : 'minor';
  return 'patch';
}

/** What {@link writeChangeset} writes: `.changeset/<slug>.md`. */
export interface ChangesetPlan {
  /** Deterministic: `contract-<kind>-<old>-to-<new>-<sha8>` (Kalshi changes files without bumping versions). */
  readonly slug: string;
  /** Package name → bump. */
  readonly releases: Readonly<Record<string, BumpLevel>>;
  /** Markdown body: one summary line (the changelog entry), then the key changes. */
  readonly summary: string;
}

const specNames: Readonly<Record<SpecKind, string>> = { openapi: 'OpenAPI spec', asyncapi: 'AsyncAPI spec', fix: 'FIX dictionary' };
const addedKinds = new Set(['operation-added', 'channel-added', 'message-added']);

function slugPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}

function bullet(c: Change): string {
  const detail = detailText(c, 3);
  return `- ${kindLabel(c)}: \`${c.subject}\`${c.pointer === '' ? '' : ` \`${c.pointer}\``}${detail === '' ? '' : ` (${detail})`}`;
}

function list(title: string, changes: readonly Change[], max: number): string[] {
  if (changes.length === 0) return [];
  const more = changes.length - max;
  return ['', `${title}:`, '', ...changes.slice(0, max).map(bullet), ...(more > 0 ? [`- … and ${more} more`] : [])];
}

/**
 * Plans the changeset for a diff: every package fed by the spec, bumped per {@link bumpLevel}
 * from its current version. Undefined when the diff is empty.
 * @param versions package name → current version (see {@link readPackageVersions}).
 * @throws ContractDiffError `PACKAGE_UNKNOWN` when a package to bump has no version in `versions`.
 */
export function planChangeset(report: DiffReport, versions: Readonly<Record<string, string>>, options: { maxItems?: number } = {}): ChangesetPlan | undefined {
  if (report.changes.length === 0) return undefined;
  const max = options.maxItems ?? 12;
  const s = report.summary;
  const worst: Severity = s.breaking > 0 ? 'breaking' : s.nonBreaking > 0 ? 'non-breaking' : 'docs-only';
  const releases: Record<string, BumpLevel> = {};
  for (const name of specPackages[report.kind]) {
    const version = versions[name];
    if (version === undefined) throw new ContractDiffError('PACKAGE_UNKNOWN', `no version known for ${name}`, { value: name });
    releases[name] = bumpLevel(worst, version);
  }
  const units = Object.entries(s.units)
    .map(([name, u]) => `${u.added} ${name} added, ${u.removed} removed`)
    .join('; ');
  const headline =
    `Kalshi ${specNames[report.kind]} ${versionLabel(report)}: ` +
    `${units}; ${s.breaking} breaking, ${s.nonBreaking} non-breaking and ${s.docsOnly} docs-only changes.`;
  const body = [
    headline,
    ...list('Breaking changes', report.changes.filter((c) => c.severity === 'breaking'), max),
    ...list('Added', report.changes.filter((c) => addedKinds.has(c.kind)), max),
  ];
  return {
    slug: `contract-${report.kind}-${slugPart(report.old.version)}-to-${slugPart(report.new.version)}-${report.new.sha256.slice(0, 8)}`,
    releases,
    summary: body.join('\n'),
  };
}

/** The changeset file text: YAML frontmatter of releases, then the summary. */
export function renderChangeset(plan: ChangesetPlan): string {
  const front = Object.entries(plan.releases).map(([name, level]) => `"${name}": ${level}`);
  return ['---', ...front, '---', '', plan.summary, ''].join('\n');
}

/**
 * Writes `<dir>/<slug>.md` (replacing a previous run's file for the same diff).
 * @returns the path written.
 */
export async function writeChangeset(plan: ChangesetPlan, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${plan.slug}.md`);
  await writeFile(path, renderChangeset(plan));
  return path;
}

/** name → version of every `packages/<dir>/package.json` under `root`. */
export async function readPackageVersions(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const dirs = await readdir(join(root, 'packages'), { withFileTypes: true });
  for (const d of dirs) {
    if (!d.isDirectory()) continue;
    let text: string;
    try {
      text = await readFile(join(root, 'packages', d.name, 'package.json'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // not a package
      throw e;
    }
    const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (typeof pkg.name === 'string' && typeof pkg.version === 'string') out[pkg.name] = pkg.version;
  }
  return out;
}
