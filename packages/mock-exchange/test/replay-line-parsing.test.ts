import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Dollars, SignedContracts } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../src/index.js';
import { parseDeltaLine } from '../src/replay/delta-line.js';
import { centiCentsOfPrice, hundredthsOfDelta } from '../src/replay/wire-numbers.js';

const line = (msg: string, extra = ',"sid":1,"seq":2'): string => `{"t":1767225600123,"frame":{"type":"orderbook_delta"${extra},"msg":{${msg}}}}`;
const MSG = '"market_ticker":"KXA-26-B","market_id":"x","price_dollars":"0.4500","delta_fp":"-5.00","side":"yes","ts_ms":12';

/** What the full parser makes of a line, in the fast path's terms (undefined when it is not a delta with string fields). */
function viaJson(text: string): object | undefined {
  let value: { t?: unknown; frame?: { type?: unknown; msg?: Record<string, unknown> } };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return undefined;
  }
  const msg = value.frame?.msg;
  if (value.frame?.type !== 'orderbook_delta' || typeof msg !== 'object' || msg === null) return undefined;
  const { market_ticker: ticker, side, price_dollars: price, delta_fp: delta } = msg;
  if (typeof ticker !== 'string' || typeof side !== 'string' || typeof price !== 'string' || typeof delta !== 'string') return undefined;
  return { t: value.t, ticker, side, price, delta };
}

describe('parseDeltaLine (the replay reading orderbook_delta lines without JSON.parse)', () => {
  it("reads the recorder's line of a Kalshi delta frame", () => {
    expect(parseDeltaLine(line(MSG))).toEqual({ t: 1767225600123, ticker: 'KXA-26-B', side: 'yes', price: '0.4500', delta: '-5.00' });
  });

  it('leaves every other line to the full parser: other shapes, escapes, repeated keys, non-string fields, corrupt text', () => {
    for (const other of [
      line(MSG).slice(0, -1),
      `${line(MSG)} `,
      line(MSG).replace('{"t":', '{ "t":'),
      line(MSG, ',"sid":01'),
      line(MSG, ',"type":"ticker"'),
      line(MSG.replace('"side":"yes"', '"side":"yes","side":"no"')),
      line(MSG.replace('"side":"yes"', '"side":7')),
      line(MSG.replace('KXA', 'K\\u0058A')),
      line(MSG.replace('"ts_ms":12', '"ts_ms":1e3')),
      line(MSG.replace('"ts_ms":12', '"ts_ms":[1]')),
      line(MSG.replace('KXA', 'K\tA')),
      line(MSG).replace('orderbook_delta', 'orderbook_snapshot'),
      `{"t":1,"text":"x"}`,
    ]) {
      expect(parseDeltaLine(other), other).toBeUndefined();
    }
  });

  it('never reads a line differently from JSON.parse (random edits of a delta line)', () => {
    const base = line(MSG);
    const alphabet = ['"', ',', ':', '{', '}', '\\', ' ', '0', '1', '-', '.', 'e', 'x', '[', ']', '\n'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...alphabet)), { maxLength: 3 }), (edits) => {
        let text = base;
        for (const [at, cut, insert] of edits) text = text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut);
        const fast = parseDeltaLine(text);
        if (fast !== undefined) expect(fast).toEqual(viaJson(text));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('centiCentsOfPrice / hundredthsOfDelta (integer readings of plain wire numbers)', () => {
  it('agree with the strict parsers on the plain forms, and leave the rest to them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 1, max: 4 }), (cc, decimals) => {
        const text = `0.${String(cc).padStart(4, '0').slice(0, decimals)}`;
        expect(centiCentsOfPrice(text)).toBe(Dollars.parse(text).toCentiCents());
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 2 }), (hundredths, decimals) => {
        const text = SignedContracts.fromHundredths(hundredths).toWire().replace(/\.(\d\d)$/, (_, f: string) => (decimals === 0 ? (f === '00' ? '' : `.${f}`) : `.${f}`.slice(0, decimals + 1).padEnd(decimals + 1, '0')));
        const strict = Number(SignedContracts.parse(text).toHundredths());
        const fast = hundredthsOfDelta(text);
        if (fast !== undefined) expect(fast).toBe(strict);
      }),
    );
    for (const other of ['1', '1.0000', '0.', '.5', '0.12345', '00.5', '-0.5', '0,5']) expect(centiCentsOfPrice(other), other).toBeUndefined();
    for (const other of ['', '-', '+5', '05', '5.', '5.001', '-0', '-0.00', '1e3', '12345678901234']) expect(hundredthsOfDelta(other), other).toBeUndefined();
    expect(hundredthsOfDelta('-5')).toBe(-500);
    expect(hundredthsOfDelta('5.5')).toBe(550);
  });
});

describe('readRecording over chunk boundaries', () => {
  it('reads every line whole, multi-byte characters included, whatever byte the chunks end on (1.3 MB file)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mock-replay-chunks-')), 'euro.jsonl');
    // 3-byte characters on every line: some chunk boundary falls inside one.
    const lines = Array.from({ length: 6_000 }, (_, i) => ({ t: i, frame: { type: 'ticker', msg: { market_ticker: `KX€${'€'.repeat(i % 97)}-${i}` } } }));
    writeFileSync(path, `${JSON.stringify({ format: 'kalshi-ws-recording', version: 1, started_ms: 0 })}\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const seen: Array<[number, string]> = [];
    for await (const record of readRecording(path)) seen.push([record.line, (record.frame?.msg as { market_ticker: string }).market_ticker]);
    expect(seen.length).toBe(lines.length);
    seen.forEach(([line, ticker], i) => {
      expect(line).toBe(i + 2);
      expect(ticker).toBe(lines[i]!.frame.msg.market_ticker);
    });
  });
});
