/**
 * Outbound backpressure: writes go straight to the duplex until `write()` returns false, then
 * wait here, in order, until the duplex emits 'drain'. The queue only reports how full it is;
 * the session decides what to refuse (`FIX_WRITE_QUEUE_FULL` for application sends).
 */
import type { Duplex } from 'node:stream';

/** One connection's outbound queue in front of its duplex. */
export class WriteQueue {
  private readonly waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private blocked = false;
  /** Something was held back since the last drain: report the next one. */
  private heldBack = false;

  /**
   * @param duplex the transport written to.
   * @param maxBytes the bound of {@link full}, bytes.
   * @param onDrain called when messages were held back and all of them have been handed to the duplex.
   */
  constructor(
    private readonly duplex: Duplex,
    private readonly maxBytes: number,
    private readonly onDrain: () => void,
  ) {}

  /** Bytes held back, waiting for 'drain'. */
  get queuedBytes(): number {
    return this.waitingBytes;
  }

  /** True while `maxBytes` or more are held back. */
  get full(): boolean {
    return this.waitingBytes >= this.maxBytes;
  }

  /** Writes `bytes` now, or holds them until the duplex drains. */
  write(bytes: Uint8Array): void {
    if (this.blocked) {
      this.waiting.push(bytes);
      this.waitingBytes += bytes.length;
      this.heldBack = true;
      return;
    }
    if (!this.duplex.write(bytes)) this.block();
  }

  /** Hands everything held back to the duplex at once (it buffers them), before ending it. */
  flushAll(): void {
    this.duplex.off('drain', this.resume);
    this.blocked = false;
    this.heldBack = false;
    for (const bytes of this.waiting.splice(0)) this.duplex.write(bytes);
    this.waitingBytes = 0;
  }

  private block(): void {
    this.blocked = true;
    this.duplex.once('drain', this.resume);
  }

  private readonly resume = (): void => {
    this.blocked = false;
    while (this.waiting.length > 0) {
      const bytes = this.waiting.shift() as Uint8Array;
      this.waitingBytes -= bytes.length;
      if (!this.duplex.write(bytes)) {
        this.block();
        return;
      }
    }
    if (!this.heldBack) return;
    this.heldBack = false;
    this.onDrain();
  };
}
