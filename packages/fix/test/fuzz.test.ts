/**
 * Fuzzing the decoder and the framer with fast-check: well over 100,000 inputs, random and
 * mutated from valid encodings of every message (flipped and overwritten bytes, truncation,
 * insertion, deletion, duplication, splices of other messages), half of them re-framed with a
 * correct BodyLength and CheckSum so they reach field validation. The only error allowed is
 * FixDecodeError; whatever decodes must re-encode and decode to the same message.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixCodec, FixDecodeError, FixFramer, fixDictionary, type FixMessage } from '../src/index.js';
import { sampleMessage } from './samples.js';
import { HEADER, frame, wire } from './wire.js';

const codec = new FixCodec();
const pool = fixDictionary.messages.flatMap((m) => [true, false].map((full) => codec.encode(sampleMessage(m.msgType, full)).slice()));
const SOH = 1;
/** Bytes that matter to the grammar, so mutations hit structure more often than chance would. */
const structural = [SOH, 0x3d, 0x30, 0x31, 0x32, 0x33, 0x35, 0x38, 0x39, 0x59, 0x4e, 0x2e, 0x2d, 0x20, 0xff];

let inputs = 0;
let decoded = 0;

/** Decodes; a FixDecodeError is an expected outcome, anything else fails the property. */
function tryDecode(bytes: Uint8Array): FixMessage | undefined {
  try {
    return codec.decode(bytes);
  } catch (e) {
    if (e instanceof FixDecodeError) return undefined;
    throw e;
  }
}

/** Runs one input through the decoder and a two-chunk framer. (Plain checks: `expect` is too slow for 100k runs.) */
function check(bytes: Uint8Array, cut: number): void {
  inputs++;
  const message = tryDecode(bytes);
  if (message !== undefined) {
    decoded++;
    if (!isDeepStrictEqual(codec.decode(codec.encode(message)), message)) throw new Error('decode ∘ encode changed a decoded message');
  }
  const framer = new FixFramer({ maxMessageSize: 4096 });
  const at = cut % (bytes.length + 1);
  for (const f of [...framer.feed(bytes.subarray(0, at)), ...framer.feed(bytes.subarray(at))]) {
    if (f.kind === 'message') tryDecode(f.bytes);
    else if (!(f.error instanceof FixDecodeError)) throw new Error('framer reported a non-FixDecodeError');
  }
}

/** `body` between `9=N␁` and `10=`, re-framed with a correct BodyLength and CheckSum. */
function reframe(body: Uint8Array): Uint8Array {
  const head = Uint8Array.from(`8=FIXT.1.1\x019=${body.length}\x01`, (c) => c.charCodeAt(0));
  const out = new Uint8Array(head.length + body.length + 7);
  out.set(head);
  out.set(body, head.length);
  let sum = 0;
  for (let i = 0; i < head.length + body.length; i++) sum += out[i] as number;
  out.set(Uint8Array.from(`10=${String(sum % 256).padStart(3, '0')}\x01`, (c) => c.charCodeAt(0)), head.length + body.length);
  return out;
}

function bodyOf(message: Uint8Array): Uint8Array {
  const start = message.indexOf(SOH, 11) + 1;
  return message.subarray(start, message.length - 7);
}

type Op = [kind: number, at: number, n: number, pick: number];

function insert(b: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + piece.length);
  out.set(b.subarray(0, at));
  out.set(piece, at);
  out.set(b.subarray(at), at + piece.length);
  return out;
}

function mutate(src: Uint8Array, ops: readonly Op[]): Uint8Array {
  let b: Uint8Array = src.slice();
  for (const [kind, at0, n, pick] of ops) {
    const at = at0 % (b.length + 1);
    const byte = pick % 2 === 0 ? (structural[pick % structural.length] as number) : pick % 256;
    switch (kind % 7) {
      case 0: // flip a bit
        if (at < b.length) b[at] = (b[at] as number) ^ (1 << (n % 8));
        break;
      case 1: // overwrite a byte
        if (at < b.length) b[at] = byte;
        break;
      case 2: // truncate
        b = b.subarray(0, at);
        break;
      case 3: // insert bytes
        b = insert(b, at, Uint8Array.from({ length: (n % 6) + 1 }, (_, i) => (i % 2 === 0 ? byte : (pick >> 3) % 256)));
        break;
      case 4: // delete a range
        b = insert(b.subarray(0, at), at, b.subarray(Math.min(b.length, at + (n % 12) + 1)));
        break;
      case 5: // duplicate a range
        b = insert(b, at, b.slice(at, at + (n % 24) + 1));
        break;
      default: {
        // splice in a piece of another message
        const other = bodyOf(pool[pick % pool.length] as Uint8Array);
        const from = n % (other.length + 1);
        b = insert(b, at, other.subarray(from, from + (n % 40) + 1));
      }
    }
  }
  return b;
}

const op = fc.tuple(fc.nat(6), fc.nat(), fc.nat(), fc.nat());

describe('fuzz: decoder and framer', () => {
  // Most inputs end in a FixDecodeError; capturing 100,000 stack traces would be most of the run.
  const stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => {
    Error.stackTraceLimit = 0;
  });
  afterAll(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });

  it('mutated valid messages: only FixDecodeError (30,000 inputs)', () => {
    fc.assert(
      fc.property(fc.nat(pool.length - 1), fc.array(op, { minLength: 1, maxLength: 4 }), fc.nat(), (i, ops, cut) => {
        check(mutate(pool[i] as Uint8Array, ops), cut);
      }),
      { numRuns: 30_000 },
    );
  });

  const reframed = fc.property(fc.nat(pool.length - 1), fc.array(op, { minLength: 1, maxLength: 4 }), fc.nat(), (i, ops, cut) => {
    check(reframe(mutate(bodyOf(pool[i] as Uint8Array), ops)), cut);
  });
  /**
   * Counterexamples found by earlier random runs, replayed first on every run:
   * - seed 1114263012, path 3548:38:42:62: inserts `-` into AcceptQuoteStatus(21025)=0 of an
   *   AcceptQuoteStatus(UC); `-0` decoded as JS -0, which encodes as `0` and decodes as +0.
   */
  const counterexamples: Array<[number, Op[], number]> = [[52, [[3, 929015774, 0, 388952365]], 0]];

  it('mutated valid messages re-framed with a correct BodyLength and CheckSum: only FixDecodeError (30,000 inputs)', () => {
    fc.assert(reframed, { numRuns: 30_000, examples: counterexamples });
  });

  it('regression: -0 in an INT field decoded as JS -0 (replays seed 1114263012, path 3548:38:42:62)', () => {
    fc.assert(reframed, { seed: 1_114_263_012, path: '3548:38:42:62' });
    const message = codec.decode(wire(frame(`35=UC|${HEADER}117=q|21025=-0|`)));
    expect(message.msgType === 'UC' && Object.is(message.body.AcceptQuoteStatus, 0)).toBe(true);
    expect(codec.decode(codec.encode(message))).toStrictEqual(message);
  });

  it('random tag=value bodies, framed: only FixDecodeError (25,000 inputs)', () => {
    const tags = fixDictionary.fields.map((f) => f.tag);
    const field = fc.tuple(fc.oneof(fc.constantFrom(...tags), fc.nat(30_000)), fc.stringMatching(/^[ -~]{0,6}$/));
    fc.assert(
      fc.property(fc.constantFrom(...fixDictionary.messages.map((m) => m.msgType)), fc.array(field, { maxLength: 12 }), fc.nat(), (msgType, fields, cut) => {
        const body = `35=${msgType}\x0149=C\x0156=K\x0134=1\x0152=20260102-03:04:05\x01${fields.map(([t, v]) => `${t}=${v}\x01`).join('')}`;
        check(reframe(Uint8Array.from(body, (c) => c.charCodeAt(0))), cut);
      }),
      { numRuns: 25_000 },
    );
  });

  it('random bytes, some behind a valid BeginString: only FixDecodeError (20,000 inputs)', () => {
    const prefix = Uint8Array.from('8=FIXT.1.1\x019=', (c) => c.charCodeAt(0));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), fc.nat(), (bytes, prefixed, cut) => {
        check(prefixed ? Uint8Array.from([...prefix, ...bytes]) : bytes, cut);
      }),
      { numRuns: 20_000 },
    );
  });

  it('ran at least 100,000 inputs, and some of them decoded', () => {
    expect(inputs).toBeGreaterThanOrEqual(100_000);
    expect(decoded).toBeGreaterThan(1_000);
  });
});
