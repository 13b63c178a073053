/**
 * `pnpm run docs` (`pnpm docs` alone is pnpm's own command): the static docs site in docs/site/
 * (git-ignored), built with TypeDoc from typedoc.json: the API reference of the six packages (each
 * package's public entry points, compiled with its tsconfig.build.json against its siblings' dist/
 * and its generated code), every guide in docs/guides/*.md as a project document, and the root
 * README as the home page.
 * Any TypeDoc warning fails the build (`treatWarningsAsErrors`), so does a broken `{@link}` and a
 * relative link the site cannot serve (site-links.ts); headings also carry GitHub's anchors
 * (site-anchors.ts). Build the packages first (`pnpm build`).
 * Exit codes: 0 built, 1 a warning, an error or a broken link (each printed).
 */
import { join, relative } from 'node:path';
import { Application, OptionDefaults, PackageJsonReader, type PageEvent, Renderer, TSConfigReader, TypeDocReader } from 'typedoc';
import { repoRoot } from '../lib/repo.ts';
import { addGithubAnchors } from './site-anchors.ts';
import { placeRelativeLinks } from './site-links.ts';

/** Where `pnpm run docs` writes the site. */
export const SITE_DIR = join(repoRoot, 'docs/site');

export interface SiteBuild {
  readonly ok: boolean;
  readonly ms: number;
  readonly problems: readonly string[];
}

/**
 * Builds the site of the repository at `root` (default: this one, into {@link SITE_DIR}) as its
 * typedoc.json says; `ok` is false on any warning, error or broken relative link.
 */
export async function buildSite(root = repoRoot): Promise<SiteBuild> {
  const started = Date.now();
  const cwd = process.cwd();
  process.chdir(root); // TypeDoc resolves typedoc.json's paths against the working directory
  try {
    const app = await Application.bootstrapWithPlugins({ options: join(root, 'typedoc.json') }, [
      new TypeDocReader(),
      new PackageJsonReader(),
      new TSConfigReader(),
    ]);
    // openapi-typescript writes each schema's description as `@description`; every package's
    // conversion takes its options from packageOptions.
    const blockTags = [...OptionDefaults.blockTags, '@description'] as const;
    app.options.setValue('packageOptions', { ...app.options.getValue('packageOptions'), blockTags });
    // The guides show Markdown in ```md blocks.
    app.options.setValue('highlightLanguages', [...OptionDefaults.highlightLanguages, 'md']);
    app.renderer.on(Renderer.EVENT_END_PAGE, (page: PageEvent) => {
      if (page.contents) page.contents = addGithubAnchors(page.contents);
    });
    const problems: string[] = [];
    const failed = () => app.logger.hasErrors() || app.logger.hasWarnings() || problems.length > 0;
    const project = await app.convert();
    if (!project) {
      problems.push('TypeDoc could not convert the packages: build them first (pnpm specs:pull && pnpm build)');
      return { ok: false, ms: Date.now() - started, problems };
    }
    for (const link of placeRelativeLinks(project, root)) problems.push(`${link.where}: relative link ${link.link}: ${link.why}`);
    app.validate(project);
    if (!failed()) await app.generateOutputs(project);
    if (app.logger.hasWarnings()) problems.push(`TypeDoc: ${app.logger.warningCount} warning(s), printed above`);
    if (app.logger.hasErrors()) problems.push(`TypeDoc: ${app.logger.errorCount} error(s), printed above`);
    return { ok: !failed(), ms: Date.now() - started, problems };
  } finally {
    process.chdir(cwd);
  }
}

async function main(): Promise<number> {
  const build = await buildSite();
  for (const problem of build.problems) console.error(`docs: ${problem}`);
  console.log(`docs: ${build.ok ? 'built' : 'FAILED'} ${relative(repoRoot, SITE_DIR)}/ in ${(build.ms / 1000).toFixed(1)} s`);
  return build.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
