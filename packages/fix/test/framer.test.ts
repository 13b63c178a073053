import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixCodec, FixFramer, type FixFrame } from '../src/index.js';
import { HEADER, frame, text, wire } from './wire.js';

const m1 = frame(`35=1|${HEADER}112=first|`);
const m2 = frame(`35=0|${HEADER}112=second|`);
const m3 = frame(`35=5|${HEADER}58=bye|`);
const big = frame(`35=1|${HEADER}112=${'x'.repeat(100)}|`);

/** Feeds chunks (wire text) and summarises what came out: message texts and garbled codes with stream offsets. */
function run(chunks: readonly string[], options?: ConstructorParameters<typeof FixFramer>[0]): string[] {
  const framer = new FixFramer(options);
  return chunks.flatMap((c) => framer.feed(wire(c))).map(describeFrame);
}

function describeFrame(f: FixFrame): string {
  return f.kind === 'message' ? `@${f.offset} ${text(f.bytes)}` : `@${f.offset} ${f.error.code}`;
}

const cases: Array<[string, { given: string[]; want: string[] }]> = [
  ['one message in one chunk', { given: [m1], want: [`@0 ${m1}`] }],
  ['one message split in two', { given: [m1.slice(0, 20), m1.slice(20)], want: [`@0 ${m1}`] }],
  ['split inside the BeginString', { given: [m1.slice(0, 3), m1.slice(3)], want: [`@0 ${m1}`] }],
  ['split inside BodyLength', { given: [m1.slice(0, 14), m1.slice(14)], want: [`@0 ${m1}`] }],
  ['split before the last SOH', { given: [m1.slice(0, -1), m1.slice(-1)], want: [`@0 ${m1}`] }],
  ['two messages merged', { given: [m1 + m2], want: [`@0 ${m1}`, `@${m1.length} ${m2}`] }],
  [
    'three messages merged and split across chunks',
    {
      given: [m1 + m2.slice(0, 10), m2.slice(10) + m3.slice(0, 30), m3.slice(30)],
      want: [`@0 ${m1}`, `@${m1.length} ${m2}`, `@${m1.length + m2.length} ${m3}`],
    },
  ],
  ['garbage before a message', { given: [`junk${m1}`], want: ['@0 FIX_BAD_BEGIN_STRING', `@4 ${m1}`] }],
  ['garbage between messages, reported once', { given: [`${m1}xx`, 'yy', m2], want: [`@0 ${m1}`, `@${m1.length} FIX_BAD_BEGIN_STRING`, `@${m1.length + 4} ${m2}`] }],
  ['a partial BeginString kept for the next chunk', { given: [`xx${m1.slice(0, 5)}`, m1.slice(5)], want: ['@0 FIX_BAD_BEGIN_STRING', `@2 ${m1}`] }],
  [
    'a BodyLength that overshoots: skipped, then the next message is found inside it',
    {
      given: [m1.replace(/\|9=\d+\|/, '|9=70|') + m2 + m3],
      want: ['@0 FIX_BAD_BODY_LENGTH', `@${m1.length} ${m2}`, `@${m1.length + m2.length} ${m3}`],
    },
  ],
  ['a BodyLength that is not a number', { given: [`8=FIXT.1.1|9=1x|${m2}`], want: ['@0 FIX_BAD_BODY_LENGTH', `@16 ${m2}`] }],
  ['a BodyLength of ten digits', { given: [`8=FIXT.1.1|9=1234567890|${m2}`], want: ['@0 FIX_BAD_BODY_LENGTH', `@24 ${m2}`] }],
  ['a frame over maxMessageSize', { given: [big + m2], want: ['@0 FIX_MESSAGE_TOO_LARGE', `@${big.length} ${m2}`] }],
];

describe('FixFramer', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    // Every message here fits in 100 bytes but `big`.
    expect(run(given, { maxMessageSize: 100 })).toStrictEqual(want);
  });

  it('cuts messages out at any split point', () => {
    const stream = m1 + m2 + m3;
    for (let i = 0; i <= stream.length; i++) {
      expect(run([stream.slice(0, i), stream.slice(i)])).toStrictEqual([`@0 ${m1}`, `@${m1.length} ${m2}`, `@${m1.length + m2.length} ${m3}`]);
    }
  });

  it('cuts messages out of a stream fed one byte at a time', () => {
    const stream = m1 + m2 + m3;
    expect(run([...stream])).toStrictEqual([`@0 ${m1}`, `@${m1.length} ${m2}`, `@${m1.length + m2.length} ${m3}`]);
  });

  it('returns views of the fed chunk for whole messages, copies for reassembled ones', () => {
    const framer = new FixFramer();
    const chunk = wire(m1 + m2.slice(0, 10));
    const [whole] = framer.feed(chunk);
    expect(whole?.kind === 'message' && whole.bytes.buffer).toBe(chunk.buffer);
    const [joined] = framer.feed(wire(m2.slice(10)));
    expect(joined?.kind === 'message' && text(joined.bytes)).toBe(m2);
  });

  it('holds back only the bytes of an incomplete frame, bounded by maxMessageSize', () => {
    const framer = new FixFramer({ maxMessageSize: 200 });
    framer.feed(wire(m1.slice(0, 40)));
    expect(framer.buffered).toBe(40);
    // The started frame turns out to be cut short by noise: one error for the whole run.
    const noise = framer.feed(new Uint8Array(10_000).fill(0x41));
    expect(noise.map(describeFrame)).toStrictEqual(['@0 FIX_BAD_BODY_LENGTH']);
    expect(framer.buffered).toBe(0);
    // A frame announcing more than maxMessageSize is dropped without waiting for its bytes.
    expect(framer.feed(wire('8=FIXT.1.1|9=5000|35=0|')).map(describeFrame)).toStrictEqual([]);
    expect(framer.buffered).toBeLessThan(11);
    framer.feed(wire(m2));
    expect(framer.buffered).toBe(0);
  });

  it('forgets buffered bytes and offsets on reset()', () => {
    const framer = new FixFramer();
    framer.feed(wire(`${m1}${m2.slice(0, 20)}`));
    framer.reset();
    expect(framer.buffered).toBe(0);
    expect(framer.feed(wire(m3)).map(describeFrame)).toStrictEqual([`@0 ${m3}`]);
  });

  it('rejects a maxMessageSize below 32 bytes', () => {
    expect(() => new FixFramer({ maxMessageSize: 10 })).toThrow(RangeError);
  });

  it('finds every message whatever the chunking, with garbage in between (property)', () => {
    const codec = new FixCodec();
    const messages = [m1, m2, m3];
    fc.assert(
      fc.property(
        fc.array(fc.record({ message: fc.constantFrom(...messages), junk: fc.stringMatching(/^[a-z0-9|=]{0,12}$/) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, cuts) => {
          const stream = parts.map((p) => p.junk.replace(/^8/, 'x') + p.message).join('');
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, stream.length].slice(1).map((end, i, ends) => stream.slice(i === 0 ? 0 : ends[i - 1], end));
          const framer = new FixFramer();
          const out = chunks.flatMap((c) => framer.feed(wire(c)));
          const found = out.filter((f) => f.kind === 'message').map((f) => text(f.bytes));
          expect(found).toStrictEqual(parts.map((p) => p.message));
          for (const f of out) if (f.kind === 'message') codec.decode(f.bytes);
        },
      ),
      { numRuns: 300 },
    );
  });
});
