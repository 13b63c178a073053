/** @internal A frame's `seq` is the next one (or absent). */
export const IN_ORDER = 0;
/** @internal A frame's `seq` skipped at least one number. */
export const GAP = 1;
/** @internal A frame's `seq` is at or below one already seen. */
export const OUT_OF_ORDER = 2;

/** @internal How a frame's `seq` relates to the ones before it. */
export type SeqOrder = typeof IN_ORDER | typeof GAP | typeof OUT_OF_ORDER;

/**
 * @internal The last `seq` seen on one sid. A subscription's data frames carry a running `seq`
 * (the `seq` field of asyncapi.yaml's data messages); a new sid starts a new sequence.
 */
export class SeqTracker {
  /** The last in-order or gapped `seq`; undefined before the first. */
  last: number | undefined;

  /** Classifies `seq` and, unless it is {@link OUT_OF_ORDER}, takes it as the last. */
  check(seq: number | undefined): SeqOrder {
    if (typeof seq !== 'number') return IN_ORDER;
    const last = this.last;
    if (last !== undefined && seq !== last + 1) {
      if (seq <= last) return OUT_OF_ORDER;
      this.last = seq;
      return GAP;
    }
    this.last = seq;
    return IN_ORDER;
  }

  /**
   * A reply (`ok` to `update_subscription`) carried `seq`. Replies may share the data sequence;
   * take it only when it is the next one, so a reply numbered on its own never looks like a gap.
   */
  reply(seq: number): void {
    if (this.last !== undefined && seq === this.last + 1) this.last = seq;
  }

  /** A new sid: the next `seq` starts the sequence. */
  reset(): void {
    this.last = undefined;
  }
}
