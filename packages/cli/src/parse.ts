import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number ≥ 1, naming `flag` in its error. */
export function positiveInt(flag: string): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) throw new InvalidArgumentError(`${flag} must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
    return Number(raw);
  };
}

/** A commander parser for a dollar amount (exact, never a float), naming `flag` in its error. */
export function dollarsArg(flag: string): (raw: string) => Dollars {
  return (raw) => {
    try {
      return Dollars.parse(raw, flag);
    } catch (error) {
      throw new InvalidArgumentError(`${flag} must be dollars like 0.45, got ${JSON.stringify(raw)}: ${(error as Error).message}`);
    }
  };
}

/** A commander parser for a contract count (0.01 granularity), naming `flag` in its error. */
export function contractsArg(flag: string): (raw: string) => Contracts {
  return (raw) => {
    try {
      return Contracts.parse(raw, flag);
    } catch (error) {
      throw new InvalidArgumentError(`${flag} must be a contract count like 10 or 2.5, got ${JSON.stringify(raw)}: ${(error as Error).message}`);
    }
  };
}

/** A commander parser for a time: an ISO 8601 date or date-time, or Unix seconds. Returns Unix seconds. */
export function timeArg(flag: string): (raw: string) => number {
  return (raw) => {
    if (/^\d+$/.test(raw)) return Number(raw);
    const ms = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) throw new InvalidArgumentError(`${flag} must be an ISO date (2026-01-31, 2026-01-31T12:00:00Z) or Unix seconds, got ${JSON.stringify(raw)}`);
    return Math.floor(ms / 1000);
  };
}

/** A commander parser for one of `choices`, naming `flag` in its error. */
export function choiceArg<T extends string>(flag: string, choices: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(choices as readonly string[]).includes(raw)) throw new InvalidArgumentError(`${flag} must be one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
    return raw as T;
  };
}
