import type { Clock, EngineEvent } from './types.js';

/** A listener of every {@link EngineEvent}. */
export type EngineListener = (event: EngineEvent) => void;

/**
 * The engine's event channel: delivers each {@link EngineEvent} synchronously to every listener,
 * and collects the markets an operation touched so that one `market_stats` event per market
 * follows the operation ({@link flushStats}).
 */
export class EngineEvents {
  private readonly listeners = new Set<EngineListener>();
  /** Markets touched in the current operation, in first-touch order, each once (nearly always one: an array, checked from its end). */
  private readonly touched: string[] = [];

  constructor(private readonly clock: Clock) {}

  /** Registers a listener. @returns a function that removes it. */
  on(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers `event` to every listener, in registration order. */
  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Notes that `ticker`'s book, trades or volume changed in the current operation. */
  touch(ticker: string): void {
    const touched = this.touched;
    if (touched.length === 0 || (touched[touched.length - 1] !== ticker && !touched.includes(ticker))) touched.push(ticker);
  }

  /** Emits `market_stats` for each market touched since the last flush, and forgets them. */
  flushStats(): void {
    const touched = this.touched;
    if (touched.length === 0) return;
    for (let i = 0; i < touched.length; i++) this.emit({ type: 'market_stats', ticker: touched[i]!, tsMs: this.clock.now() });
    touched.length = 0;
  }
}
