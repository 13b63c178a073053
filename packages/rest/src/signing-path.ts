/** The path prefix Kalshi signs every REST request under. */
export const API_ROOT = '/trade-api/v2';

function pathOnly(url: string): string {
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Returns the function mapping a request URL to the path Kalshi verifies its signature over:
 * `/trade-api/v2` + the operation path, without the query string, whatever host and base path
 * the request actually went to. With base URL `http://127.0.0.1:1234/trade-api/v2`,
 * `…/markets?limit=5` signs `/trade-api/v2/markets`; with a proxy base URL
 * `https://proxy.example/kalshi`, `https://proxy.example/kalshi/markets` signs the same.
 * Doc page: /getting_started/api_keys.
 *
 * @param baseUrl The client's base URL (no trailing slash).
 */
export function signingPathFor(baseUrl: string): (url: string) => string {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  // A base URL that already has a /trade-api/... root keeps that root.
  const at = basePath.indexOf('/trade-api/');
  const root = at === -1 ? API_ROOT : basePath.slice(at);
  return (url) => {
    if (url.startsWith(baseUrl) && (url.length === baseUrl.length || '/?#'.includes(url[baseUrl.length]!))) {
      return root + pathOnly(url.slice(baseUrl.length));
    }
    // The request went elsewhere (a per-call baseUrl): keep its own /trade-api/ path if it has one.
    const path = new URL(url).pathname;
    const i = path.indexOf('/trade-api/');
    return i === -1 ? API_ROOT + path : path.slice(i);
  };
}

/** The URL's path without query string or fragment, for error messages. */
export function urlPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start === -1 ? '/' : pathOnly(url.slice(start));
}
