import type { Clock, EngineEvent } from './types.js';

/** A listener of every {@link EngineEvent}. */
export type EngineListener = (event: EngineEvent) => void;

/**
 * The engine's event channel: delivers each {@link EngineEvent} synchronously to every listener,
 * and collects the markets an operation touched so that one `market_stats` event per market
 * follows the operation ({@link flushStats}).
 */
export class EngineEvents {
  /** The listeners, in registration order: replaced (never changed in place) on `on` and on removal, so an emit walks a fixed list. */
  private listeners: Array<{ readonly listener: EngineListener; active: boolean }> = [];
  /** Markets touched in the current operation, in first-touch order, each once (nearly always one: an array, checked from its end). */
  private readonly touched: string[] = [];

  constructor(private readonly clock: Clock) {}

  /** Registers a listener. @returns a function that removes it. */
  on(listener: EngineListener): () => void {
    const found = this.listeners.find((entry) => entry.listener === listener);
    if (found !== undefined) return () => this.remove(found);
    const entry = { listener, active: true };
    this.listeners = [...this.listeners, entry];
    return () => this.remove(entry);
  }

  /**
   * Delivers `event` to every listener, in registration order. A listener removed while the event
   * is being delivered does not get it; one added then gets the next event.
   */
  emit(event: EngineEvent): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      const entry = listeners[i]!;
      if (entry.active) entry.listener(event);
    }
  }

  private remove(entry: { readonly listener: EngineListener; active: boolean }): void {
    if (!entry.active) return;
    entry.active = false;
    this.listeners = this.listeners.filter((other) => other !== entry);
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
