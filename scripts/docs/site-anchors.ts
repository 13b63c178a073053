/**
 * Heading anchors as GitHub and npm make them. TypeDoc slugs a Markdown heading from its plain text
 * only (`### Prices: \`pyth_value\`` gets `prices-`), while GitHub keeps the code (`prices-pyth_value`),
 * and the READMEs and guides link the GitHub way. Each rendered heading whose GitHub slug differs
 * gets that slug as a second anchor, so both links land on it.
 */

/** GitHub's slug of a heading's text: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const HEADING = /<h([1-6]) id="([^"]*)" class="tsd-anchor-link">(.*?)<a href="#\2"/g;

/** `html` with a GitHub-slug anchor added inside every TypeDoc heading whose own id differs. */
export function addGithubAnchors(html: string): string {
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
  return html.replace(HEADING, (whole, level: string, id: string, inner: string) => {
    const text = inner.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e] ?? '');
    const slug = githubSlug(text);
    if (slug === id || slug === '' || ids.has(slug)) return whole;
    ids.add(slug);
    return whole.replace(`<h${level} id="${id}" class="tsd-anchor-link">`, `<h${level} id="${id}" class="tsd-anchor-link"><a id="${slug}"></a>`);
  });
}
