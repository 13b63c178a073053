import { KalshiFixError } from '../codec/errors.js';

/** Why a FIX transport could not be opened. */
export type FixTransportErrorCode =
  /** Plain TCP was asked for a host that is not a loopback address: Kalshi requires TLS. */
  | 'FIX_PLAINTEXT_NOT_LOOPBACK'
  /** The TCP connection or the TLS handshake failed; `causeCode` has the system or TLS error code. */
  | 'FIX_CONNECT_FAILED'
  /** No connection (and TLS handshake) within `connectTimeoutMs`. */
  | 'FIX_CONNECT_TIMEOUT'
  /** A TLS option asked for a protocol older than TLS 1.2. */
  | 'FIX_TLS_TOO_OLD'
  /** Unknown Kalshi FIX session or environment name. */
  | 'FIX_UNKNOWN_ENDPOINT';

/** Facts attached to a FixTransportError. */
export interface FixTransportErrorFacts {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  /** `code` of the underlying Node error (`ECONNREFUSED`, `ERR_SSL_...`). */
  readonly causeCode?: string | undefined;
  readonly cause?: unknown;
}

/** A FIX transport error. Assert on `code`. */
export class FixTransportError extends KalshiFixError {
  override readonly name = 'FixTransportError';
  readonly code: FixTransportErrorCode;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly causeCode: string | undefined;

  constructor(code: FixTransportErrorCode, message: string, facts: FixTransportErrorFacts = {}) {
    super(`${code}: ${message}`, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.host = facts.host;
    this.port = facts.port;
    this.causeCode = facts.causeCode;
  }
}
