/**
 * The replay's reading of a recorded `orderbook_delta` line straight from the file's bytes: no
 * text decoded, no strings made but a new market's ticker, price and size read as integers. Only
 * the recorder's own shape of the line is taken (see {@link readDeltaBytes}); every other line is
 * decoded and goes to the text parsers, which accept it, or reject it naming its line.
 */

/** What {@link readDeltaBytes} read from one line; one object, overwritten line after line. */
export interface DeltaBytes {
  /** Byte range of the ticker (plain ASCII, no escapes) in the batch. */
  tickerStart: number;
  tickerEnd: number;
  /** `side` was `yes` (else `no`). */
  yes: boolean;
  /** The level's own price (NO price for `no`), centi-cents. */
  cc: number;
  /** Signed change of the level, hundredths of a contract. */
  hundredths: number;
}

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const COLON = 58;
const CLOSE = 125;
const NEWLINE = 10;
const BACKSLASH = 92;
const LETTER_M = 109;


// Buffers, as the batches are: one kind of array at every read, so the reads stay monomorphic.
const ascii = (text: string): string => text;
const HEAD = ascii('{"t":');
const FRAME = ascii(',"frame":{"type":"orderbook_delta"');
const MSG = ascii('"msg":{');
const TYPE = ascii('"type"');
const MSG_KEY = ascii('"msg"');
// The read keys with their colon: compared where a key starts, before scanning it as any key.
const TICKER = ascii('"market_ticker":');
const SIDE = ascii('"side":');
const PRICE = ascii('"price_dollars":');
const DELTA = ascii('"delta_fp":');
const LETTER_D = 100;
const LETTER_P = 112;
const LETTER_S = 115;
/** `msg` keys: none of the four read ones, `market_ticker`, `side`, `price_dollars`, `delta_fp`. */
const OTHER = 0;
const KEY_TICKER = 1;
const KEY_SIDE = 2;
const KEY_PRICE = 3;
const KEY_DELTA = 4;
const YES = ascii('"yes"');
const NO = ascii('"no"');
/** Whole digits of a size change read (sums of a few stay safe integers), as `hundredthsOfDelta`. */
const MAX_DELTA_DIGITS = 13;

/**
 * Reads the line starting at `start` of `bytes` (whole lines, each ending with a newline byte)
 * into `out`, when it has exactly the shape the recorder writes for a Kalshi `orderbook_delta`
 * frame, with plain numbers:
 * `{"t":<digits>,"frame":{"type":"orderbook_delta",…,"msg":{…}}}` — `type` first, other frame
 * members strings or numbers, a flat `msg` last whose members are strings or numbers; in it
 * `market_ticker`, `side` (`"yes"` / `"no"`), `price_dollars` (`0.d` to `0.dddd`) and `delta_fp`
 * (`-?(0|[1-9]d{0,12})(.d{1,2})?`, not a negative zero) each once; printable ASCII only, no
 * backslash (so no escapes), no whitespace. Such a line is valid JSON meaning what `out` says.
 * @returns the index of the line's newline, or -1 for any other line (the caller decodes it and
 *   parses it as text: other shapes, escapes, non-ASCII text, corrupt or truncated lines).
 */
export function readDeltaBytes(bytes: Uint8Array, start: number, out: DeltaBytes): number {
  if (!literalAt(bytes, start, HEAD)) return -1;
  let i = start + HEAD.length;
  // The receive time: whole digits only (the text parser takes the other forms JSON allows).
  const tStart = i;
  while (isDigit(bytes[i]!)) i++;
  if (i === tStart || (i - tStart > 1 && bytes[tStart] === ZERO) || !literalAt(bytes, i, FRAME)) return -1;
  i += FRAME.length;
  // The frame's other members, up to `msg`.
  for (;;) {
    if (bytes[i] !== COMMA) return -1;
    i++;
    if (bytes[i + 1] === LETTER_M && literalAt(bytes, i, MSG)) break;
    const keyEnd = endOfString(bytes, i);
    if (keyEnd < 0 || bytes[keyEnd] !== COLON) return -1;
    // Keys compared by length first: `type` may not repeat, and `msg` must be the object.
    const key = keyEnd - i;
    if ((key === TYPE.length && literalAt(bytes, i, TYPE)) || (key === MSG_KEY.length && literalAt(bytes, i, MSG_KEY))) return -1;
    i = endOfValue(bytes, keyEnd + 1);
    if (i < 0) return -1;
  }
  i += MSG.length;
  let tickerStart = -1;
  let tickerEnd = -1;
  let side = -1;
  let cc = -1;
  let hundredths = 0;
  let sawDelta = false;
  for (;;) {
    // A read key is recognised by its first letter and its bytes (quotes and colon included); any other key is scanned.
    const first = bytes[i + 1];
    let key = OTHER;
    let valueAt: number;
    if (first === LETTER_M && literalAt(bytes, i, TICKER)) {
      key = KEY_TICKER;
      valueAt = i + TICKER.length;
    } else if (first === LETTER_S && literalAt(bytes, i, SIDE)) {
      key = KEY_SIDE;
      valueAt = i + SIDE.length;
    } else if (first === LETTER_P && literalAt(bytes, i, PRICE)) {
      key = KEY_PRICE;
      valueAt = i + PRICE.length;
    } else if (first === LETTER_D && literalAt(bytes, i, DELTA)) {
      key = KEY_DELTA;
      valueAt = i + DELTA.length;
    } else {
      const keyEnd = endOfString(bytes, i);
      if (keyEnd < 0 || bytes[keyEnd] !== COLON) return -1;
      valueAt = keyEnd + 1;
    }
    const valueEnd = endOfValue(bytes, valueAt);
    if (valueEnd < 0) return -1;
    const isString = bytes[valueAt] === QUOTE;
    // A read key may not repeat, and its value must be a string.
    if (key === KEY_TICKER) {
      if (tickerStart >= 0 || !isString) return -1;
      tickerStart = valueAt + 1;
      tickerEnd = valueEnd - 1;
    } else if (key === KEY_SIDE) {
      if (side >= 0) return -1;
      if (valueEnd - valueAt === YES.length && literalAt(bytes, valueAt, YES)) side = 1;
      else if (valueEnd - valueAt === NO.length && literalAt(bytes, valueAt, NO)) side = 0;
      else return -1;
    } else if (key === KEY_PRICE) {
      if (cc >= 0 || !isString) return -1;
      cc = centiCents(bytes, valueAt + 1, valueEnd - 1);
      if (cc < 0) return -1;
    } else if (key === KEY_DELTA) {
      if (sawDelta || !isString) return -1;
      sawDelta = true;
      hundredths = signedHundredths(bytes, valueAt + 1, valueEnd - 1);
      if (Number.isNaN(hundredths)) return -1;
    }
    i = valueEnd;
    if (bytes[i] !== COMMA) break;
    i++;
  }
  if (bytes[i] !== CLOSE || bytes[i + 1] !== CLOSE || bytes[i + 2] !== CLOSE || bytes[i + 3] !== NEWLINE) return -1;
  if (tickerStart < 0 || side < 0 || cc < 0 || !sawDelta) return -1;
  out.tickerStart = tickerStart;
  out.tickerEnd = tickerEnd;
  out.yes = side === 1;
  out.cc = cc;
  out.hundredths = hundredths;
  return i + 3;
}

function literalAt(bytes: Uint8Array, i: number, literal: string): boolean {
  for (let k = 0; k < literal.length; k++) if (bytes[i + k] !== literal.charCodeAt(k)) return false;
  return true;
}

/** Index after a string or number value at `i`, or -1. */
function endOfValue(bytes: Uint8Array, i: number): number {
  return bytes[i] === QUOTE ? endOfString(bytes, i) : endOfNumber(bytes, i);
}

/** Index after the string of printable ASCII without backslashes starting with the quote at `i`, or -1. */
function endOfString(bytes: Uint8Array, i: number): number {
  if (bytes[i] !== QUOTE) return -1;
  for (let c = bytes[++i]!; c !== QUOTE; c = bytes[++i]!) if (!isPlain(c)) return -1;
  return i + 1;
}

/** Index after a number `-?(0|[1-9][0-9]*)(\.[0-9]+)?` at `i`, or -1. */
function endOfNumber(bytes: Uint8Array, i: number): number {
  if (bytes[i] === MINUS) i++;
  const first = i;
  while (isDigit(bytes[i]!)) i++;
  if (i === first || (i - first > 1 && bytes[first] === ZERO)) return -1;
  if (bytes[i] === DOT) {
    const fraction = ++i;
    while (isDigit(bytes[i]!)) i++;
    if (i === fraction) return -1;
  }
  return i;
}

/** `0.d` to `0.dddd` in `[start, end)` as centi-cents, or -1 (the text path parses the rest). */
function centiCents(bytes: Uint8Array, start: number, end: number): number {
  const decimals = end - start - 2;
  if (decimals < 1 || decimals > 4 || bytes[start] !== ZERO || bytes[start + 1] !== DOT) return -1;
  let cc = 0;
  for (let i = start + 2; i < end; i++) {
    const c = bytes[i]!;
    if (!isDigit(c)) return -1;
    cc = cc * 10 + (c - ZERO);
  }
  for (let d = decimals; d < 4; d++) cc *= 10;
  return cc;
}

/** `-?(0|[1-9]d{0,12})(.d{1,2})?` in `[start, end)` as hundredths, or `NaN` (negative zero too). */
function signedHundredths(bytes: Uint8Array, start: number, end: number): number {
  const negative = bytes[start] === MINUS;
  let i = negative ? start + 1 : start;
  const wholeStart = i;
  let value = 0;
  while (i < end && isDigit(bytes[i]!)) value = value * 10 + (bytes[i++]! - ZERO);
  const whole = i - wholeStart;
  if (whole === 0 || whole > MAX_DELTA_DIGITS || (whole > 1 && bytes[wholeStart] === ZERO)) return Number.NaN;
  value *= 100;
  if (i < end) {
    const decimals = end - i - 1;
    if (bytes[i] !== DOT || decimals < 1 || decimals > 2) return Number.NaN;
    for (let k = 1; k <= decimals; k++) {
      const c = bytes[i + k]!;
      if (!isDigit(c)) return Number.NaN;
      value += (c - ZERO) * (k === 1 ? 10 : 1);
    }
  }
  if (negative && value === 0) return Number.NaN;
  return negative ? -value : value;
}

/** A byte a string may hold here: printable ASCII but the backslash (no escapes, no control or multi-byte characters). */
function isPlain(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== BACKSLASH;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}
