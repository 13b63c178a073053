/**
 * The replay's reading of a recorded `orderbook_delta` line straight from the file's bytes: no
 * text decoded, no strings made but a new market's ticker, price and size read as integers. Only
 * the recorder's own shape of the line is taken (see {@link DeltaBytes.read}); every other line is
 * decoded and goes to the text parsers, which accept it, or reject it naming its line.
 *
 * Known byte strings (the line's head, the read keys, the last ticker's member) are compared four
 * bytes at a time through a `DataView` ({@link WordView}): once any buffer in the process has been
 * detached (the WS server's library does), V8 checks for it at every typed-array read, and one read
 * of a word costs what one read of a byte does.
 */

import { endOfDigits, endOfNumber, endOfString, endOfValue, isDigit, isPlain, isPlainWord, literal, literalAt, wordAt, WordView, type Literal } from './json-bytes.js';
import { MAX_DELTA_DIGITS } from './wire-numbers.js';

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const COLON = 58;
const LETTER_D = 100;
const LETTER_M = 109;
const LETTER_N = 110;
const LETTER_O = 111;
const LETTER_P = 112;
const LETTER_S = 115;
const LETTER_T = 116;

const HEAD = literal('{"t":');
const FRAME = literal(',"frame":{"type":"orderbook_delta"');
const SENDING_TS_MS = literal(',"sending_ts_ms":');
const SID = literal(',"sid":');
const SEQ = literal(',"seq":');
const MSG = literal(',"msg":{');
const TYPE = literal('"type"');
const MSG_KEY = literal('"msg"');
/** The line's end: the `msg`, frame and record objects closed, and the newline. */
const END = Buffer.from('}}}\n').readInt32LE(0);
// The read keys with their colon (and the opening quote of the string value they must have).
const TICKER = literal('"market_ticker":');
const SIDE = literal('"side":');
const SIDE_STRING = literal('"side":"');
const YES_QUOTE = Buffer.from('yes"').readInt32LE(0);
const PRICE = literal('"price_dollars":');
/** A price below $1 (the only form read here), up to its decimals. */
const PRICE_BELOW_1 = literal('"price_dollars":"0.');
const DELTA = literal('"delta_fp":');
const DELTA_STRING = literal('"delta_fp":"');
// Kalshi's other delta members, recognised by their keys (their values are scanned).
const MARKET_ID = literal('"market_id":');
const TS = literal('"ts":');
const TS_MS = literal('"ts_ms":');
/** The value {@link signedHundredths} read last (its return value is the index after it). */
let lastHundredths = 0;

/**
 * Reads recorder-shaped `orderbook_delta` lines from a batch of bytes (whole lines, each ending
 * with a newline byte) into its fields, one line at a time: {@link read}. One object per replay;
 * it keeps the last line's ticker, so a market's deltas share one string.
 */
export class DeltaBytes {
  /** The ticker of the last line read (plain ASCII); the same string while lines repeat it. */
  ticker = '';
  /** `side` was `yes` (else `no`). */
  yes = true;
  /** The level's own price (NO price for `no`), centi-cents. */
  cc = 0;
  /** Signed change of the level, hundredths of a contract. */
  hundredths = 0;
  /** `"market_ticker":"<ticker>"`: the last ticker recognised in one comparison. */
  private tickerMember: Literal = literal('"market_ticker":""');
  private bytes: Buffer = Buffer.alloc(0);
  private view: WordView = new WordView(new Uint8Array(0));

  /** Reads lines of `bytes` from now on. */
  use(bytes: Buffer): void {
    this.bytes = bytes;
    this.view = new WordView(bytes);
  }

  /**
   * Reads the line starting at `start` of the bytes in {@link use}, when it has exactly the shape
   * the recorder writes for a Kalshi `orderbook_delta` frame, with plain numbers:
   * `{"t":<digits>,"frame":{"type":"orderbook_delta",…,"msg":{…}}}` — `type` first, other frame
   * members strings or numbers, a flat `msg` last whose members are strings or numbers; in it
   * `market_ticker`, `side` (`"yes"` / `"no"`), `price_dollars` (`0.d` to `0.dddd`) and `delta_fp`
   * (`-?(0|[1-9]d{0,12})(.d{1,2})?`, not a negative zero) each once; printable ASCII only, no
   * backslash (so no escapes), no whitespace. Such a line is valid JSON meaning what the fields say.
   * @returns the index of the line's newline, or -1 for any other line (the fields unchanged; the
   *   caller decodes the line and parses it as text: other shapes, escapes, non-ASCII text, corrupt
   *   or truncated lines).
   */
  read(start: number): number {
    const bytes = this.bytes;
    const view = this.view;
    let i = msgStart(bytes, view, start);
    if (i < 0) return -1;
    let tickerStart = -1;
    let tickerEnd = -1;
    let sameTicker = false;
    let side = -1;
    let cc = -1;
    let hundredths = 0;
    let sawDelta = false;
    for (;;) {
      // A read key is recognised by its first letter and its bytes, quotes and colon included, with
      // the start of the only value read (the last ticker's whole member, at once); a read key
      // with any other value sends the line to the text path.
      const first = bytes[i + 1];
      if (first === LETTER_M && literalAt(view, i, this.tickerMember)) {
        if (tickerStart >= 0) return -1;
        sameTicker = true;
        tickerStart = i + TICKER.length + 1;
        i += this.tickerMember.length;
        tickerEnd = i - 1;
      } else if (first === LETTER_M && literalAt(view, i, TICKER)) {
        if (tickerStart >= 0) return -1;
        sameTicker = false;
        tickerStart = i + TICKER.length + 1;
        i = endOfString(bytes, tickerStart - 1);
        if (i < 0) return -1;
        tickerEnd = i - 1;
      } else if (first === LETTER_P && literalAt(view, i, PRICE_BELOW_1)) {
        if (cc >= 0) return -1;
        i += PRICE_BELOW_1.length;
        const decimals = i;
        cc = 0;
        for (let c = bytes[i]!; isDigit(c); c = bytes[++i]!) cc = cc * 10 + (c - ZERO);
        const count = i - decimals;
        if (count < 1 || count > 4 || bytes[i] !== QUOTE) return -1;
        for (let d = count; d < 4; d++) cc *= 10;
        i++;
      } else if (first === LETTER_D && literalAt(view, i, DELTA_STRING)) {
        if (sawDelta) return -1;
        sawDelta = true;
        i = signedHundredths(bytes, i + DELTA_STRING.length);
        if (i < 0) return -1;
        hundredths = lastHundredths;
      } else if (first === LETTER_S && literalAt(view, i, SIDE_STRING)) {
        if (side >= 0) return -1;
        i += SIDE_STRING.length;
        // `yes"` in one word; `no"` in three bytes.
        if (wordAt(view, i) === YES_QUOTE) {
          side = 1;
          i += 4;
        } else if (bytes[i] === LETTER_N && bytes[i + 1] === LETTER_O && bytes[i + 2] === QUOTE) {
          side = 0;
          i += 3;
        } else return -1;
      } else {
        i = endOfOtherMember(bytes, view, i, first);
        if (i < 0) return -1;
      }
      if (bytes[i] !== COMMA) break;
      i++;
    }
    if (wordAt(view, i) !== END || tickerStart < 0 || side < 0 || cc < 0 || !sawDelta) return -1;
    if (!sameTicker) {
      this.ticker = bytes.toString('latin1', tickerStart, tickerEnd);
      this.tickerMember = literal(`"market_ticker":"${this.ticker}"`);
    }
    this.yes = side === 1;
    this.cc = cc;
    this.hundredths = hundredths;
    return i + 3;
  }
}

/**
 * Reads a line's head up to its `msg` object: `{"t":<digits>,"frame":{"type":"orderbook_delta"`,
 * other frame members (strings or numbers, not `type` or `msg`), `,"msg":{`.
 * @returns the index after the `msg` object's brace, or -1.
 */
function msgStart(bytes: Uint8Array, view: WordView, start: number): number {
  if (!literalAt(view, start, HEAD)) return -1;
  let i = start + HEAD.length;
  // The receive time: whole digits only (the text parser takes the other forms JSON allows).
  const tStart = i;
  i = endOfDigits(bytes, view, i);
  if (i === tStart || (i - tStart > 1 && bytes[tStart] === ZERO) || !literalAt(view, i, FRAME)) return -1;
  i += FRAME.length;
  // Kalshi's `sending_ts_ms`, `sid` and `seq` recognised by their keys (the values scanned as any); other members scanned whole.
  if (literalAt(view, i, SENDING_TS_MS)) {
    i = bytes[i + SENDING_TS_MS.length] === QUOTE ? endOfString(bytes, i + SENDING_TS_MS.length) : endOfNumber(bytes, i + SENDING_TS_MS.length, view);
  }
  if (i >= 0 && literalAt(view, i, SID)) i = endOfValue(bytes, i + SID.length);
  if (i >= 0 && literalAt(view, i, SEQ)) i = endOfValue(bytes, i + SEQ.length);
  if (i < 0) return -1;
  while (!literalAt(view, i, MSG)) {
    if (bytes[i] !== COMMA) return -1;
    i++;
    const keyEnd = endOfString(bytes, i);
    if (keyEnd < 0 || bytes[keyEnd] !== COLON) return -1;
    // Keys compared by length first: `type` may not repeat, and `msg` must be the object.
    const key = keyEnd - i;
    if ((key === TYPE.length && literalAt(view, i, TYPE)) || (key === MSG_KEY.length && literalAt(view, i, MSG_KEY))) return -1;
    i = endOfValue(bytes, keyEnd + 1);
    if (i < 0) return -1;
  }
  return i + MSG.length;
}

/**
 * Index after the `msg` member at `i` (whose next byte is `first`) that is not one of the four read
 * ones, or -1; -1 too for a read key, whose value was not of the form read. Kalshi's `market_id`,
 * `ts` and `ts_ms` are recognised by their keys; any other key is scanned. A string value (a
 * `market_id`'s 36 bytes, a `ts`'s 20) is checked four bytes at a time ({@link isPlainWord}) up to
 * the word holding its closing quote or any byte not plain, then byte by byte.
 */
function endOfOtherMember(bytes: Uint8Array, view: WordView, i: number, first: number | undefined): number {
  let valueAt: number;
  if (first === LETTER_M && literalAt(view, i, MARKET_ID)) valueAt = i + MARKET_ID.length;
  else if (first === LETTER_T && literalAt(view, i, TS)) valueAt = i + TS.length;
  else if (first === LETTER_T && literalAt(view, i, TS_MS)) valueAt = i + TS_MS.length;
  else {
    if (isReadKey(view, i, first)) return -1;
    const keyEnd = endOfString(bytes, i);
    if (keyEnd < 0 || bytes[keyEnd] !== COLON) return -1;
    valueAt = keyEnd + 1;
  }
  if (bytes[valueAt] !== QUOTE) return endOfNumber(bytes, valueAt, view);
  let k = valueAt + 1;
  const lastWord = view.end - 4;
  while (k <= lastWord && isPlainWord(view.getInt32(k, true))) k += 4;
  for (let c = bytes[k]!; c !== QUOTE; c = bytes[++k]!) if (!isPlain(c)) return -1;
  return k + 1;
}

/** True when one of the four read keys (with its colon) is at `i`, whose next byte is `first`. */
function isReadKey(view: WordView, i: number, first: number | undefined): boolean {
  if (first === LETTER_M) return literalAt(view, i, TICKER);
  if (first === LETTER_S) return literalAt(view, i, SIDE);
  if (first === LETTER_P) return literalAt(view, i, PRICE);
  return first === LETTER_D && literalAt(view, i, DELTA);
}

/**
 * Reads `-?(0|[1-9]d{0,12})(.d{1,2})?"` at `i` (a size change and its closing quote) into
 * {@link lastHundredths}. @returns the index after the quote, or -1 for anything else (a negative zero too).
 */
function signedHundredths(bytes: Uint8Array, i: number): number {
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  const wholeStart = i;
  let value = 0;
  for (let c = bytes[i]!; isDigit(c); c = bytes[++i]!) value = value * 10 + (c - ZERO);
  const whole = i - wholeStart;
  if (whole === 0 || whole > MAX_DELTA_DIGITS || (whole > 1 && bytes[wholeStart] === ZERO)) return -1;
  value *= 100;
  if (bytes[i] === DOT) {
    const tens = bytes[++i]!;
    if (!isDigit(tens)) return -1;
    value += (tens - ZERO) * 10;
    const units = bytes[++i]!;
    if (isDigit(units)) {
      value += units - ZERO;
      i++;
    }
  }
  if (bytes[i] !== QUOTE || (negative && value === 0)) return -1;
  lastHundredths = negative ? -value : value;
  return i + 1;
}
