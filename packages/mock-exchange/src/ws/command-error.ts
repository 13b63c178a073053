import type { WsErrorCode } from './channels.js';
import type { GuardErrorCode } from './command-guards.js';

/** A command failure: the error code and, optionally, the markets it is about. */
export class CommandError {
  constructor(
    readonly code: WsErrorCode | GuardErrorCode,
    readonly marketTickers?: string[],
  ) {}
}

/** Ends the command with an `error` frame of `code`. */
export function fail(code: WsErrorCode | GuardErrorCode, marketTickers?: string[]): never {
  throw new CommandError(code, marketTickers);
}

/** Fails with the guard's code, if it gave one. */
export function check(code: GuardErrorCode | undefined): void {
  if (code !== undefined) fail(code);
}
