import type { Frame } from './harness.js';

/** A client-side order book rebuilt from `orderbook_snapshot` + `orderbook_delta`, checking `seq`. */
export class StreamBook {
  private readonly levels = { yes: new Map<string, number>(), no: new Map<string, number>() };
  lastSeq = 0;
  gaps = 0;

  apply(frame: Frame): void {
    if (frame.seq !== this.lastSeq + 1) this.gaps++;
    this.lastSeq = frame.seq;
    if (frame.type === 'orderbook_snapshot') {
      this.levels.yes.clear();
      this.levels.no.clear();
      for (const [p, c] of frame.msg.yes_dollars_fp ?? []) this.levels.yes.set(p, hundredths(c));
      for (const [p, c] of frame.msg.no_dollars_fp ?? []) this.levels.no.set(p, hundredths(c));
      return;
    }
    const side = this.levels[frame.msg.side as 'yes' | 'no'];
    const size = (side.get(frame.msg.price_dollars) ?? 0) + hundredths(frame.msg.delta_fp);
    if (size < 0) throw new Error(`negative level ${frame.msg.price_dollars}`);
    if (size === 0) side.delete(frame.msg.price_dollars);
    else side.set(frame.msg.price_dollars, size);
  }

  /** The book in REST `orderbook_fp` form (ascending prices). */
  toRest(): { yes_dollars: string[][]; no_dollars: string[][] } {
    const side = (m: Map<string, number>) => [...m].sort(([a], [b]) => Number(a) - Number(b)).map(([p, h]) => [p, (h / 100).toFixed(2)]);
    return { yes_dollars: side(this.levels.yes), no_dollars: side(this.levels.no) };
  }
}

function hundredths(fp: string): number {
  const negative = fp.startsWith('-');
  const [whole, frac = ''] = (negative ? fp.slice(1) : fp).split('.');
  const value = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -value : value;
}
