/**
 * Checks a call before anything is sent: an operation that needs credentials on a client without
 * them (`REST_CREDENTIALS_REQUIRED`), and outside production a method + path template the spec
 * does not have (`REST_UNKNOWN_PATH`, with the closest known path).
 */
import type { HeadersOptions } from 'openapi-fetch';
import { KalshiConfigError } from './errors.js';
import { allFacts, type OperationFacts } from './operation-facts.js';

/** Runs before a call is built, with the call's own headers (`headers`, `params.header`); throws to refuse it. */
export type CallCheck = (method: string, schemaPath: string, facts: OperationFacts | undefined, callHeaders: HeadersOptions | undefined, paramHeaders: HeadersOptions | undefined) => void;

/**
 * True unless `process.env.NODE_ENV` is `'production'` (also when there is no `process`, as in a
 * browser; bundlers that define `process.env.NODE_ENV` turn the check off in production builds).
 */
export function developmentBuild(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

/** An `Authorization` header (a user's OAuth bearer token, which the spec accepts on a few operations) in any header form. */
function hasAuthorization(headers: HeadersOptions | undefined): boolean {
  if (headers === undefined) return false;
  return new Headers(headers as ConstructorParameters<typeof Headers>[0]).has('authorization');
}

/** Edit distance (insert, delete, substitute) between two strings. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** A template whose literal segments match a concrete path (`/markets/{ticker}` for `/markets/KXA-1`). */
function templateOf(path: string, templates: readonly string[]): string | undefined {
  const parts = path.split('/');
  return templates.find((t) => {
    const tp = t.split('/');
    return tp.length === parts.length && tp.every((s, i) => s === parts[i] || (s.startsWith('{') && s.endsWith('}') && parts[i] !== ''));
  });
}

/**
 * The `REST_UNKNOWN_PATH` error for `METHOD schemaPath`: names the closest path template of that
 * method (a template matching a concrete path first, else the smallest edit distance), or the
 * methods the path does have.
 */
export function unknownPathError(method: string, schemaPath: string): KalshiConfigError {
  const facts = [...allFacts()];
  const otherMethods = facts.filter((f) => f.path === schemaPath).map((f) => f.method);
  if (otherMethods.length > 0) {
    return new KalshiConfigError('path', `${method} ${schemaPath} is not in Kalshi's API; that path takes ${otherMethods.join(', ')}.`, 'REST_UNKNOWN_PATH', {
      method,
      path: schemaPath,
    });
  }
  const templates = facts.filter((f) => f.method === method).map((f) => f.path);
  let suggestion = templateOf(schemaPath, templates);
  const concrete = suggestion !== undefined;
  if (suggestion === undefined) {
    let best = Number.POSITIVE_INFINITY;
    for (const t of templates) {
      const d = editDistance(schemaPath, t);
      if (d < best) [best, suggestion] = [d, t];
    }
  }
  const hint = concrete ? ' (pass path parameters in params.path, not in the path)' : '';
  return new KalshiConfigError(
    'path',
    `${method} ${schemaPath} is not in Kalshi's API${suggestion === undefined ? '.' : `; did you mean '${suggestion}'?${hint}`}`,
    'REST_UNKNOWN_PATH',
    { method, path: schemaPath, ...(suggestion === undefined ? {} : { suggestion }) },
  );
}

/**
 * The check a client runs before each call, or undefined when there is nothing to check (a client
 * with credentials in production), so such calls pay nothing.
 * @param signed The client has credentials.
 * @param checkPaths Refuse unknown paths (development builds).
 * @param clientHeaders The client's `headers` option (an `Authorization` there lets secured calls through).
 */
export function createCallCheck(signed: boolean, checkPaths: boolean, clientHeaders: HeadersOptions | undefined): CallCheck | undefined {
  if (signed && !checkPaths) return undefined;
  const clientAuthorization = hasAuthorization(clientHeaders);
  return (method, schemaPath, facts, callHeaders, paramHeaders) => {
    if (facts === undefined) {
      if (checkPaths) throw unknownPathError(method, schemaPath);
      return;
    }
    if (signed || !facts.authenticated || clientAuthorization || hasAuthorization(callHeaders) || hasAuthorization(paramHeaders)) return;
    throw new KalshiConfigError(
      'credentials',
      `${facts.operationId} (${method} ${facts.path}) needs credentials: pass createClient({ credentials: { apiKeyId, privateKey } }) or set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY / KALSHI_PRIVATE_KEY_PATH.`,
      'REST_CREDENTIALS_REQUIRED',
      { operationId: facts.operationId, method, path: facts.path },
    );
  };
}
