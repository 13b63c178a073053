/** UTCTimestamp (FIX type) text ↔ epoch milliseconds, for SendingTime(52), TransactTime(60) and friends. */
import { FixDecodeError } from './errors.js';
import { ascii } from './compiled-dictionary.js';
import { isUtcTimestamp } from './value-format.js';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Formats a time as a FIX UTCTimestamp with milliseconds: `YYYYMMDD-HH:MM:SS.sss`.
 * @param time epoch milliseconds or a Date
 * @throws RangeError when the time is not a finite date in years 0000-9999
 */
export function formatUtcTimestamp(time: number | Date): string {
  const d = new Date(typeof time === 'number' ? time : time.getTime());
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError('time is not a date in years 0000-9999');
  return (
    `${pad(year, 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}-` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/**
 * Parses a FIX UTCTimestamp (`YYYYMMDD-HH:MM:SS`, optionally with 3, 6, 9 or 12 fractional
 * digits) to epoch milliseconds; digits past milliseconds are truncated, and a leap second
 * (`23:59:60.sss`) lands on 00:00:00.sss of the next day. Accepts exactly the texts the decoder
 * accepts in a UTCTimestamp field.
 * @throws FixDecodeError `FIX_BAD_VALUE_FORMAT` (offset 0) when the text is not a UTCTimestamp,
 *   including impossible dates and times (`20260231-…`, `…-24:00:00`, `…-12:00:60`)
 */
export function parseUtcTimestamp(text: string): number {
  const b = ascii(text);
  if (!/^[\x20-\x7e]*$/.test(text) || !isUtcTimestamp(b, 0, b.length)) {
    throw new FixDecodeError('FIX_BAD_VALUE_FORMAT', { offset: 0 });
  }
  const n = (s: number, len: number) => Number(text.slice(s, s + len));
  const [year, month, day] = [n(0, 4), n(4, 2), n(6, 2)];
  const d = new Date(0);
  // isUtcTimestamp accepted only real dates (no 20260231 rolling over to March).
  d.setUTCFullYear(year, month - 1, day);
  const fraction = text.length > 18 ? Number(text.slice(18, 21).padEnd(3, '0')) : 0;
  // A leap second (:60) lands on the next second.
  return d.setUTCHours(n(9, 2), n(12, 2), n(15, 2), fraction);
}
