import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Accounts } from './accounts.js';
import type { Clock } from './types.js';

/** One subtrader of an FCM member: a user of the exchange, `{fcm_user_id}_{suffix}`. */
export interface FcmSubtrader {
  readonly subtraderId: string;
  readonly fcmUserId: string;
  /** The event-contract daily premium cap, dollars, if set. */
  dailyCap: Dollars | undefined;
  /** Event categories the FCM blocked for this subtrader. */
  readonly blockedCategories: Set<string>;
}

const SUFFIX = /^[A-Za-z0-9]{1,16}$/;

/**
 * FCM members and their subtraders (/api-reference/fcm/*), a simple model: a member is a user
 * marked with {@link addMember}; each subtrader is a user of its own (own cash, positions, orders
 * and fills) that the member reads through the FCM endpoints. Daily caps and blocked categories
 * are stored and reported, not enforced on orders.
 */
export class FcmDesk {
  private readonly members = new Set<string>();
  private readonly subtraders = new Map<string, FcmSubtrader>();

  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
  ) {}

  /** Gives an existing user FCM member access. Throws `USER_NOT_FOUND`. */
  addMember(userId: string): void {
    this.accounts.get(userId);
    this.members.add(userId);
  }

  /** Throws `FORBIDDEN` unless the user is an FCM member. */
  requireMember(userId: string): void {
    if (!this.members.has(userId)) throw new MockExchangeError('FORBIDDEN', 'FCM member access is required', { value: userId });
  }

  /**
   * Creates subtrader `{fcmUserId}_{suffix}` as a user with `balance` dollars (default none).
   * Throws `FORBIDDEN` (not a member), `INVALID_PARAMETER` (suffix not 1-16 ASCII letters and
   * digits), `ALREADY_EXISTS`.
   */
  createSubtrader(fcmUserId: string, suffix: string, balance: Dollars = Dollars.ZERO): FcmSubtrader {
    this.requireMember(fcmUserId);
    if (!SUFFIX.test(suffix)) {
      throw new MockExchangeError('INVALID_PARAMETER', 'subtrader_suffix must be 1 to 16 ASCII letters and digits', { field: 'subtrader_suffix', value: suffix });
    }
    const subtraderId = `${fcmUserId}_${suffix}`;
    if (this.subtraders.has(subtraderId)) {
      throw new MockExchangeError('ALREADY_EXISTS', `subtrader ${subtraderId} already exists`, { field: 'subtrader_suffix', value: suffix });
    }
    this.accounts.add(subtraderId, balance, this.clock.now());
    const subtrader: FcmSubtrader = { subtraderId, fcmUserId, dailyCap: undefined, blockedCategories: new Set() };
    this.subtraders.set(subtraderId, subtrader);
    return subtrader;
  }

  /** The member's subtraders, oldest first. Throws `FORBIDDEN`. */
  list(fcmUserId: string): FcmSubtrader[] {
    this.requireMember(fcmUserId);
    return [...this.subtraders.values()].filter((s) => s.fcmUserId === fcmUserId);
  }

  /** One of the member's subtraders. Throws `FORBIDDEN`, `SUBTRADER_NOT_FOUND` (unknown or another member's). */
  subtrader(fcmUserId: string, subtraderId: string): FcmSubtrader {
    this.requireMember(fcmUserId);
    const subtrader = this.subtraders.get(subtraderId);
    if (subtrader === undefined || subtrader.fcmUserId !== fcmUserId) {
      throw new MockExchangeError('SUBTRADER_NOT_FOUND', `no subtrader ${subtraderId} of this FCM`, { field: 'subtrader_id', value: subtraderId });
    }
    return subtrader;
  }
}
