/** A minimal typed event emitter: listeners run synchronously, in registration order. */

/**
 * Listener signatures by event name: a closed interface (no index signature), so a misspelt
 * event name does not compile.
 */
export type EventMap<E> = { readonly [K in keyof E]: (...args: never[]) => void };

/** Typed `on` / `emit` over an event map; `on` returns a function that removes the listener. */
export class Emitter<E extends EventMap<E>> {
  private readonly listeners = new Map<keyof E, Set<E[keyof E]>>();

  /**
   * Registers `listener` for `event`.
   * @returns a function that removes it.
   */
  on<K extends keyof E>(event: K, listener: E[K]): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Calls every listener of `event` with `args`. A throwing listener does not stop the others; the first error is rethrown after all ran. */
  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    let failure: { error: unknown } | undefined;
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<E[K]>) => void)(...args);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
