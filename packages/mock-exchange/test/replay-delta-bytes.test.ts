import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeltaBytes } from '../src/replay/delta-bytes.js';
import { parseDeltaLine } from '../src/replay/delta-line.js';
import { centiCentsOfPrice, hundredthsOfDelta } from '../src/replay/wire-numbers.js';

const line = (msg: string, extra = ',"sid":1,"seq":2'): string => `{"t":1767225600123,"frame":{"type":"orderbook_delta"${extra},"msg":{${msg}}}}`;
const MSG = '"market_ticker":"KXA-26-B","market_id":"x","price_dollars":"0.4500","delta_fp":"-5.00","side":"yes","ts":"2026-01-01T00:00:00Z","ts_ms":12';

/** `text` as the reader's batch holds it (every line ends with a newline), read at offset 0: what the byte reader made of it, in the text parser's terms. */
function viaBytes(text: string): object | undefined {
  const bytes = Buffer.from(`${text}\n`, 'utf8');
  const out = new DeltaBytes();
  out.use(bytes);
  const end = out.read(0);
  if (end < 0) return undefined;
  expect(end).toBe(bytes.length - 1);
  return { ticker: out.ticker, side: out.yes ? 'yes' : 'no', cc: out.cc, hundredths: out.hundredths };
}

/** What the text path makes of the same line: `parseDeltaLine`, then the integer readings the replay applies. */
function viaText(text: string): object | undefined {
  const delta = parseDeltaLine(text);
  if (delta === undefined) return undefined;
  return { ticker: delta.ticker, side: delta.side, cc: centiCentsOfPrice(delta.price), hundredths: hundredthsOfDelta(delta.delta) };
}

describe('DeltaBytes (the replay reading orderbook_delta lines from the file bytes)', () => {
  it("reads the recorder's line of a Kalshi delta frame into integers, and the index of its newline", () => {
    expect(viaBytes(line(MSG))).toEqual({ ticker: 'KXA-26-B', side: 'yes', cc: 4_500, hundredths: -500 });
    expect(viaBytes(line(MSG.replace('"0.4500"', '"0.7"').replace('"-5.00"', '"12.5"').replace('"yes"', '"no"')))).toEqual({ ticker: 'KXA-26-B', side: 'no', cc: 7_000, hundredths: 1_250 });
  });

  it('reads the frame members before msg whatever their order and value (sid, seq as strings, absent, swapped, others)', () => {
    const read = { ticker: 'KXA-26-B', side: 'yes', cc: 4_500, hundredths: -500 };
    for (const extra of ['', ',"sid":"a","seq":"b"', ',"seq":2,"sid":1', ',"sid":1', ',"seq":2,"x":"y"', ',"sid":1,"sid":1,"seq":-2.5']) {
      expect(viaBytes(line(MSG, extra)), extra).toEqual(read);
      expect(viaText(line(MSG, extra)), extra).toEqual(read);
    }
  });

  it("reads Kalshi's other msg members (market_id, ts, ts_ms) and keys that begin like them, whatever their value form, as the text path does", () => {
    const read = { ticker: 'KXA-26-B', side: 'yes', cc: 4_500, hundredths: -500 };
    const other = (members: string): string => line(`"market_ticker":"KXA-26-B",${members},"price_dollars":"0.4500","delta_fp":"-5.00","side":"yes"`);
    for (const members of ['"market_id":7', '"ts":1.5,"ts_ms":"x"', '"ts_m":1,"tsx":"a","market_idx":"b"', '"t":2,"ts_ms":-1', '"market_id":"","ts":""']) {
      expect(viaBytes(other(members)), members).toEqual(read);
      expect(viaText(other(members)), members).toEqual(read);
    }
    for (const members of ['"market_id":"é"', '"ts":"a\\\\"', '"ts_ms":01', '"ts_ms":', '"ts":"a', '"market_id"7']) {
      expect(viaBytes(other(members)), members).toBeUndefined();
    }
  });

  it("reads Kalshi's sending_ts_ms and its 13-digit times four digits at a time, and leaves a time with a non-digit byte anywhere to the text path", () => {
    const read = { ticker: 'KXA-26-B', side: 'yes', cc: 4_500, hundredths: -500 };
    const kalshi = (sending: string, tsMs = '1767225600455', t = '1767225600123'): string =>
      line(MSG.replace('"ts_ms":12', `"ts_ms":${tsMs}`), `,"sending_ts_ms":${sending},"sid":1,"seq":2`).replace('1767225600123', t);
    for (const sending of ['1767225600456', '"1767225600456"', '0', '-7', '12.5']) {
      expect(viaBytes(kalshi(sending)), sending).toEqual(read);
      expect(viaText(kalshi(sending)), sending).toEqual(read);
    }
    const digits = '1767225600456';
    for (let at = 0; at < digits.length; at++) {
      // ':' and '/' are the bytes either side of the digits; 'a' and ' ' are neither.
      for (const bad of [':', '/', 'a', ' ']) {
        const time = digits.slice(0, at) + bad + digits.slice(at + 1);
        expect(viaBytes(kalshi(time)), `sending_ts_ms ${time}`).toBeUndefined();
        expect(viaBytes(kalshi(digits, time)), `ts_ms ${time}`).toBeUndefined();
        expect(viaBytes(kalshi(digits, digits, time)), `t ${time}`).toBeUndefined();
      }
    }
    for (const sending of ['01767225600456', '1767225600456.', '"1767225600456']) expect(viaBytes(kalshi(sending)), sending).toBeUndefined();
  });

  it('checks every byte of a skipped string value, whichever of its four-byte words holds a quote, escape, control or non-ASCII byte', () => {
    const read = { ticker: 'KXA-26-B', side: 'yes', cc: 4_500, hundredths: -500 };
    const withId = (id: string): string => line(MSG.replace('"market_id":"x"', `"market_id":"${id}"`));
    for (let length = 0; length <= 12; length++) {
      const id = 'abcdefghijkl'.slice(0, length);
      expect(viaBytes(withId(id)), id).toEqual(read);
      for (let at = 0; at <= length; at++) {
        for (const bad of ['\\\\', '\\"', '\t', '\u0000', '\u007f', 'é', '"']) {
          const text = withId(id.slice(0, at) + bad + id.slice(at));
          expect(viaBytes(text), text).toBeUndefined();
        }
      }
    }
  });

  it('reads the line at any offset of a batch and stops at its newline', () => {
    const first = line(MSG);
    const bytes = Buffer.from(`${first}\n${line(MSG.replace('KXA-26-B', 'KXC-26-D'))}\n`);
    const out = new DeltaBytes();
    out.use(bytes);
    const end = out.read(0);
    expect(end).toBe(first.length);
    expect(out.ticker).toBe('KXA-26-B');
    expect(out.read(end + 1)).toBe(bytes.length - 1);
    expect(out.ticker).toBe('KXC-26-D');
  });

  it('leaves to the text path every line it does not take whole: other shapes, escapes, non-ASCII text, other number forms, corrupt text', () => {
    for (const other of [
      line(MSG).slice(0, -1),
      `${line(MSG)} `,
      `${line(MSG)}\r`,
      line(MSG).replace('{"t":', '{ "t":'),
      line(MSG).replace('1767225600123', '1767225600123.5'),
      line(MSG).replace('1767225600123', '-1'),
      line(MSG, ',"sid":01'),
      line(MSG, ',"sid":x'),
      line(MSG, ',"sid":1,"seq":'),
      line(MSG, ',"sid":1,"seq":"2'),
      line(MSG, ',"type":"ticker"'),
      line(MSG, ',"msg":1'),
      line(MSG.replace('"side":"yes"', '"side":"yes","side":"no"')),
      line(MSG.replace('"side":"yes"', '"side":"YES"')),
      line(MSG.replace('"side":"yes"', '"side":7')),
      line(MSG.replace('"delta_fp":"-5.00"', '"delta_fp":-5')),
      line(MSG.replace('"delta_fp":"-5.00"', '"delta_fp":"-0.00"')),
      line(MSG.replace('"delta_fp":"-5.00"', '"delta_fp":"5.001"')),
      line(MSG.replace('"0.4500"', '"1"')),
      line(MSG.replace('"0.4500"', '"0.45000"')),
      line(MSG.replace('KXA', 'K\\u0058A')),
      line(MSG.replace('KXA', 'KX€')),
      line(MSG.replace('KXA', 'K\tA')),
      // A skipped member holding an escaped backslash before its closing quote, a control character, DEL, non-ASCII text.
      line(MSG.replace('"market_id":"x"', '"market_id":"x\\\\"')),
      line(MSG.replace('"market_id":"x"', '"market_id":"x\u0001y"')),
      line(MSG.replace('"market_id":"x"', '"market_id":"x\u007fy"')),
      line(MSG.replace('"market_id":"x"', '"market_id":"xé"')),
      line(MSG, ',"sid":1,"note":"é"'),
      line(MSG, ',"sid":1,"note":"a\\\\"'),
      line(MSG.replace('"side":"yes"', '"side":"no "')),
      line(MSG.replace('"side":"yes"', '"side":"yess"')),
      line(MSG.replace('"0.4500"', '"0."')),
      line(MSG.replace('"-5.00"', '"-5."')),
      line(MSG.replace('"ts_ms":12', '"ts_ms":1e3')),
      line(MSG.replace('"ts_ms":12', '"ts_ms":[1]')),
      line(MSG.replace(',"side":"yes"', '')),
      line(MSG).replace('orderbook_delta', 'orderbook_snapshot'),
      `{"t":1,"text":"x"}`,
    ]) {
      expect(viaBytes(other), other).toBeUndefined();
    }
  });

  it('reads a batch that begins inside a larger buffer (at its offset), as the reader yields them', () => {
    const text = `${line(MSG)}\n`;
    const bytes = Buffer.concat([Buffer.from('xx'), Buffer.from(text)]).subarray(2);
    const out = new DeltaBytes();
    out.use(bytes);
    expect(out.read(0)).toBe(text.length - 1);
    expect(out.cc).toBe(4_500);
  });

  it('refuses every cut of a line at the end of a batch without reading past it', () => {
    const whole = line(MSG);
    const out = new DeltaBytes();
    for (let length = 0; length < whole.length; length++) {
      out.use(Buffer.from(`${whole.slice(0, length)}\n`));
      expect(out.read(0), whole.slice(0, length)).toBe(-1);
    }
  });

  it("keeps one ticker string while lines repeat it, and takes a new one only from a line it read whole", () => {
    const ticker = (t: string): string => `${line(MSG.replace('KXA-26-B', t))}\n`;
    const bytes = Buffer.from(ticker('KXA-26-B') + ticker('KXA-26-B') + ticker('KXA-26-BC') + ticker('KXA-26-') + ticker('KXZ-26-B').replace('"yes"', '"YES"') + ticker('KXA-26-'));
    const out = new DeltaBytes();
    out.use(bytes);
    const tickers: string[] = [];
    let at = 0;
    for (let end = out.read(at); at < bytes.length; end = out.read(at)) {
      tickers.push(end < 0 ? `text path (${out.ticker} kept)` : out.ticker);
      at = bytes.indexOf(10, at) + 1;
    }
    expect(tickers).toEqual(['KXA-26-B', 'KXA-26-B', 'KXA-26-BC', 'KXA-26-', 'text path (KXA-26- kept)', 'KXA-26-']);
  });

  it.each([
    ['a delta line', line(MSG)],
    ["Kalshi's whole frame", line(MSG.replace('"ts_ms":12', '"ts_ms":1767225600455'), ',"sending_ts_ms":1767225600456,"sid":1,"seq":2')],
  ])('never reads a line differently from the text path (random edits of %s)', (_, base) => {
    const alphabet = ['"', ',', ':', '{', '}', '\\', ' ', '0', '1', '-', '.', 'e', 'x', '[', ']', '\n', '€', 'n', 'o', '/'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...alphabet)), { maxLength: 3 }), (edits) => {
        let text = base;
        for (const [at, cut, insert] of edits) text = text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut);
        if (text.includes('\n')) return;
        const fast = viaBytes(text);
        if (fast !== undefined) expect(fast).toEqual(viaText(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
