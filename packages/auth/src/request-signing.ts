import { KalshiAuthError } from './errors.js';
import type { Signer } from './signer.js';

/** The three headers of an authenticated Kalshi REST request or WebSocket handshake. Doc page: /getting_started/api_keys. */
export interface KalshiAuthHeaders {
  /** The API key id (a UUID) shown when the key was created. */
  readonly 'KALSHI-ACCESS-KEY': string;
  /** Base64 signature of {@link requestSigningMessage}: RSA-PSS-SHA256 (salt 32) or Ed25519, by the API key's type. */
  readonly 'KALSHI-ACCESS-SIGNATURE': string;
  /** The same Unix time in milliseconds that was signed, as decimal digits. */
  readonly 'KALSHI-ACCESS-TIMESTAMP': string;
}

/** Input of {@link requestSigningMessage}. */
export interface RequestSigningInput {
  /** HTTP method, any case (`get`, `POST`); the WebSocket handshake is `GET`. */
  readonly method: string;
  /**
   * The request path from the API root, e.g. `/trade-api/v2/portfolio/orders?limit=5`, or the
   * full URL (`https://api.elections.kalshi.com/trade-api/v2/...`, `wss://.../trade-api/ws/v2`).
   * Query string and fragment are dropped; the host is ignored.
   */
  readonly path: string;
  /** Unix time in milliseconds (`Date.now()`), a non-negative integer. */
  readonly timestampMs: number;
}

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function signingPath(pathOrUrl: string): string {
  let path: string;
  if (URL_SCHEME.test(pathOrUrl)) {
    try {
      path = new URL(pathOrUrl).pathname;
    } catch {
      throw new KalshiAuthError('PATH_INVALID', `Not a valid URL: "${pathOrUrl}".`, { path: pathOrUrl });
    }
  } else {
    path = pathOrUrl.replace(/[?#].*$/s, '');
  }
  if (!path.startsWith('/trade-api/')) {
    throw new KalshiAuthError(
      'PATH_INVALID',
      `Kalshi signs the full path from the API root, e.g. "/trade-api/v2/portfolio/balance"; got "${pathOrUrl}".`,
      { path: pathOrUrl },
    );
  }
  return path;
}

/**
 * The string Kalshi expects signed for a REST request or the WebSocket handshake:
 * `timestampMs + METHOD + path`, with the path taken from the API root and the query string
 * stripped, e.g. `1703123456789GET/trade-api/v2/portfolio/orders`. Doc page: /getting_started/api_keys.
 *
 * @throws KalshiAuthError `PATH_INVALID` when the path is not under `/trade-api/` or the URL does not parse.
 * @throws RangeError when `timestampMs` is not a non-negative safe integer.
 */
export function requestSigningMessage(input: RequestSigningInput): string {
  const { method, path, timestampMs } = input;
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) {
    throw new RangeError(`timestampMs must be a non-negative integer of milliseconds, got ${String(timestampMs)}`);
  }
  return `${timestampMs}${method.toUpperCase()}${signingPath(path)}`;
}

/** Input of {@link signRequest}. */
export interface SignRequestInput extends RequestSigningInput {
  /** Who signs: {@link createNodeSigner}, `createWebCryptoSigner`, or your own HSM/KMS {@link Signer}. */
  readonly signer: Signer;
  /** The API key id (UUID) that goes in `KALSHI-ACCESS-KEY`. */
  readonly apiKeyId: string;
}

/**
 * Signs one REST request (or the WebSocket handshake, `GET /trade-api/ws/v2`) and returns the
 * three `KALSHI-ACCESS-*` headers to send with it. Sign each request with a fresh `Date.now()`.
 * Doc page: /getting_started/api_keys.
 *
 * @throws KalshiAuthError `PATH_INVALID`; rejects with whatever the signer rejects with (`SIGN_FAILED` for the built-in ones).
 * @throws RangeError for a bad `timestampMs`.
 */
export async function signRequest(input: SignRequestInput): Promise<KalshiAuthHeaders> {
  const message = requestSigningMessage(input);
  return {
    'KALSHI-ACCESS-KEY': input.apiKeyId,
    'KALSHI-ACCESS-SIGNATURE': await input.signer.sign(message),
    'KALSHI-ACCESS-TIMESTAMP': String(input.timestampMs),
  };
}
