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
  private readonly touched = new Set<string>();

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
    this.touched.add(ticker);
  }

  /** Emits `market_stats` for each market touched since the last flush, and forgets them. */
  flushStats(): void {
    for (const ticker of this.touched) this.emit({ type: 'market_stats', ticker, tsMs: this.clock.now() });
    this.touched.clear();
  }
}
