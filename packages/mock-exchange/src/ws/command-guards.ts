/**
 * The WebSocket command checks behind errors 9, 18, 26 and 27:
 * - 9 Authentication required: a user-data channel asked for with an API key whose scopes grant
 *   no read access (the connection itself is always authenticated on Kalshi, so the missing
 *   grant is the only way to get there);
 * - 18 Command timeout: fault injection, the next command routed to an existing subscription;
 * - 26 Subscription market limit exceeded: adding markets past the per-subscription limit;
 * - 27 Too many requests: more commands routed to one subscription than its rate allows.
 * Doc pages: /getting_started/quick_start_websockets (error code table), /websockets/*
 * ("Authentication required"); asyncapi.yaml for codes 26 and 27, which no page lists.
 */
import type { ApiKey } from '../auth.js';
import type { Clock } from '../engine/types.js';
import type { Channel, Subscription } from './channels.js';

/** The error messages of the codes checked here, as asyncapi.yaml names them. */
export const GUARD_ERRORS = {
  9: 'Authentication required',
  18: 'Command timeout',
  26: 'Subscription market limit exceeded',
  27: 'Too many requests',
} as const;

/** A WebSocket error code produced by {@link CommandGuards}. */
export type GuardErrorCode = keyof typeof GUARD_ERRORS;

/** The user-data channels (each /websockets page lists "Authentication required" with user-scoped data). */
export const USER_DATA_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['fill', 'market_positions', 'user_orders', 'order_group_updates', 'communications']);

/**
 * Markets one subscription may hold. Kalshi documents a per-subscription limit (error 26) but not
 * its size; the simulator's default is this, settable with `exchange.faults.ws.setSubscriptionLimits`.
 */
export const DEFAULT_SUBSCRIPTION_MARKET_LIMIT = 1_000;

/**
 * Commands routed to one subscription (`update_subscription`, a repeated `subscribe` that joins
 * it) per window. Kalshi documents a per-subscription command rate limit (error 27) but not its
 * size; the simulator's default is this, measured on the simulator's clock.
 */
export const DEFAULT_SUBSCRIPTION_COMMAND_RATE = { commands: 10, windowMs: 1_000 } as const;

/** Limits of `CommandGuards.setLimits`. */
export interface SubscriptionLimits {
  /** Markets one subscription may hold; error 26 past it. */
  readonly marketsPerSubscription?: number;
  /** Commands routed to one subscription per `windowMs`; error 27 past it. */
  readonly commandsPerWindow?: number;
  /** The window of `commandsPerWindow`, ms of the simulator's clock. */
  readonly windowMs?: number;
}

/** Per-gateway state of the checks: limits, command times per subscription, pending timeouts. */
export class CommandGuards {
  private marketLimit = DEFAULT_SUBSCRIPTION_MARKET_LIMIT;
  private commandLimit: number = DEFAULT_SUBSCRIPTION_COMMAND_RATE.commands;
  private windowMs: number = DEFAULT_SUBSCRIPTION_COMMAND_RATE.windowMs;
  private readonly commandTimes = new WeakMap<Subscription, number[]>();
  private timeouts: Array<{ readonly apiKeyId: string | undefined; readonly sid: number | undefined }> = [];

  constructor(
    private readonly clock: Clock,
    private readonly keys: ReadonlyMap<string, ApiKey>,
  ) {}

  /** Changes the limits; omitted fields keep their value. */
  setLimits(limits: SubscriptionLimits): void {
    this.marketLimit = limits.marketsPerSubscription ?? this.marketLimit;
    this.commandLimit = limits.commandsPerWindow ?? this.commandLimit;
    this.windowMs = limits.windowMs ?? this.windowMs;
  }

  /** Makes the next command routed to a matching existing subscription fail with 18. */
  timeOutNextCommand(filter: { readonly apiKeyId?: string; readonly sid?: number }): void {
    this.timeouts.push({ apiKeyId: filter.apiKeyId, sid: filter.sid });
  }

  /** 9 when `channel` carries user data and the key has no read grant; undefined otherwise. */
  channelAccess(apiKeyId: string, channel: Channel): GuardErrorCode | undefined {
    if (!USER_DATA_CHANNELS.has(channel)) return undefined;
    const scopes = this.keys.get(apiKeyId)?.scopes;
    // Keys without scopes have full access (openapi.yaml: full access unless scopes are given).
    return scopes === undefined || scopes.includes('read') ? undefined : 9;
  }

  /** 26 when a subscription would hold more than the limit of markets. */
  marketCount(count: number): GuardErrorCode | undefined {
    return count > this.marketLimit ? 26 : undefined;
  }

  /**
   * Records a command routed to `sub`: 18 if a timeout fault matches it, 27 past the rate
   * limit, undefined when it may proceed.
   */
  routeCommand(apiKeyId: string, sub: Subscription): GuardErrorCode | undefined {
    const i = this.timeouts.findIndex((t) => (t.apiKeyId === undefined || t.apiKeyId === apiKeyId) && (t.sid === undefined || t.sid === sub.sid));
    if (i >= 0) {
      this.timeouts.splice(i, 1);
      return 18;
    }
    const now = this.clock.now();
    const recent = (this.commandTimes.get(sub) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.commandLimit) {
      this.commandTimes.set(sub, recent);
      return 27;
    }
    recent.push(now);
    this.commandTimes.set(sub, recent);
    return undefined;
  }
}
