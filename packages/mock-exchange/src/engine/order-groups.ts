import { Contracts } from '@kalshi-sdk/fixed-point';
import type { OrderGroup } from './types.js';

/** Kalshi measures an order group's contract limit over a rolling window of this length. */
export const ORDER_GROUP_WINDOW_MS = 15_000;

/** An order group and the contracts its orders matched, with timestamps, inside the window. */
export class OrderGroupState implements OrderGroup {
  triggered = false;
  readonly orderIdSet = new Set<string>();
  private window: Array<{ tsMs: number; count: Contracts }> = [];

  constructor(
    readonly groupId: string,
    readonly userId: string,
    readonly subaccount: number,
    public limit: Contracts,
  ) {}

  get orderIds(): readonly string[] {
    return [...this.orderIdSet];
  }

  /** Contracts matched in the last 15 seconds. */
  matched(nowMs: number): Contracts {
    this.window = this.window.filter((entry) => entry.tsMs > nowMs - ORDER_GROUP_WINDOW_MS);
    return this.window.reduce((sum, entry) => sum.add(entry.count), Contracts.ZERO);
  }

  /** Contracts the group may still match now. */
  room(nowMs: number): Contracts {
    const matched = this.matched(nowMs);
    return matched.gte(this.limit) ? Contracts.ZERO : this.limit.sub(matched);
  }

  record(count: Contracts, nowMs: number): void {
    this.window.push({ tsMs: nowMs, count });
  }

  reset(): void {
    this.window = [];
    this.triggered = false;
  }
}
