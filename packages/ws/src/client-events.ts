import type { KalshiWsError } from './errors.js';
import type { Resubscribed } from './restore-round.js';
import type { Subscription } from './subscription.js';

/** `idle` (not connected), `connecting`, `open`, `reconnecting`, `closed` (after `close()`). */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Events of a {@link KalshiWebSocketClient}. A closed map: `on` and `off` take only these names,
 * so a misspelt event does not compile.
 */
export interface WebSocketClientEvents {
  /** A connection opened (`reconnect`: after a drop). */
  open: { readonly url: string; readonly reconnect: boolean };
  /** The connection dropped; attempt `attempt` starts in `delayMs`. */
  reconnecting: { readonly attempt: number; readonly delayMs: number; readonly error: KalshiWsError };
  /**
   * After a reconnect, every subscription live at the drop is active again. Not emitted when one
   * of them could not be restored (see `subscriptionFailed`) or the connection dropped first.
   */
  resubscribed: { readonly subscriptions: readonly Resubscribed[] };
  /**
   * Kalshi ended or refused a subscription with a terminal error (10, 25); it is subscribed again
   * (retry `attempt`, 1 for the first) in `delayMs`, under a new sid.
   */
  subscriptionRetry: { readonly subscription: Subscription; readonly attempt: number; readonly delayMs: number; readonly error: KalshiWsError };
  /** A subscription that was active ended for good because Kalshi would not restore it (retries ran out, or a non-terminal error). */
  subscriptionFailed: { readonly subscription: Subscription; readonly error: KalshiWsError };
  /** The socket closed. `willReconnect` is false after `close()` or with `reconnect: false`. */
  close: { readonly code: number; readonly reason: string; readonly willReconnect: boolean };
  /** Something went wrong that no promise reports: a malformed frame, a server error without a command, a failed reconnect attempt, a throwing handler. */
  error: KalshiWsError;
}
