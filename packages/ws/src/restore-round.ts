import type { Subscription } from './subscription.js';

/** A subscription that came back under a new sid after a reconnect. */
export interface Resubscribed {
  readonly subscription: Subscription;
  readonly previousSid: number | undefined;
  readonly sid: number;
}

/**
 * One connection's restore of the subscriptions live when it opened. `done` runs once each of them
 * is active again or has ended: with the restored list when every one came back, with undefined
 * when one failed for good (those are reported on their own).
 */
export class RestoreRound {
  readonly #order: readonly Subscription[];
  readonly #waiting: Set<Subscription>;
  readonly #restored = new Map<Subscription, Resubscribed>();
  readonly #done: (restored: readonly Resubscribed[] | undefined) => void;
  #failed = false;

  /** @param subs the subscriptions to restore, at least one. */
  constructor(subs: readonly Subscription[], done: (restored: readonly Resubscribed[] | undefined) => void) {
    this.#order = subs;
    this.#waiting = new Set(subs);
    this.#done = done;
  }

  /** `sub` is active under `sid`. */
  restored(sub: Subscription, previousSid: number | undefined, sid: number): void {
    if (!this.#waiting.delete(sub)) return;
    this.#restored.set(sub, { subscription: sub, previousSid, sid });
    this.#check();
  }

  /** `sub` ended: unsubscribed (`failed` false) or refused for good. */
  ended(sub: Subscription, failed: boolean): void {
    if (!this.#waiting.delete(sub)) return;
    if (failed) this.#failed = true;
    this.#check();
  }

  #check(): void {
    if (this.#waiting.size > 0) return;
    this.#done(this.#failed ? undefined : this.#order.flatMap((s) => this.#restored.get(s) ?? []));
  }
}
