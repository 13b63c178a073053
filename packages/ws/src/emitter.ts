/** A listener of one event; its return value is ignored. */
export type Listener<T> = (value: T) => void;

/**
 * A minimal typed event emitter (no `node:events`, so the package loads in any runtime).
 * `E` maps each event name to the one value its listeners receive. A listener that throws does
 * not stop the others: the error goes to `onListenerError`.
 */
export class Emitter<E extends object> {
  // Arrays replaced on change (never mutated), so emit iterates without allocating and a
  // listener that adds or removes listeners does not disturb the current emit.
  readonly #listeners = new Map<keyof E, ReadonlyArray<Listener<never>>>();
  readonly #onListenerError: (error: unknown, event: keyof E) => void;

  constructor(onListenerError: (error: unknown, event: keyof E) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener as Listener<never>]);
    return () => this.off(event, listener);
  }

  /** Removes a listener added with {@link Emitter.on}. */
  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const list = this.#listeners.get(event);
    if (list === undefined) return;
    const i = list.indexOf(listener as Listener<never>);
    if (i >= 0) this.#listeners.set(event, [...list.slice(0, i), ...list.slice(i + 1)]);
  }

  /** True when `event` has at least one listener. */
  has(event: keyof E): boolean {
    const list = this.#listeners.get(event);
    return list !== undefined && list.length > 0;
  }

  /** Calls every listener of `event` with `value`, in the order they were added. */
  emit<K extends keyof E>(event: K, value: E[K]): void {
    const list = this.#listeners.get(event) as ReadonlyArray<Listener<E[K]>> | undefined;
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      try {
        (list[i] as Listener<E[K]>)(value);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }
}
