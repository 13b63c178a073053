import { describe, expect, it } from 'vitest';
import { FixCodec, fixDictionary } from '../src/index.js';
import { sampleMessage } from './samples.js';
import { checksum, text } from './wire.js';

const codec = new FixCodec();
const messages = fixDictionary.messages.map((m) => [`${m.name} (${m.msgType})`, m.msgType] as const);

/** BodyLength and CheckSum of an encoded message, checked by plain arithmetic over its text. */
function expectFramed(bytes: Uint8Array): void {
  const t = text(bytes);
  const match = /^8=FIXT\.1\.1\|9=(\d+)\|(35=.*)10=(\d{3})\|$/s.exec(t);
  expect(match).not.toBeNull();
  const [, length, rest, sum] = match as unknown as [string, string, string, string];
  // `text` maps each byte to one character, so lengths here are byte counts.
  expect(Number(length)).toBe(rest.length);
  expect(sum).toBe(checksum(t.slice(0, -7)));
}

describe('FixCodec round trip', () => {
  it('covers all 34 messages of the dictionary', () => {
    expect(messages).toHaveLength(34);
  });

  it.each(messages)('%s with every field, groups of two entries', (_name, msgType) => {
    const message = sampleMessage(msgType, true);
    const bytes = codec.encode(message);
    expectFramed(bytes);
    const decoded = codec.decode(bytes);
    expect(decoded).toStrictEqual(message);
    // Re-encoding what was decoded gives the same bytes.
    expect(codec.encode(decoded)).toStrictEqual(bytes);
  });

  it.each(messages)('%s with required fields only', (_name, msgType) => {
    const message = sampleMessage(msgType, false);
    const bytes = codec.encode(message);
    expectFramed(bytes);
    expect(codec.decode(bytes)).toStrictEqual(message);
  });

  it('writes body fields in dictionary order, whatever the object key order', () => {
    const header = { SendingTime: '20260102-03:04:05.678', MsgSeqNum: 3, TargetCompID: 'KalshiNR', SenderCompID: 'C' };
    const bytes = codec.encode({ msgType: '2', header, body: { EndSeqNo: 0, BeginSeqNo: 5 } });
    expect(text(bytes)).toMatch(/^8=FIXT\.1\.1\|9=\d+\|35=2\|49=C\|56=KalshiNR\|34=3\|52=20260102-03:04:05\.678\|7=5\|16=0\|10=\d{3}\|$/);
  });

  it('returns bytes that later encodes do not overwrite', () => {
    const first = codec.encode(sampleMessage('D', true));
    const copy = first.slice();
    for (let i = 0; i < 2000; i++) codec.encode(sampleMessage('8', true));
    expect(first).toStrictEqual(copy);
  });

  it('encodes a message larger than the encoder slab', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ PartyID: `party-${i}`, PartyRole: 24 as const }));
    const message = sampleMessage('D', true);
    const big = { ...message, body: { ...message.body, NoPartyIDs: entries } } as typeof message;
    const bytes = codec.encode(big);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    expect(codec.decode(bytes)).toStrictEqual(big);
  });
});
