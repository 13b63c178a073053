import type { Duplex } from 'node:stream';
import { FixCodec } from '../../src/codec/codec.js';
import { FixFramer } from '../../src/codec/framer.js';
import type { FixMessage, FixMessageOf } from '../../src/codec/message.js';
import { formatUtcTimestamp } from '../../src/codec/utc-timestamp.js';
import type { FixMessageBodies, FixMsgType, StandardHeader } from '../../src/generated/messages.js';
import { frame } from '../wire.js';

/** What the peer received: the decoded message and its wire text (`|` for SOH). */
export interface Received {
  readonly message: FixMessage;
  readonly text: string;
}

/**
 * A scripted counterparty on the far end of an in-memory duplex: decodes what the session sends
 * (with the codec, a dependency of the session tests anyway) and writes messages by hand.
 */
export class Peer {
  readonly codec = new FixCodec();
  readonly received: Received[] = [];
  private readonly framer = new FixFramer();
  private readonly waiters: Array<{ test: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  private readonly taken = new Set<Received>();
  nextSeq = 1;
  ended = false;

  constructor(
    readonly duplex: Duplex,
    readonly compId: string,
    readonly remoteCompId: string,
    private readonly now: () => number,
  ) {
    duplex.on('data', (chunk: Uint8Array) => {
      for (const f of this.framer.feed(chunk)) {
        if (f.kind !== 'message') continue;
        const r = { message: this.codec.decode(f.bytes), text: Buffer.from(f.bytes).toString('latin1').replaceAll('\x01', '|') };
        this.received.push(r);
        const i = this.waiters.findIndex((w) => w.test(r));
        if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(r);
      }
    });
    duplex.on('end', () => {
      this.ended = true;
    });
  }

  /** The first received message of type `msgType` not taken yet, waiting for one if needed. */
  async next<T extends FixMsgType>(msgType: T): Promise<FixMessageOf<T> & { readonly text: string }> {
    let r = this.received.find((x) => x.message.msgType === msgType && !this.taken.has(x));
    r ??= await new Promise<Received>((resolve) => this.waiters.push({ test: (x) => x.message.msgType === msgType && !this.taken.has(x), resolve }));
    this.taken.add(r);
    return Object.assign(r.message as FixMessageOf<T>, { text: r.text });
  }

  /** Received messages of a type, in order. */
  all<T extends FixMsgType>(msgType: T): Array<FixMessageOf<T>> {
    return this.received.filter((r) => r.message.msgType === msgType).map((r) => r.message as FixMessageOf<T>);
  }

  header(overrides: Partial<StandardHeader> = {}): StandardHeader {
    return { SenderCompID: this.compId, TargetCompID: this.remoteCompId, MsgSeqNum: this.nextSeq, SendingTime: formatUtcTimestamp(this.now()), ...overrides };
  }

  /** Sends a message with the next sequence number (or the header overrides given). */
  send<T extends FixMsgType>(msgType: T, body: FixMessageBodies[T], overrides: Partial<StandardHeader> = {}): void {
    const header = this.header(overrides);
    this.duplex.write(this.codec.encode({ msgType, header, body } as FixMessage));
    this.nextSeq = header.MsgSeqNum + 1;
  }

  /** Writes a hand-built message: `body` is everything after BodyLength (`35=...|...|`), `|` for SOH. */
  sendText(body: string): void {
    this.duplex.write(Buffer.from(frame(body).replaceAll('|', '\x01'), 'latin1'));
  }

  /** Writes raw bytes. */
  sendRaw(text: string): void {
    this.duplex.write(Buffer.from(text.replaceAll('|', '\x01'), 'latin1'));
  }
}

/** Lets queued stream callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
