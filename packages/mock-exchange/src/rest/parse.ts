import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';

/** A parsed JSON request body object. */
export type JsonObject = Record<string, unknown>;

/** The body as an object. Throws `BAD_REQUEST` (Kalshi's top-level `bad_request`) for anything else. */
export function bodyObject(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockExchangeError('BAD_REQUEST', 'request body must be a JSON object', { field: 'body' });
  }
  return body as JsonObject;
}

/** An optional field of JSON type `type`. Throws `BAD_REQUEST` for a value of another type. */
function typed<T>(obj: JsonObject, field: string, type: 'string' | 'boolean' | 'number'): T | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) {
    throw new MockExchangeError('BAD_REQUEST', `${field} must be a ${type}`, { field, value });
  }
  return value as T;
}

/** An optional string field. */
export function optionalString(obj: JsonObject, field: string): string | undefined {
  return typed<string>(obj, field, 'string');
}

/** An optional boolean field. */
export function optionalBoolean(obj: JsonObject, field: string): boolean | undefined {
  return typed<boolean>(obj, field, 'boolean');
}

/** An optional integer field (`min` inclusive). Throws `BAD_REQUEST` for a non-integer, `INVALID_PARAMETER` below `min`. */
export function optionalInteger(obj: JsonObject, field: string, min?: number): number | undefined {
  const value = typed<number>(obj, field, 'number');
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) throw new MockExchangeError('BAD_REQUEST', `${field} must be an integer`, { field, value });
  if (min !== undefined && value < min) {
    throw new MockExchangeError('INVALID_PARAMETER', `${field} must be at least ${min}`, { field, value });
  }
  return value;
}

/** A required string field; `missing` is the error code when it is absent or empty. */
export function requiredString(obj: JsonObject, field: string, missing: 'MISSING_PARAMETER' | 'INVALID_ORDER'): string {
  const value = optionalString(obj, field);
  if (value === undefined || value === '') throw new MockExchangeError(missing, `${field} is required`, { field });
  return value;
}

/** A required string field with one of `allowed` values. */
export function requiredEnum<T extends string>(
  obj: JsonObject,
  field: string,
  allowed: readonly T[],
  invalid: 'INVALID_ORDER' | 'INVALID_PARAMETER',
): T {
  const value = optionalString(obj, field);
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new MockExchangeError(invalid, `${field} must be one of ${allowed.join(', ')}`, { field, value });
  }
  return value as T;
}

/** A `FixedPointCount` string. `code` names the error when it does not parse. */
export function countField(obj: JsonObject, field: string, code: 'INVALID_ORDER' | 'INVALID_PARAMETER'): Contracts | undefined {
  const wire = optionalString(obj, field);
  if (wire === undefined) return undefined;
  try {
    return Contracts.parse(wire, field);
  } catch {
    throw new MockExchangeError(code, `${field} is not a contract count with at most 2 decimals`, { field, value: wire });
  }
}

/** A `FixedPointDollars` price string (at most 4 decimals). */
export function priceField(obj: JsonObject, field: string): Dollars | undefined {
  const wire = optionalString(obj, field);
  if (wire === undefined) return undefined;
  try {
    return Dollars.parse(wire, field);
  } catch {
    throw new MockExchangeError('INVALID_ORDER', `${field} is not a dollar price with at most 4 decimals`, { field, value: wire });
  }
}

/** An integer query parameter (`min`/`max` inclusive). Throws `INVALID_PARAMETER`. */
export function queryInteger(query: URLSearchParams, name: string, range: { min: number; max: number }): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new MockExchangeError('INVALID_PARAMETER', `${name} must be an integer from ${range.min} to ${range.max}`, {
      field: name,
      value: text,
    });
  }
  return value;
}

/** A comma-separated query parameter as a list (empty entries dropped). */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  return text.split(',').filter((s) => s !== '');
}

/** The `min_ts` / `max_ts` query parameters (Unix seconds) as inclusive Unix ms bounds. */
export function queryTimeRange(query: URLSearchParams): { min: number; max: number } {
  const min = queryInteger(query, 'min_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
  const max = queryInteger(query, 'max_ts', { min: 0, max: Number.MAX_SAFE_INTEGER });
  return { min: min === undefined ? -Infinity : min * 1000, max: max === undefined ? Infinity : max * 1000 + 999 };
}
