/**
 * A bounded FIFO between the socket and one `for await` consumer. The socket side never waits:
 * `push` returns false when the buffer is full and the caller applies its overflow policy.
 */
export class MessageBuffer<T> {
  readonly capacity: number;
  #items: T[] = [];
  #head = 0;
  #waiter: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiter: ((error: unknown) => void) | undefined;
  #ended = false;
  #error: unknown = undefined;
  #hasError = false;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Messages waiting to be read. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** True once {@link MessageBuffer.end} or {@link MessageBuffer.fail} was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Queues `item` (or hands it straight to a waiting reader); false when full or ended. */
  push(item: T): boolean {
    if (this.#ended) return false;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      this.#failWaiter = undefined;
      waiter({ value: item, done: false });
      return true;
    }
    if (this.size >= this.capacity) return false;
    this.#items.push(item);
    return true;
  }

  /** Removes and returns the oldest queued item. */
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head] as T;
    this.#head++;
    // Compact once the consumed prefix dominates, keeping shift O(1) amortized.
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Drops every queued item; returns how many were dropped. */
  clear(): number {
    const dropped = this.size;
    this.#items = [];
    this.#head = 0;
    return dropped;
  }

  /** No more items: the reader drains what is queued, then finishes. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settleWaiter();
  }

  /** The reader drains what is queued, then throws `error`. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#hasError = true;
    this.#error = error;
    this.#settleWaiter();
  }

  /** The next item, waiting for one if the buffer is empty. */
  next(): Promise<IteratorResult<T>> {
    if (this.size > 0) return Promise.resolve({ value: this.shift() as T, done: false });
    if (this.#ended) {
      if (this.#hasError) {
        this.#hasError = false;
        return Promise.reject(this.#error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#failWaiter = reject;
    });
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    const failWaiter = this.#failWaiter;
    if (waiter === undefined || failWaiter === undefined) return;
    this.#waiter = undefined;
    this.#failWaiter = undefined;
    if (this.#hasError) {
      this.#hasError = false;
      failWaiter(this.#error);
    } else {
      waiter({ value: undefined, done: true });
    }
  }
}
