import { Contracts } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { EngineEvents } from './engine-events.js';
import type { OrderStore } from './order-store.js';
import type { Clock, OrderGroup, OrderGroupEventType } from './types.js';

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
    return this.window.reduce((sum, entry) => sum.plus(entry.count), Contracts.ZERO);
  }

  /** Contracts the group may still match now. */
  room(nowMs: number): Contracts {
    const matched = this.matched(nowMs);
    return matched.gte(this.limit) ? Contracts.ZERO : this.limit.minus(matched);
  }

  record(count: Contracts, nowMs: number): void {
    this.window.push({ tsMs: nowMs, count });
  }

  reset(): void {
    this.window = [];
    this.triggered = false;
  }
}

/** What {@link OrderGroups} needs from the engine. */
export interface OrderGroupsOptions {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly events: EngineEvents;
  readonly orders: OrderStore;
}

/** Every order group by id, in creation order, and the group changes that cancel orders or report events. */
export class OrderGroups {
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly events: EngineEvents;
  private readonly orders: OrderStore;
  private readonly byId = new Map<string, OrderGroupState>();

  constructor(options: OrderGroupsOptions) {
    this.clock = options.clock;
    this.newId = options.newId;
    this.events = options.events;
    this.orders = options.orders;
  }

  /** The group with this id, or undefined. */
  find(groupId: string): OrderGroupState | undefined {
    return this.byId.get(groupId);
  }

  /** Creates a group of the user's. Throws `INVALID_PARAMETER` for a zero limit. */
  create(userId: string, limit: Contracts, subaccount: number): OrderGroupState {
    checkLimit(limit);
    const group = new OrderGroupState(this.newId(), userId, subaccount, limit);
    this.byId.set(group.groupId, group);
    this.report(group, 'created', group.limit);
    return group;
  }

  /** One of the user's groups. Throws `ORDER_GROUP_NOT_FOUND`. */
  owned(userId: string, groupId: string): OrderGroupState {
    const group = this.byId.get(groupId);
    if (group === undefined || group.userId !== userId) {
      throw new MockExchangeError('ORDER_GROUP_NOT_FOUND', `no order group ${groupId}`, { value: groupId });
    }
    return group;
  }

  /** A group a new order may join. Throws `ORDER_GROUP_NOT_FOUND`, `ORDER_GROUP_TRIGGERED`. */
  forNewOrder(userId: string, groupId: string): OrderGroupState {
    const group = this.owned(userId, groupId);
    if (group.triggered) {
      throw new MockExchangeError('ORDER_GROUP_TRIGGERED', `order group ${groupId} hit its limit; reset it first`, {
        field: 'order_group_id',
        value: groupId,
      });
    }
    return group;
  }

  /** The user's groups, oldest first. */
  ownedBy(userId: string): OrderGroupState[] {
    return [...this.byId.values()].filter((g) => g.userId === userId);
  }

  /** Deletes a group of the user's and cancels its resting orders. Throws `ORDER_GROUP_NOT_FOUND`. */
  delete(userId: string, groupId: string): void {
    const group = this.owned(userId, groupId);
    this.orders.cancelGroupOrders(group);
    this.byId.delete(groupId);
    this.report(group, 'deleted', undefined);
  }

  /** Clears a group's matched-contracts window. Throws `ORDER_GROUP_NOT_FOUND`. */
  reset(userId: string, groupId: string): void {
    const group = this.owned(userId, groupId);
    group.reset();
    this.report(group, 'reset', undefined);
  }

  /**
   * Sets a new contract limit; when the contracts matched in the last 15 seconds already reach it,
   * triggers the group at once. Throws `ORDER_GROUP_NOT_FOUND`, `INVALID_PARAMETER`.
   */
  updateLimit(userId: string, groupId: string, limit: Contracts): void {
    const group = this.owned(userId, groupId);
    checkLimit(limit);
    group.limit = limit;
    this.report(group, 'limit_updated', limit);
    // A limit the rolling window already reaches triggers the group at once (Update Order Group Limit).
    if (!group.triggered && group.room(this.clock.now()).isZero()) this.trigger(group);
  }

  /** Marks the group triggered and cancels its resting orders; new orders are refused until a reset. */
  trigger(group: OrderGroupState): void {
    group.triggered = true;
    this.orders.cancelGroupOrders(group);
    this.report(group, 'triggered', undefined);
  }

  private report(group: OrderGroupState, eventType: OrderGroupEventType, limit: Contracts | undefined): void {
    this.events.emit({ type: 'order_group', userId: group.userId, groupId: group.groupId, eventType, limit, tsMs: this.clock.now() });
  }
}

function checkLimit(limit: Contracts): void {
  if (limit.isZero()) {
    throw new MockExchangeError('INVALID_PARAMETER', 'contracts_limit must be positive', { field: 'contracts_limit' });
  }
}
