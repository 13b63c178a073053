import { KalshiFixError } from '../codec/errors.js';

/** Why a session store failed. */
export type FixStoreErrorCode =
  /** Reading or writing the store's files failed; `causeCode` has the system error code. */
  | 'FIX_STORE_IO'
  /** The sequence-number file does not hold two positive sequence numbers. */
  | 'FIX_STORE_CORRUPT'
  /** A sequence number is not a positive safe integer. */
  | 'FIX_STORE_BAD_SEQ_NUM';

/** A session store error. Assert on `code`. */
export class FixStoreError extends KalshiFixError {
  override readonly name = 'FixStoreError';
  readonly code: FixStoreErrorCode;
  /** The file involved, if any. */
  readonly path: string | undefined;
  readonly causeCode: string | undefined;

  constructor(code: FixStoreErrorCode, message: string, facts: { path?: string; causeCode?: string; cause?: unknown } = {}) {
    super(`${code}: ${message}`, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    this.path = facts.path;
    this.causeCode = facts.causeCode;
  }
}
