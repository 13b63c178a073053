/**
 * Byte-level JSON scanning for the replay's reader of recorded lines (`DeltaBytes` in
 * `delta-bytes.ts`): known byte strings compared four bytes at a time ({@link WordView}), strings
 * of printable ASCII without escapes, plain numbers. A scan that reaches the end of its bytes fails
 * (`false`, `-1`, `NaN`) instead of reading past it.
 */

const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const BACKSLASH = 92;

/**
 * A `DataView` over bytes read four at a time, with their length as a field: the bounds checks read
 * `end`, never the view's `byteLength`. In Node 20's V8 that getter is a call; reading `end` instead
 * took reading one of Kalshi's whole `orderbook_delta` lines from ~340 to ~273 ns (a plain object
 * holding a view and a length, only to ~315: each word read then loads the view first).
 */
export class WordView extends DataView<ArrayBufferLike> {
  /** The bytes' length. */
  readonly end: number;

  constructor(bytes: Uint8Array) {
    super(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.byteLength;
  }
}

/** A byte string of at least 4 bytes as little-endian 32-bit words and their offsets: the last word ends where the string does (overlapping the one before). */
export interface Literal {
  readonly length: number;
  readonly words: readonly number[];
  readonly offsets: readonly number[];
}

/** `text` (at least 4 characters, each one byte) as a {@link Literal}. */
export function literal(text: string): Literal {
  const bytes = Buffer.from(text, 'latin1');
  const offsets: number[] = [];
  for (let k = 0; k + 4 < bytes.length; k += 4) offsets.push(k);
  offsets.push(bytes.length - 4);
  return { length: bytes.length, words: offsets.map((k) => bytes.readInt32LE(k)), offsets };
}

/** True when the bytes at `i` are `literal`'s (false past the end of `view`). */
export function literalAt(view: WordView, i: number, literal: Literal): boolean {
  if (i + literal.length > view.end) return false;
  const { words, offsets } = literal;
  for (let k = 0; k < words.length; k++) if (view.getInt32(i + offsets[k]!, true) !== words[k]) return false;
  return true;
}

/** The 4 bytes at `i` as a little-endian word, or `NaN` past the end of `view`. */
export function wordAt(view: WordView, i: number): number {
  return i + 4 > view.end ? Number.NaN : view.getInt32(i, true);
}

/** Index after a string or number value at `i`, or -1. */
export function endOfValue(bytes: Uint8Array, i: number): number {
  return bytes[i] === QUOTE ? endOfString(bytes, i) : endOfNumber(bytes, i);
}

/** Index after the string of printable ASCII without backslashes starting with the quote at `i`, or -1. */
export function endOfString(bytes: Uint8Array, i: number): number {
  if (bytes[i] !== QUOTE) return -1;
  for (let c = bytes[++i]!; c !== QUOTE; c = bytes[++i]!) if (!isPlain(c)) return -1;
  return i + 1;
}

/**
 * Index after a number `-?(0|[1-9][0-9]*)(\.[0-9]+)?` at `i`, or -1. With `view` (over `bytes`),
 * whole digits are read four at a time while a word holds only digits (13-digit Unix ms times).
 */
export function endOfNumber(bytes: Uint8Array, i: number, view?: WordView): number {
  if (bytes[i] === MINUS) i++;
  const first = i;
  if (view !== undefined) i = endOfDigits(bytes, view, i);
  while (isDigit(bytes[i]!)) i++;
  if (i === first || (i - first > 1 && bytes[first] === ZERO)) return -1;
  if (bytes[i] === DOT) {
    const fraction = ++i;
    while (isDigit(bytes[i]!)) i++;
    if (i === fraction) return -1;
  }
  return i;
}

/** Index after the run of ASCII digits at `i`: whole words of four digits, then digit by digit. */
export function endOfDigits(bytes: Uint8Array, view: WordView, i: number): number {
  const lastWord = view.end - 4;
  while (i <= lastWord && isDigitWord(view.getInt32(i, true))) i += 4;
  while (isDigit(bytes[i]!)) i++;
  return i;
}

/** True when each of the 4 bytes of `word` is an ASCII digit: high nibble 3, low nibble at most 9 (adding 6 carries into bit 4 from 10 up). */
export function isDigitWord(word: number): boolean {
  return (word & 0xf0f0f0f0) === 0x30303030 && (((word & 0x0f0f0f0f) + 0x06060606) & 0x10101010) === 0;
}

/** True when none of the 4 bytes of `word` is a quote, a backslash, below 0x20 or above 0x7e (bitwise tests of all four at once). */
export function isPlainWord(word: number): boolean {
  const below20 = (word - 0x20202020) & ~word;
  const above7e = (word + 0x01010101) | word;
  const quote = word ^ 0x22222222;
  const backslash = word ^ 0x5c5c5c5c;
  return ((below20 | above7e | ((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash)) & 0x80808080) === 0;
}

/** A byte a string may hold here: printable ASCII but the backslash (no escapes, no control or multi-byte characters). */
export function isPlain(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== BACKSLASH;
}

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}
