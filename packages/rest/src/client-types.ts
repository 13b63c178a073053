import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit, Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';

/** HTTP methods openapi-fetch knows. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

type Media = `${string}/${string}`;

type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** openapi-fetch's rule: the init argument is required exactly when it has a required key (path params, a body). */
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** Every path of the spec that has method `M`. */
export type PathsWith<M extends HttpMethod> = ClientPathsWithMethod<Client<paths>, M>;

/**
 * The result of a {@link KalshiClient} call: an HTTP error has already been thrown as
 * `KalshiApiError`, so `data` is the success body (typed by the spec; `undefined` for 204s).
 */
export interface KalshiResult<Operation, Init> {
  readonly data: Exclude<FetchResponse<Extract<Operation, Record<string | number, any>>, Init, Media>['data'], undefined>;
  readonly error?: never;
  readonly response: Response;
}

/** One method of {@link KalshiClient}, e.g. `GET(path, init?)`. */
export type KalshiMethod<M extends HttpMethod> = <P extends PathsWith<M>, Init extends MaybeOptionalInit<paths[P], M>>(
  url: P,
  ...init: InitParam<Init>
) => Promise<KalshiResult<paths[P][M], Init>>;

/**
 * The client {@link createClient} returns by default: openapi-fetch's `Client<paths>` whose
 * calls throw `KalshiApiError` on any non-2xx status, so `data` is never undefined.
 * `createClient({ throwOnError: false })` returns the plain `Client<paths>` (`{ data, error }`).
 */
export interface KalshiClient {
  /** Calls a GET endpoint. @throws KalshiApiError, KalshiNetworkError, KalshiTimeoutError, KalshiResponseError */
  readonly GET: KalshiMethod<'get'>;
  /** Calls a PUT endpoint. @throws as {@link KalshiClient.GET} */
  readonly PUT: KalshiMethod<'put'>;
  /** Calls a POST endpoint. @throws as {@link KalshiClient.GET} */
  readonly POST: KalshiMethod<'post'>;
  /** Calls a DELETE endpoint. @throws as {@link KalshiClient.GET} */
  readonly DELETE: KalshiMethod<'delete'>;
  /** Calls a PATCH endpoint. @throws as {@link KalshiClient.GET} */
  readonly PATCH: KalshiMethod<'patch'>;
  /** Calls any endpoint by method name. @throws as {@link KalshiClient.GET} */
  readonly request: <M extends HttpMethod, P extends PathsWith<M>, Init extends MaybeOptionalInit<paths[P], M>>(
    method: M,
    url: P,
    ...init: InitParam<Init>
  ) => Promise<KalshiResult<paths[P][M], Init>>;
  /** Adds openapi-fetch middleware; it runs inside the error mapping, around each call (not each retry). */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

/** Either kind of client {@link createClient} returns; the helpers accept both. */
export type AnyKalshiClient = KalshiClient | Client<paths>;
