/**
 * Waiting for an order to finish, from the `user_orders` channel: filled, or cancelled and why
 * (`last_update_reason`, such as `SelfTradeCancel`). Doc page: /websockets/user-orders ("Updates sent when
 * your orders are created, filled, canceled, or otherwise updated").
 */
import { Contracts } from '@kalshi-sdk/fixed-point';
import { waitUntil } from './abort.js';
import { KalshiWsError } from './errors.js';
import type { LastUpdateReason, UserOrderPayloadMsg } from './generated/models.js';
import type { Subscription } from './subscription.js';

/** How an order finished: all of it `filled`, or `cancelled` (after `filled` contracts) for `reason`. */
export type OrderDone =
  | { readonly kind: 'filled'; readonly filled: Contracts; readonly order: UserOrderPayloadMsg }
  | {
      readonly kind: 'cancelled';
      /** Kalshi's `last_update_reason` (`SelfTradeCancel`, `ExpiryCancel`, …); undefined when the update carries none (a cancel you asked for). */
      readonly reason: LastUpdateReason | undefined;
      readonly filled: Contracts;
      readonly order: UserOrderPayloadMsg;
    };

/** Options of {@link OrderUpdates}. */
export interface OrderUpdatesOptions {
  /** How many finished orders to remember for a later {@link OrderUpdates.done} (oldest forgotten first). Default 10,000. */
  readonly remember?: number;
}

/**
 * Follows a `user_orders` subscription from the moment it is created and remembers how each order finished,
 * so that `done(orderId)` answers even when the order's last update came before the call (a REST answer and
 * a WebSocket frame race on two connections).
 *
 * ```ts
 * const updates = new OrderUpdates(await client.subscribe({ channel: 'user_orders' }, { iterate: false }));
 * const placed = await placeOrder(rest, { market, side: 'bid', price: '0.40', count: '5' });
 * const done = await updates.done(placed.order_id, { signal: AbortSignal.timeout(60_000) });
 * if (done.kind === 'cancelled' && done.reason === 'SelfTradeCancel') console.log('self-trade prevention cancelled it');
 * ```
 */
export class OrderUpdates {
  readonly #subscription: Subscription<'user_orders'>;
  readonly #remember: number;
  readonly #finished = new Map<string, OrderDone>();
  readonly #waiters = new Map<string, Set<(done: OrderDone) => void>>();
  readonly #closers = new Set<(error: KalshiWsError) => void>();
  readonly #stop: () => void;
  #closedBy: KalshiWsError | undefined;

  /**
   * @throws KalshiWsError `WS_CONFIG_INVALID` (`option: 'remember'`) unless `remember` is a positive integer.
   */
  constructor(subscription: Subscription<'user_orders'>, options: OrderUpdatesOptions = {}) {
    const remember = options.remember ?? 10_000;
    if (!Number.isSafeInteger(remember) || remember < 1) {
      throw new KalshiWsError('WS_CONFIG_INVALID', `remember must be a positive integer, got ${String(options.remember)}`, { option: 'remember' });
    }
    this.#subscription = subscription;
    this.#remember = remember;
    const offMessage = subscription.on('message', (m) => this.#update(m.msg));
    const offClosed = subscription.on('closed', ({ error }) => this.#end(error ?? closed()));
    this.#stop = () => {
      offMessage();
      offClosed();
    };
    if (subscription.state === 'closed') this.#end(closed());
  }

  /** The subscription followed. */
  get subscription(): Subscription<'user_orders'> {
    return this.#subscription;
  }

  /**
   * How `orderId` finished: at once if it already has, else at its final update (`status` `executed` or
   * `canceled`).
   * @throws (rejects with) `options.signal`'s reason when it aborts first (every handler is removed);
   *   KalshiWsError `WS_SUBSCRIPTION_CLOSED` (or what ended the subscription) when the stream ends first,
   *   or after {@link OrderUpdates.close}.
   */
  done(orderId: string, options: { readonly signal?: AbortSignal } = {}): Promise<OrderDone> {
    return waitUntil(options.signal, (settle) => {
      const finished = this.#finished.get(orderId);
      if (finished !== undefined) settle.resolve(finished);
      else if (this.#closedBy !== undefined) settle.reject(this.#closedBy);
      if (finished !== undefined || this.#closedBy !== undefined) return () => undefined;
      const waiter = (done: OrderDone): void => settle.resolve(done);
      let set = this.#waiters.get(orderId);
      if (set === undefined) this.#waiters.set(orderId, (set = new Set()));
      set.add(waiter);
      this.#closers.add(settle.reject);
      return () => {
        set.delete(waiter);
        if (set.size === 0) this.#waiters.delete(orderId);
        this.#closers.delete(settle.reject);
      };
    });
  }

  /** Stops following the subscription (it stays subscribed); pending waits reject with `WS_SUBSCRIPTION_CLOSED`. */
  close(): void {
    this.#end(new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'OrderUpdates was closed.', { channel: 'user_orders' }));
  }

  #update(msg: UserOrderPayloadMsg): void {
    if (msg.status !== 'executed' && msg.status !== 'canceled') return;
    const filled = Contracts.parse(msg.fill_count_fp, 'fill_count_fp');
    const done: OrderDone =
      msg.status === 'executed' ? { kind: 'filled', filled, order: msg } : { kind: 'cancelled', reason: msg.last_update_reason, filled, order: msg };
    this.#finished.delete(msg.order_id);
    this.#finished.set(msg.order_id, done);
    if (this.#finished.size > this.#remember) this.#finished.delete(this.#finished.keys().next().value as string);
    for (const waiter of [...(this.#waiters.get(msg.order_id) ?? [])]) waiter(done);
  }

  #end(error: KalshiWsError): void {
    if (this.#closedBy !== undefined) return;
    this.#closedBy = error;
    this.#stop();
    for (const reject of [...this.#closers]) reject(error);
  }
}

function closed(): KalshiWsError {
  return new KalshiWsError('WS_SUBSCRIPTION_CLOSED', 'The user_orders subscription ended.', { channel: 'user_orders' });
}
