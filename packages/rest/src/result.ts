import { generateError } from './error-factory.js';
import { factsByRoute } from './operation-facts.js';
import { urlPath } from './signing-path.js';

/**
 * The success body of an openapi-fetch result, for helpers that accept either kind of client:
 * a throwing client has already thrown; a `throwOnError: false` one is checked here.
 * @throws KalshiApiError when the response is not 2xx.
 */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }, method: string, pathTemplate: string): T {
  if (result.response.ok) return result.data as T;
  const facts = factsByRoute(method, pathTemplate);
  throw generateError({
    ...(facts ? { operationId: facts.operationId } : {}),
    method,
    path: result.response.url ? urlPath(result.response.url) : pathTemplate,
    response: result.response,
    body: result.error,
  });
}
