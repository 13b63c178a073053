/**
 * Stable codes of {@link KalshiAuthError}. Match on these, never on the message.
 *
 * - `KEY_MALFORMED`: not a readable private key (bad PEM armor or base64, truncated DER,
 *   a public key or certificate where a private key is needed, an OpenSSH-format key).
 * - `KEY_UNSUPPORTED_TYPE`: a well-formed key of an algorithm Kalshi API keys do not use (EC,
 *   Ed448, X25519, X448, DSA, RSA-PSS-only). Kalshi keys are RSA or Ed25519.
 * - `KEY_ENCRYPTED`: an encrypted key and no passphrase (or a signer that cannot decrypt).
 * - `KEY_PASSPHRASE_WRONG`: the passphrase does not decrypt the key.
 * - `KEY_FILE_UNREADABLE`: the input was taken as a file path and the file cannot be read.
 * - `PATH_INVALID`: a request path that is not under `/trade-api/`.
 * - `SIGN_FAILED`: the crypto backend refused to sign (key too small for PSS-32, no WebCrypto,
 *   a WebCrypto without Ed25519).
 * - `CREDENTIALS_INVALID`: a `credentials` value or the `KALSHI_*` environment variables do not
 *   form one usable credential (a missing API key id, a key and a signer together, both
 *   `KALSHI_PRIVATE_KEY` and `KALSHI_PRIVATE_KEY_PATH`); `field` names the option or variable.
 */
export type KalshiAuthErrorCode =
  | 'KEY_MALFORMED'
  | 'KEY_UNSUPPORTED_TYPE'
  | 'KEY_ENCRYPTED'
  | 'KEY_PASSPHRASE_WRONG'
  | 'KEY_FILE_UNREADABLE'
  | 'PATH_INVALID'
  | 'SIGN_FAILED'
  | 'CREDENTIALS_INVALID';

/**
 * Non-secret facts attached to a {@link KalshiAuthError}. Never key material, passphrases,
 * signatures or PEM bodies: only labels, algorithm names, paths and library error codes.
 */
export interface KalshiAuthErrorFacts {
  /** The PEM armor label, e.g. `'EC PRIVATE KEY'`. */
  readonly pemLabel?: string;
  /** The key algorithm found, e.g. `'ec'`, `'ed25519'`, or a dotted OID such as `'1.2.840.10045.2.1'`. */
  readonly keyType?: string;
  /** The file path that could not be read (only when the input was taken as a path). */
  readonly filePath?: string;
  /** The request path or URL that was refused (`PATH_INVALID`). */
  readonly path?: string;
  /** The error code of the crypto or file-system layer, e.g. `'ERR_OSSL_BAD_DECRYPT'`, `'ENOENT'`, `'DataError'`. */
  readonly causeCode?: string;
  /** The option or environment variable at fault (`CREDENTIALS_INVALID`), e.g. `'credentials.apiKeyId'`, `'KALSHI_PRIVATE_KEY'`. */
  readonly field?: string;
}

/**
 * The one error type of `@kalshi-sdk/auth`. `code` is stable; the other fields are facts for the
 * user. The underlying crypto error is deliberately not attached as `cause`, so nothing from the
 * key can reach logs through it.
 */
export class KalshiAuthError extends Error implements KalshiAuthErrorFacts {
  override readonly name = 'KalshiAuthError';
  readonly code: KalshiAuthErrorCode;
  readonly pemLabel?: string;
  readonly keyType?: string;
  readonly filePath?: string;
  readonly path?: string;
  readonly causeCode?: string;
  readonly field?: string;

  constructor(code: KalshiAuthErrorCode, message: string, facts: KalshiAuthErrorFacts = {}) {
    super(message);
    this.code = code;
    if (facts.pemLabel !== undefined) this.pemLabel = facts.pemLabel;
    if (facts.keyType !== undefined) this.keyType = facts.keyType;
    if (facts.filePath !== undefined) this.filePath = facts.filePath;
    if (facts.path !== undefined) this.path = facts.path;
    if (facts.causeCode !== undefined) this.causeCode = facts.causeCode;
    if (facts.field !== undefined) this.field = facts.field;
  }
}

/** The `code` of a thrown library error (Node `err.code`, DOMException `name`), if it is a plain identifier. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  const candidate = typeof code === 'string' ? code : typeof name === 'string' ? name : undefined;
  // Only identifier-like codes: never echo free text from a lower layer.
  return candidate !== undefined && /^[A-Za-z0-9_]{1,64}$/.test(candidate) ? candidate : undefined;
}
