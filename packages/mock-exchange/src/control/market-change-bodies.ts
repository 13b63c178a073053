import { MockExchangeError } from '../errors.js';
import type { PriceLevelStructureChange } from '../engine/market-changes.js';
import type { PriceLevelStructure, PriceRangeInput } from '../engine/markets.js';
import { DATE_TIME } from '../fixtures/schema-node.js';
import { isRealDate } from '../fixtures/validate.js';

type Json = Record<string, unknown>;

/** `value` as JSON (so strings show their quotes), or `String(value)` for what JSON cannot show. */
const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

function invalid(field: string, value: unknown, what: string): never {
  throw new MockExchangeError('INVALID_PARAMETER', `${field} must be ${what}, got ${shown(value)}`, { field, value });
}

/** Refuses a field outside `fields`, naming it and its value. */
function onlyFields(body: Json, fields: readonly string[]): void {
  const unknown = Object.keys(body).find((k) => !fields.includes(k));
  if (unknown !== undefined) {
    const value = body[unknown];
    throw new MockExchangeError('INVALID_PARAMETER', `${unknown} (${shown(value)}) is not a field here (one of ${fields.join(', ')})`, { field: unknown, value });
  }
}

function required(body: Json, field: string, what: string): unknown {
  const value = body[field];
  if (value === undefined) throw new MockExchangeError('INVALID_PARAMETER', `${field} is required (${what})`, { field });
  return value;
}

/**
 * The close time (Unix ms) of a `POST /__mock/markets/{ticker}/close_time` body: `close_time`, an
 * ISO 8601 date-time with a zone, as REST `Market.close_time` shows it.
 * @throws MockExchangeError `INVALID_PARAMETER` naming the field (`close_time`, or an unknown one) and value.
 */
export function closeTimeChange(body: Json): number {
  onlyFields(body, ['close_time']);
  const what = 'an ISO 8601 date-time with a zone, such as 2026-07-01T00:00:00Z';
  const value = required(body, 'close_time', what);
  if (typeof value !== 'string' || !new RegExp(DATE_TIME).test(value) || !isRealDate(value)) invalid('close_time', value, what);
  return Date.parse(value);
}

function priceRange(value: unknown, i: number): PriceRangeInput {
  const field = `price_ranges[${i}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, value, 'a {start, end, step} object');
  const range = value as Json;
  onlyFields(range, ['start', 'end', 'step']);
  for (const key of ['start', 'end', 'step']) {
    if (typeof range[key] !== 'string') invalid(`${field}.${key}`, range[key], 'a dollar string');
  }
  return { start: range['start'] as string, end: range['end'] as string, step: range['step'] as string };
}

/**
 * The change of a `POST /__mock/markets/{ticker}/price_level_structure` body: `price_level_structure`
 * and optional `price_ranges` (`[{start, end, step}]`, dollar strings), as REST `Market` shows them.
 * The structure's name and the bands' values are checked by `setPriceLevelStructure`.
 * @throws MockExchangeError `INVALID_PARAMETER` naming the field and value of a missing or mistyped field, or an unknown one.
 */
export function priceLevelStructureChange(body: Json): PriceLevelStructureChange {
  onlyFields(body, ['price_level_structure', 'price_ranges']);
  const priceLevelStructure = required(body, 'price_level_structure', 'linear_cent, deci_cent or tapered_deci_cent') as PriceLevelStructure;
  const ranges = body['price_ranges'];
  if (ranges === undefined) return { priceLevelStructure };
  if (!Array.isArray(ranges)) invalid('price_ranges', ranges, 'an array of {start, end, step} objects');
  return { priceLevelStructure, priceRanges: ranges.map(priceRange) };
}
