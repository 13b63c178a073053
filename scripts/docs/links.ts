// Link checks for the READMEs and guides: relative links resolve (to a shipped file, in a published
// package's README), anchors name a heading, repository URLs name a file, other URLs are well formed.
// The rules are in docs/guides/README.md ("Links").
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** The repository's public URL: files on the default branch are `${REPO_URL}/blob/main/<path>`. */
export const REPO_URL = 'https://github.com/kalshi-sdk/kalshi-sdk';

export interface Link {
  readonly target: string;
  /** 1-based line of the link in its file. */
  readonly line: number;
}

/** Lines of `markdown` outside fenced code blocks (inline code spans blanked unless `keepCode`); line numbers kept. */
function proseLines(markdown: string, keepCode = false): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return '';
    }
    if (marker !== undefined) {
      fence = marker;
      return '';
    }
    return keepCode ? line : line.replace(/(`+)[^`][\s\S]*?\1/g, (span) => ' '.repeat(span.length));
  });
}

/** Every link target of a markdown file: inline links and images, reference definitions, autolinks, HTML href/src. */
export function extractLinks(markdown: string): Link[] {
  const links: Link[] = [];
  const lines = proseLines(markdown);
  lines.forEach((text, i) => {
    const add = (target: string): void => void links.push({ target, line: i + 1 });
    for (const m of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) add(m[1]!.replace(/^<|>$/g, ''));
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
    if (definition) add(definition[1]!.replace(/^<|>$/g, ''));
    for (const m of text.matchAll(/<(https?:\/\/[^>\s]+)>/g)) add(m[1]!);
    for (const m of text.matchAll(/\s(?:href|src)="([^"]+)"/g)) add(m[1]!);
  });
  return links;
}

/** GitHub's id for a heading's text: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[`*]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a markdown file defines: its headings' ids (duplicates numbered as GitHub does) and HTML ids/names. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown, true)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]!);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  return anchors;
}

/** A glob of a package.json `files` entry as a regular expression over package-relative paths. */
function filesPattern(entry: string): RegExp {
  const clean = entry.replace(/^\.\//, '').replace(/\/$/, '');
  const parts = clean.split('/');
  const body = parts
    .map((part, i) => {
      if (part === '**') return i === parts.length - 1 ? '.*' : '(?:[^/]*/)*';
      const glob = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
      return i === parts.length - 1 ? glob : `${glob}/`;
    })
    .join('');
  // An entry names a file, or a folder and everything under it.
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** Whether `path` (relative to the package folder) is in the package's tarball. */
export function shippedBy(pkg: { files?: readonly string[] }, path: string): boolean {
  if (/^(?:package\.json|(?:README|LICENSE|LICENCE|CHANGELOG)(?:\.[^/]*)?)$/i.test(path)) return true;
  let shipped = false;
  for (const entry of pkg.files ?? ['**']) {
    if (entry.startsWith('!')) {
      if (filesPattern(entry.slice(1)).test(path)) shipped = false;
    } else if (filesPattern(entry).test(path)) {
      shipped = true;
    }
  }
  return shipped;
}

/** The published package whose README `file` is (`packages/<name>/README.md`, not private), if any. */
function publishedPackageOf(root: string, file: string): { dir: string; files?: readonly string[] } | undefined {
  const match = /^(packages\/[^/]+)\/README\.md$/.exec(file);
  if (!match) return undefined;
  const manifest = JSON.parse(readFileSync(join(root, match[1]!, 'package.json'), 'utf8')) as { private?: boolean; files?: string[] };
  if (manifest.private === true) return undefined;
  return manifest.files === undefined ? { dir: match[1]! } : { dir: match[1]!, files: manifest.files };
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(path: string): Set<string> {
  let anchors = anchorCache.get(path);
  if (!anchors) anchorCache.set(path, (anchors = anchorsOf(readFileSync(path, 'utf8'))));
  return anchors;
}

/** Checks a repository path (with an optional anchor) exists; the problem, or undefined. */
function checkRepoPath(root: string, repoPath: string, anchor: string | undefined): string | undefined {
  if (repoPath.startsWith('..')) return `points outside the repository (${repoPath})`;
  const abs = join(root, repoPath);
  if (!existsSync(abs)) return `${repoPath} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  const markdown = statSync(abs).isDirectory() ? join(abs, 'README.md') : abs;
  if (!markdown.endsWith('.md') || !existsSync(markdown)) return `#${anchor} on ${repoPath}, which is not a markdown file`;
  return anchorsOfFile(markdown).has(decodeURIComponent(anchor)) ? undefined : `no heading #${anchor} in ${relative(root, markdown)}`;
}

/** Problems with the links of one README or guide (`file` relative to `root`), each `file:line: target: problem`. */
export function checkLinks(root: string, file: string): string[] {
  const markdown = readFileSync(join(root, file), 'utf8');
  const pkg = publishedPackageOf(root, file);
  const problems: string[] = [];
  for (const { target, line } of extractLinks(markdown)) {
    const problem = checkLink(root, file, markdown, pkg, target);
    if (problem !== undefined) problems.push(`${file}:${line}: ${target}: ${problem}`);
  }
  return problems;
}

function checkLink(root: string, file: string, markdown: string, pkg: ReturnType<typeof publishedPackageOf>, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    if (/^mailto:[^@\s]+@[^@\s]+$/i.test(target)) return undefined;
    if (!/^https?:\/\//i.test(target)) return 'only http(s) and mailto links are allowed';
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return 'not a well-formed URL';
    }
    if (!url.hostname.includes('.')) return 'not a well-formed URL (host)';
    const repoFile = new RegExp(`^${REPO_URL}/(?:blob|tree)/main/([^#?]+)$`).exec(`${url.origin}${url.pathname}`);
    if (repoFile) return checkRepoPath(root, decodeURIComponent(repoFile[1]!), url.hash.slice(1) || undefined);
    return undefined;
  }
  const [path = '', anchor] = target.split('#', 2);
  if (path === '') return anchorsOf(markdown).has(decodeURIComponent(anchor ?? '')) ? undefined : `no heading #${anchor} in this file`;
  if (path.startsWith('/')) return `an absolute path; use a relative link or ${REPO_URL}/blob/main/<path>`;
  const repoPath = normalize(join(dirname(file), decodeURIComponent(path))).replace(/\\/g, '/').replace(/\/$/, '');
  const missing = checkRepoPath(root, repoPath, anchor);
  if (missing !== undefined || pkg === undefined) return missing;
  const inPackage = relative(pkg.dir, repoPath).replace(/\\/g, '/');
  if (inPackage.startsWith('..') || !shippedBy(pkg, inPackage)) {
    return `not in the ${pkg.dir} tarball, so broken on npm: link ${REPO_URL}/blob/main/${repoPath}${anchor === undefined ? '' : `#${anchor}`}`;
  }
  return undefined;
}
