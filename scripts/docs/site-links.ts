/**
 * Relative links on the docs site. The READMEs and guides link the way GitHub and npm read them
 * (`packages/rest`, `../fixed-point`, `docs/runtimes.md`, `examples/demo`). TypeDoc itself sends a
 * link to a site package's folder or README to its module page, to the root README or its folder to
 * the home page and to a guide to its page; it would copy any other linked file into `media/` as
 * raw text, and warn on (and mis-render) a linked folder. So, on the site:
 * - an image in the repository stays a copied media file;
 * - any other file or folder of the repository links to it on GitHub;
 * - a link to a path that does not exist, or outside the repository, is a build error.
 * Kalshi's spec descriptions, in the generated code's comments, link Kalshi's docs site by path
 * (`](/getting_started/rate_limits)`): those links go to that site.
 */
import { statSync } from 'node:fs';
import { extname, isAbsolute, relative, sep } from 'node:path';
import {
  type CommentDisplayPart,
  type ContainerReflection,
  DeclarationReflection,
  DocumentReflection,
  type ProjectReflection,
  type Reflection,
} from 'typedoc';

/** The repository on GitHub, default branch `main`. */
export const REPO_URL = 'https://github.com/kalshi-sdk/kalshi-sdk';

/** Kalshi's docs site, which the spec descriptions link by path. */
export const KALSHI_DOCS_URL = 'https://docs.kalshi.com';

const MEDIA = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);

/** Where a relative link to an existing path that is not a page of the site goes. */
export type SiteLink =
  | { readonly kind: 'media' }
  | { readonly kind: 'github'; readonly url: string }
  | { readonly kind: 'outside' };

/** Classifies the absolute `path` (an existing file or folder) a link in the repository points at. */
export function siteLinkFor(path: string, repoRoot: string, isDirectory: boolean): SiteLink {
  const rel = relative(repoRoot, path).split(sep).join('/');
  if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) return { kind: 'outside' };
  if (!isDirectory && MEDIA.has(extname(rel).toLowerCase())) return { kind: 'media' };
  return { kind: 'github', url: `${REPO_URL}/${isDirectory ? 'tree' : 'blob'}/main/${rel.split('/').map(encodeURIComponent).join('/')}` };
}

/** `text` with its Markdown links to a root path (`](/page)`) sent to Kalshi's docs site. */
export function kalshiDocsLinks(text: string): string {
  return text.replace(/\]\((\/[^)\s]*)\)/g, (_, path: string) => `](${KALSHI_DOCS_URL}${path})`);
}

/** Whether the reflection (or the declaration that owns it) is declared in generated code. */
function isGenerated(reflection: Reflection): boolean {
  for (let r: Reflection | undefined = reflection; r; r = r.parent) {
    const sources = (r as Partial<DeclarationReflection>).sources;
    if (sources?.length) return sources.some((s) => /(?:^|\/)src\/generated\//.test(s.fileName));
  }
  return false;
}

/** A relative link the site cannot serve. */
export interface BrokenLink {
  readonly where: string;
  readonly link: string;
  readonly why: string;
}

/**
 * Rewrites every relative link of the converted `project` (its readme, the modules' READMEs, the
 * documents and every comment) as {@link siteLinkFor} says, and returns the links it could not place.
 */
export function placeRelativeLinks(project: ProjectReflection, repoRoot: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const visit = (parts: CommentDisplayPart[] | undefined, owner: Reflection): void => {
    if (!parts) return;
    const generated = isGenerated(owner);
    parts.forEach((part, index) => {
      if (part.kind === 'text' && generated) parts[index] = { kind: 'text', text: kalshiDocsLinks(part.text) };
      if (part.kind !== 'relative-link') return;
      const where = owner.isProject() ? 'README.md' : owner.getFriendlyFullName();
      if (typeof part.target !== 'number') {
        broken.push({ where, link: part.text, why: 'no such file or folder' });
        return;
      }
      const resolved = project.files.resolve(part.target, project);
      if (typeof resolved !== 'string') return; // a page of the site (a guide, a module, the home page)
      const link = siteLinkFor(resolved, repoRoot, statSync(resolved).isDirectory());
      const anchor = part.targetAnchor ? `#${part.targetAnchor}` : '';
      switch (link.kind) {
        case 'media':
          return;
        case 'github':
          parts[index] = { kind: 'text', text: `${link.url}${anchor}` };
          return;
        case 'outside':
          broken.push({ where, link: part.text, why: `${resolved} is outside the repository` });
      }
    });
  };
  visit(project.readme, project);
  for (const reflection of Object.values(project.reflections)) {
    if (reflection instanceof DocumentReflection) visit(reflection.content, reflection);
    if (reflection instanceof DeclarationReflection) visit(reflection.readme, reflection);
    const comment = reflection.comment;
    visit(comment?.summary, reflection);
    for (const tag of comment?.blockTags ?? []) visit(tag.content, reflection);
    const container = reflection as Partial<ContainerReflection>;
    for (const group of [...(container.groups ?? []), ...(container.categories ?? [])]) visit(group.description, reflection);
  }
  return broken;
}
