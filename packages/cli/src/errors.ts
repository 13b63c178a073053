import { KalshiAuthError } from '@kalshi-sdk/auth';
import { FixedPointError } from '@kalshi-sdk/fixed-point';
import { KalshiApiError, KalshiConfigError, KalshiOrderError, KalshiRestError } from '@kalshi-sdk/rest';
import { KalshiWsError } from '@kalshi-sdk/ws';
import { CommanderError } from 'commander';

/**
 * Exit statuses of `kalshi`: 0 done; 1 a failure that is not the caller's input (network, a 5xx);
 * 2 bad input (a usage error, an unknown ticker or order, a bad price or count, a missing or refused
 * key, a production write without confirmation); 130 interrupted by SIGINT.
 */
export const EXIT_CODES = { ok: 0, failure: 1, badInput: 2, interrupted: 130 } as const;

/** Stable codes of {@link KalshiCliError}. */
export type KalshiCliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_BAD_INPUT'
  | 'CLI_NOT_FOUND'
  | 'CLI_NO_CREDENTIALS'
  | 'CLI_AUTH'
  | 'CLI_CONFIG'
  | 'CLI_CONFIRMATION_REQUIRED'
  | 'CLI_FAILED';

/** A failure `kalshi` reports as one line on stderr; `exitCode` is 2 for bad input, else 1. */
export class KalshiCliError extends Error {
  override readonly name = 'KalshiCliError';
  readonly code: KalshiCliErrorCode;
  readonly exitCode: number;

  constructor(code: KalshiCliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitCode = code === 'CLI_FAILED' ? EXIT_CODES.failure : EXIT_CODES.badInput;
  }
}

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;

/** One line, with any PEM block replaced (the SDK's errors are already redacted; this is a second net). */
export function oneLine(text: string): string {
  return text.replace(PEM_BLOCK, '[redacted]').replace(/\s*\n\s*/g, ' ').trim();
}

function apiError(error: KalshiApiError): KalshiCliError {
  const said = error.kalshiMessage ?? error.kalshiCode ?? `HTTP ${error.status}`;
  switch (error.kind) {
    case 'not_found':
      return new KalshiCliError('CLI_NOT_FOUND', `not found: ${error.method} ${error.path} (${said})`, { cause: error });
    case 'auth':
      return new KalshiCliError('CLI_AUTH', `Kalshi refused the credentials (${error.status}: ${said}): check the key id, the private key and the clock`, { cause: error });
    case 'validation':
    case 'conflict':
      return new KalshiCliError('CLI_BAD_INPUT', `Kalshi refused the request (${error.status}: ${said})`, { cause: error });
    default:
      return new KalshiCliError('CLI_FAILED', error.message, { cause: error });
  }
}

/** Maps anything thrown by a command to a {@link KalshiCliError} with its exit status. */
export function toCliError(error: unknown): KalshiCliError {
  if (error instanceof KalshiCliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CommanderError) return new KalshiCliError('CLI_USAGE', error.message.replace(/^error: /, ''), { cause: error });
  if (error instanceof KalshiApiError) return apiError(error);
  if (error instanceof KalshiOrderError) return new KalshiCliError('CLI_BAD_INPUT', message, { cause: error });
  if (error instanceof KalshiConfigError) return new KalshiCliError('CLI_BAD_INPUT', message, { cause: error });
  if (error instanceof FixedPointError) return new KalshiCliError('CLI_BAD_INPUT', message, { cause: error });
  if (error instanceof KalshiAuthError) return new KalshiCliError('CLI_AUTH', `the private key cannot be used: ${error.message}`, { cause: error });
  if (error instanceof KalshiWsError) {
    if (error.code === 'WS_HANDSHAKE_REJECTED' || error.code === 'WS_SIGNING_FAILED') return new KalshiCliError('CLI_AUTH', `WebSocket: ${error.message}`, { cause: error });
    return new KalshiCliError('CLI_FAILED', `WebSocket: ${error.message}`, { cause: error });
  }
  if (error instanceof KalshiRestError) return new KalshiCliError('CLI_FAILED', message, { cause: error });
  return new KalshiCliError('CLI_FAILED', message, { cause: error });
}
