import type { WebSocket } from 'ws';
import type { EmitHook } from '../emit.js';
import type { Clock } from '../engine/types.js';
import { SEQUENCED, type Subscription } from './channels.js';

/** Settings a connection reads from its gateway at send time. */
export interface ConnectionContext {
  readonly clock: Clock;
  readonly onEmit: EmitHook | undefined;
  /** Current frame delay, ms (the delay fault). */
  delayMs(): number;
}

/** One authenticated WebSocket client: its subscriptions and an ordered, optionally delayed, outbox. */
export class Connection {
  readonly subscriptions = new Map<number, Subscription>();
  private nextSid = 1;
  /** Frames held by the delay fault, oldest first, each with the Unix ms it is due. */
  private readonly outbox: Array<{ dueMs: number; text: string }> = [];

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    readonly apiKeyId: string,
    private readonly context: ConnectionContext,
  ) {}

  /** A new subscription id (sids count from 1 per connection). */
  allocateSid(): number {
    return this.nextSid++;
  }

  /** The next `seq` of a sequenced subscription, honouring a pending skip fault. */
  nextSeq(sub: Subscription): number {
    sub.seq += sub.skipNext ? 2 : 1;
    sub.skipNext = false;
    return sub.seq;
  }

  /** Sends a subscription message, adding `sid`, `seq` (sequenced channels) and `sending_ts_ms`. */
  sendToSubscription(sub: Subscription, type: string, msg: unknown, id?: number): void {
    const frame: Record<string, unknown> = { type, sid: sub.sid };
    if (SEQUENCED.has(sub.channel)) frame['seq'] = this.nextSeq(sub);
    if (id !== undefined) frame['id'] = id;
    frame['msg'] = msg;
    this.send(frame);
  }

  /** Sends one JSON frame, stamped with `sending_ts_ms`. */
  send(frame: Record<string, unknown>): void {
    const stamped = { ...frame, sending_ts_ms: this.context.clock.now() };
    const text = JSON.stringify(stamped);
    this.context.onEmit?.({ kind: 'ws', text, frame: stamped, malformed: false });
    this.write(text);
  }

  /** Sends text that is not valid JSON (the malformed-frame fault). */
  sendMalformed(text: string): void {
    this.context.onEmit?.({ kind: 'ws', text, frame: undefined, malformed: true });
    this.write(text);
  }

  private write(text: string): void {
    const delay = this.context.delayMs();
    if (delay <= 0 && this.outbox.length === 0) {
      if (this.ws.readyState === this.ws.OPEN) this.ws.send(text);
      return;
    }
    // One FIFO per connection, so frames never overtake each other when the delay changes.
    const last = this.outbox[this.outbox.length - 1];
    this.outbox.push({ dueMs: Math.max(Date.now() + delay, last?.dueMs ?? 0), text });
    if (this.outbox.length === 1) this.schedule();
  }

  private schedule(): void {
    const head = this.outbox[0];
    if (head === undefined) return;
    setTimeout(() => {
      const now = Date.now();
      while (this.outbox.length > 0 && this.outbox[0]!.dueMs <= now) {
        const { text } = this.outbox.shift()!;
        if (this.ws.readyState === this.ws.OPEN) this.ws.send(text);
      }
      this.schedule();
    }, Math.max(0, head.dueMs - Date.now())).unref();
  }
}
