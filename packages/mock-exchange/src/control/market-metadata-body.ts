import { MockExchangeError } from '../errors.js';
import type { MarketMetadataChange } from '../history/market-metadata.js';

const FIELDS = ['yes_sub_title', 'strike_type', 'floor_strike', 'cap_strike', 'custom_strike'] as const;

function typed(body: Record<string, unknown>, field: string, type: 'string' | 'number' | 'object'): unknown {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== type || value === null) throw new MockExchangeError('INVALID_PARAMETER', `${field} must be a ${type === 'object' ? 'JSON object' : type}`, { field, value });
  return value;
}

/**
 * The {@link MarketMetadataChange} of a `POST /__mock/markets/{ticker}/metadata` body (snake_case
 * fields as on Kalshi's wire). Values are checked further by `MarketMetadata.update`.
 * @throws MockExchangeError `INVALID_PARAMETER` naming a field of the wrong JSON type, or an unknown field.
 */
export function marketMetadataChange(body: Record<string, unknown>): MarketMetadataChange {
  const unknown = Object.keys(body).find((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined) {
    throw new MockExchangeError('INVALID_PARAMETER', `${unknown} is not a metadata field (one of ${FIELDS.join(', ')})`, { field: unknown, value: body[unknown] });
  }
  const change: Record<string, unknown> = {
    yesSubTitle: typed(body, 'yes_sub_title', 'string'),
    strikeType: typed(body, 'strike_type', 'string'),
    floorStrike: typed(body, 'floor_strike', 'number'),
    capStrike: typed(body, 'cap_strike', 'number'),
    customStrike: typed(body, 'custom_strike', 'object'),
  };
  for (const key of Object.keys(change)) if (change[key] === undefined) delete change[key];
  return change as MarketMetadataChange;
}
