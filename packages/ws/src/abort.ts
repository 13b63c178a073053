/**
 * Waiting with an `AbortSignal`: every wait of the package (subscription iterators, {@link waitUntil}
 * callers such as `Subscription.waitFor`, `OrderUpdates.done`, `OrderBookManager.ready`, and the
 * commands' waits for their replies, `connect` and `OrderBookManager.track`) ends with the
 * signal's `reason` when it aborts, and removes every listener it added, on the signal too, however it
 * ends.
 */

/** What an aborted wait rejects with: `signal.reason` (an `AbortError` `DOMException` unless you gave one). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The two ways a {@link waitUntil} wait settles on its own. */
export interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * A promise settled by `start`'s listeners or by `signal`: `start` adds its listeners and returns the
 * function that removes them, which runs exactly once, whichever way the wait ends.
 * @throws (rejects with) `signal.reason` when `signal` aborts first, or is already aborted.
 */
export function waitUntil<T>(signal: AbortSignal | undefined, start: (settle: Settle<T>) => () => void): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let cleanup: (() => void) | undefined;
    const finish = (): void => {
      done = true;
      signal?.removeEventListener('abort', onAbort);
      cleanup?.();
    };
    const onAbort = (): void => {
      if (done) return;
      finish();
      reject(abortReason(signal as AbortSignal));
    };
    const settle: Settle<T> = {
      resolve: (value) => {
        if (done) return;
        finish();
        resolve(value);
      },
      reject: (error) => {
        if (done) return;
        finish();
        reject(error);
      },
    };
    cleanup = start(settle);
    if (done) {
      cleanup();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `promise`'s outcome, or `signal`'s reason if it aborts first (`promise` itself goes on; a later
 * rejection of it is handled). Without a signal, `promise` itself.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return waitUntil<T>(signal, (settle) => {
    promise.then(settle.resolve, settle.reject);
    return () => undefined;
  });
}

/**
 * `inner`, ending when `signal` aborts: a pending or later `next()` rejects with the signal's reason, and
 * `inner.return()` runs at once (a subscription stops buffering). The abort listener goes when the
 * iteration ends, however it ends.
 */
export function abortableIterator<T>(inner: AsyncIterator<T>, signal: AbortSignal | undefined): AsyncIterableIterator<T> {
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener('abort', end);
    void inner.return?.();
  };
  if (signal?.aborted) end();
  else signal?.addEventListener('abort', end, { once: true });
  return {
    next: () => {
      if (signal?.aborted) {
        end();
        return Promise.reject(abortReason(signal));
      }
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return waitUntil<IteratorResult<T>>(signal, (settle) => {
        inner.next().then(
          (result) => {
            if (result.done) end();
            settle.resolve(result);
          },
          (error: unknown) => {
            end();
            settle.reject(error);
          },
        );
        return () => undefined;
      });
    },
    return: () => {
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
