/**
 * The release path, run in a copy of the repository (work-copy.ts) against the loopback
 * registry: `changeset version` (what the release workflow's "Version Packages" pull request
 * does), then `changeset publish` (what it does once that is merged).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mustRun } from '../packaging/run-command.ts';
import { listPublishablePackages, type WorkspacePackage } from '../packaging/workspace.ts';
import { ReleaseError } from './errors.ts';

const require = createRequire(import.meta.url);

/** Options of {@link versionAndPublish}. */
export interface PublishOptions {
  /** The copy of the repository. */
  readonly copy: string;
  /** The loopback registry's URL, `http://127.0.0.1:<port>/`. */
  readonly registry: string;
  /** `.npmrc` lines that authenticate against it. */
  readonly authLines: readonly string[];
  /** An empty file, for {@link npmEnv}. */
  readonly emptyConfig: string;
}

/**
 * Environment for npm and pnpm run in a folder whose `.npmrc` names the registry: the user and
 * global configs point at `emptyConfig` (an empty file), so nothing else from this machine's npm
 * config (another registry, a scope mapping, a token) is read.
 */
export function npmEnv(emptyConfig: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_userconfig: emptyConfig, npm_config_globalconfig: `${emptyConfig}.global` };
  // Set by a parent pnpm/npm script run; they would point the child at the outer registry.
  for (const key of Object.keys(env)) if (/^npm_config_registry$|^npm_config_@/i.test(key)) delete env[key];
  return env;
}

/**
 * Removes `publishConfig.provenance` from a package.json text. Provenance is an attestation
 * signed with the CI's OIDC token (`id-token: write` in release.yml); there is none on a
 * developer machine or in `.ci/run`, and npm refuses to publish a package asking for it
 * without one. Everything else is published exactly as the workflow would.
 */
export function withoutProvenance(packageJson: string): string {
  const pkg = JSON.parse(packageJson) as { publishConfig?: Record<string, unknown> };
  if (pkg.publishConfig) delete pkg.publishConfig['provenance'];
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * Versions the copy with its pending changesets and publishes every publishable package to the
 * registry, then checks that each new version is there.
 * @returns the published packages at their new versions.
 * @throws {ReleaseError} `PUBLISH_FAILED` when a command fails or a version is missing afterwards.
 */
export async function versionAndPublish(options: PublishOptions): Promise<WorkspacePackage[]> {
  const npmrc = join(options.copy, '.npmrc');
  await writeFile(npmrc, [`registry=${options.registry}`, ...options.authLines, ''].join('\n'), { mode: 0o600 });
  // changeset publish reads the registry from npm_config_registry (else it names npm's public one).
  const env = { ...npmEnv(options.emptyConfig), npm_config_registry: options.registry };
  const changeset = require.resolve('@changesets/cli/bin.js', { paths: [options.copy] });
  try {
    await mustRun(process.execPath, [changeset, 'version'], { cwd: options.copy, env });
    const packages = await listPublishablePackages(options.copy);
    for (const pkg of packages) {
      const file = join(pkg.dir, 'package.json');
      await writeFile(file, withoutProvenance(await readFile(file, 'utf8')));
    }
    await mustRun(process.execPath, [changeset, 'publish', '--no-git-tag'], { cwd: options.copy, env });
    for (const pkg of packages) {
      const url = new URL(`${pkg.name.replace('/', '%2f')}/${pkg.version}`, options.registry);
      const res = await fetch(url);
      if (!res.ok) throw new ReleaseError('PUBLISH_FAILED', `${pkg.name}@${pkg.version} is not on the registry after publishing (${res.status})`, { value: pkg.name });
    }
    return packages;
  } catch (cause) {
    if (cause instanceof ReleaseError) throw cause;
    const c = cause as { message: string; output?: string };
    throw new ReleaseError('PUBLISH_FAILED', c.message, { value: 'changeset', ...(c.output === undefined ? {} : { output: c.output }), cause });
  }
}
