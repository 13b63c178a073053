/** A listener of one event; its return value is ignored. */
export type Listener<T> = (value: T) => void;

/**
 * One event's listeners. An emitter keeps one slot per event for its whole life, so a hot path
 * can hold on to the slot and test `listeners.length` (a plain property read) before emitting,
 * instead of looking the event up on every frame.
 */
export interface EventSlot<T> {
  /** Replaced on change, never mutated: an emit iterates the array it started with. */
  readonly listeners: ReadonlyArray<Listener<T>>;
}

interface MutableSlot<E> {
  readonly event: keyof E;
  listeners: ReadonlyArray<Listener<never>>;
}

const NONE: ReadonlyArray<Listener<never>> = Object.freeze([]);

/**
 * Empty for a closed event map (named events only); for a map with a string or number index
 * signature, a required argument of type `never`, so such an emitter cannot be constructed.
 */
export type ClosedEventMapCheck<E> = string extends keyof E ? [openEventMap: never] : number extends keyof E ? [openEventMap: never] : [];

/**
 * A minimal typed event emitter (no `node:events`, so the package loads in any runtime).
 * `E` maps each event name to the one value its listeners receive; it must be closed (no index
 * signature), so that a misspelt event name does not compile. A listener that throws does not
 * stop the others: the error goes to `onListenerError`.
 */
export class Emitter<E extends object> {
  readonly #slots = new Map<keyof E, MutableSlot<E>>();
  readonly #onListenerError: (error: unknown, event: keyof E) => void;

  constructor(onListenerError: (error: unknown, event: keyof E) => void, ..._closed: ClosedEventMapCheck<E>) {
    this.#onListenerError = onListenerError;
  }

  /** The slot of `event`, created on first use; the same object for the emitter's life. */
  slot<K extends keyof E>(event: K): EventSlot<E[K]> {
    return this.#slot(event) as unknown as EventSlot<E[K]>;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const slot = this.#slot(event);
    slot.listeners = [...slot.listeners, listener as Listener<never>];
    return () => this.off(event, listener);
  }

  /** Removes a listener added with {@link Emitter.on}. */
  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const slot = this.#slots.get(event);
    if (slot === undefined) return;
    const list = slot.listeners;
    const i = list.indexOf(listener as Listener<never>);
    if (i >= 0) slot.listeners = [...list.slice(0, i), ...list.slice(i + 1)];
  }

  /** True when `event` has at least one listener. */
  has(event: keyof E): boolean {
    const slot = this.#slots.get(event);
    return slot !== undefined && slot.listeners.length > 0;
  }

  /** Calls every listener of `event` with `value`, in the order they were added. */
  emit<K extends keyof E>(event: K, value: E[K]): void {
    const slot = this.#slots.get(event);
    if (slot !== undefined && slot.listeners.length > 0) this.emitTo(slot as unknown as EventSlot<E[K]>, value);
  }

  /** {@link Emitter.emit} for a slot from {@link Emitter.slot} of this emitter. */
  emitTo<T>(slot: EventSlot<T>, value: T): void {
    const list = slot.listeners;
    for (let i = 0; i < list.length; i++) {
      try {
        (list[i] as Listener<T>)(value);
      } catch (error) {
        this.#onListenerError(error, (slot as unknown as MutableSlot<E>).event);
      }
    }
  }

  #slot(event: keyof E): MutableSlot<E> {
    let slot = this.#slots.get(event);
    if (slot === undefined) {
      slot = { event, listeners: NONE };
      this.#slots.set(event, slot);
    }
    return slot;
  }
}
