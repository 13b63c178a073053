import { isDigit } from './json-bytes.js';

/** The fields of one recorded `orderbook_delta` line the replay applies. */
export interface DeltaLine {
  /** Receive time, Unix ms. */
  readonly t: number;
  readonly ticker: string;
  /** `yes` or `no` as recorded (checked by the caller). */
  readonly side: string;
  /** The level's own price (NO price for `no`), wire text. */
  readonly price: string;
  /** Signed change of the level, contracts, wire text. */
  readonly delta: string;
}

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const CLOSE = 125;
const HEAD = '{"t":';
/** A backslash or a control character: JSON escapes, or text JSON refuses inside a string. */
const ESCAPE_OR_CONTROL = /[\u0000-\u001f\\]/;
const FRAME = ',"frame":{"type":"orderbook_delta"';

/**
 * Reads a recorder line for a Kalshi `orderbook_delta` frame without `JSON.parse`, when it has the
 * exact shape the recorder writes: `{"t":N,"frame":{"type":"orderbook_delta",…,"msg":{…}}}`, `type`
 * first and a flat `msg` last (Kalshi's member order), values only strings without escapes or
 * control characters and numbers without exponent, no whitespace, no repeated `type`, `msg` or
 * read key. Such text is valid JSON with the same meaning; any other line gets `undefined`, and the
 * caller parses it in full (and reports it as corrupt, if it is).
 */
export function parseDeltaLine(text: string): DeltaLine | undefined {
  if (!text.startsWith(HEAD) || ESCAPE_OR_CONTROL.test(text)) return undefined;
  let i = endOfNumber(text, HEAD.length);
  if (i < 0 || !text.startsWith(FRAME, i)) return undefined;
  const t = Number(text.slice(HEAD.length, i));
  i += FRAME.length;
  // The frame's other members, up to `msg`.
  for (;;) {
    if (text.charCodeAt(i) !== COMMA) return undefined;
    i++;
    if (text.startsWith('"msg":{', i)) break;
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0 || text.charCodeAt(keyEnd) !== COLON || text.startsWith('"type"', i) || text.startsWith('"msg"', i)) return undefined;
    i = endOfValue(text, keyEnd + 1);
    if (i < 0) return undefined;
  }
  i += 7;
  let ticker: string | undefined;
  let side: string | undefined;
  let price: string | undefined;
  let delta: string | undefined;
  for (;;) {
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0 || text.charCodeAt(keyEnd) !== COLON) return undefined;
    const valueAt = keyEnd + 1;
    const valueEnd = endOfValue(text, valueAt);
    if (valueEnd < 0) return undefined;
    const isString = text.charCodeAt(valueAt) === QUOTE;
    const key = keyEnd - i;
    // Keys compared by length, then text (no key repeats; a value read must be a string).
    if (key === 15 && text.startsWith('"market_ticker"', i)) {
      if (ticker !== undefined || !isString) return undefined;
      ticker = text.slice(valueAt + 1, valueEnd - 1);
    } else if (key === 6 && text.startsWith('"side"', i)) {
      if (side !== undefined || !isString) return undefined;
      side = text.slice(valueAt + 1, valueEnd - 1);
    } else if (key === 15 && text.startsWith('"price_dollars"', i)) {
      if (price !== undefined || !isString) return undefined;
      price = text.slice(valueAt + 1, valueEnd - 1);
    } else if (key === 10 && text.startsWith('"delta_fp"', i)) {
      if (delta !== undefined || !isString) return undefined;
      delta = text.slice(valueAt + 1, valueEnd - 1);
    }
    i = valueEnd;
    if (text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    break;
  }
  if (i + 3 !== text.length || !text.endsWith('}}}') || text.charCodeAt(i) !== CLOSE) return undefined;
  if (!Number.isFinite(t) || ticker === undefined || side === undefined || price === undefined || delta === undefined) return undefined;
  return { t, ticker, side, price, delta };
}

/** Index after a string value or a number value starting at `i`, or -1. */
function endOfValue(text: string, i: number): number {
  return text.charCodeAt(i) === QUOTE ? endOfString(text, i) : endOfNumber(text, i);
}

/** Index after the string starting with the quote at `i` (the caller has ruled out escapes and control characters), or -1. */
function endOfString(text: string, i: number): number {
  if (text.charCodeAt(i) !== QUOTE) return -1;
  const end = text.indexOf('"', i + 1);
  return end === -1 ? -1 : end + 1;
}

/** Index after a number `-?(0|[1-9][0-9]*)(\.[0-9]+)?` at `i`, or -1. */
function endOfNumber(text: string, i: number): number {
  if (text.charCodeAt(i) === MINUS) i++;
  const first = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === first || (i - first > 1 && text.charCodeAt(first) === 48)) return -1;
  if (text.charCodeAt(i) === DOT) {
    const fraction = ++i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === fraction) return -1;
  }
  return i;
}
