import { Dollars } from '@kalshi-sdk/fixed-point';
import { MockExchangeError } from '../errors.js';
import type { Accounts, Wallet } from './accounts.js';
import type { Clock } from './types.js';

/** A cash transfer between two subaccounts of one user (ApplySubaccountTransfer). */
export interface SubaccountTransfer {
  readonly transferId: string;
  readonly clientTransferId: string;
  readonly fromSubaccount: number;
  readonly toSubaccount: number;
  /** Dollars moved, a whole number of cents. */
  readonly amount: Dollars;
  readonly createdMs: number;
}

/** Input of {@link SubaccountDesk.transfer}. */
export interface SubaccountTransferInput {
  /** Idempotency key: a repeat returns the first transfer and moves nothing. */
  readonly clientTransferId: string;
  readonly fromSubaccount: number;
  readonly toSubaccount: number;
  /** Dollars to move; positive, whole cents. */
  readonly amount: Dollars;
}

/**
 * Subaccounts of each user (/api-reference/portfolio/create-subaccount,
 * /api-reference/portfolio/transfer-between-subaccounts): numbered wallets with their own cash and
 * positions, opened one at a time from 1, and transfers of free cash between them.
 */
export class SubaccountDesk {
  private readonly transfers = new Map<string, SubaccountTransfer[]>();

  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  /** Opens the user's next subaccount. @returns its number. Throws `USER_NOT_FOUND`, `INVALID_PARAMETER` past 32. */
  create(userId: string): number {
    return this.accounts.get(userId).createSubaccount(this.clock.now()).subaccount;
  }

  /** The user's wallets (primary first). Throws `USER_NOT_FOUND`. */
  wallets(userId: string): Wallet[] {
    return [...this.accounts.get(userId).wallets.values()];
  }

  /** One wallet of the user. Throws `USER_NOT_FOUND`, `INVALID_PARAMETER` for an unknown subaccount. */
  wallet(userId: string, subaccount: number): Wallet {
    return this.accounts.get(userId).wallet(subaccount);
  }

  /**
   * Moves free cash (not held by resting orders) between two of the user's subaccounts.
   * Throws `INVALID_PARAMETER` (unknown or equal subaccounts, amount not positive whole cents),
   * `INSUFFICIENT_BALANCE`.
   */
  transfer(userId: string, input: SubaccountTransferInput): SubaccountTransfer {
    const account = this.accounts.get(userId);
    const done = this.transfers.get(userId) ?? [];
    const repeat = done.find((t) => t.clientTransferId === input.clientTransferId);
    if (repeat !== undefined) return repeat;
    if (input.fromSubaccount === input.toSubaccount) {
      throw new MockExchangeError('INVALID_PARAMETER', 'from_subaccount and to_subaccount must differ', {
        field: 'to_subaccount',
        value: String(input.toSubaccount),
      });
    }
    if (!input.amount.isPositive() || input.amount.decimals() > 2) {
      throw new MockExchangeError('INVALID_PARAMETER', 'amount must be a positive number of cents', { field: 'amount_cents', value: input.amount.toString() });
    }
    const from = account.wallet(input.fromSubaccount);
    const to = account.wallet(input.toSubaccount);
    if (from.available.lt(input.amount)) {
      throw new MockExchangeError('INSUFFICIENT_BALANCE', `subaccount ${input.fromSubaccount} has ${from.available.toString()} free`, {
        field: 'amount_cents',
      });
    }
    const now = this.clock.now();
    from.cash = from.cash.sub(input.amount);
    to.cash = to.cash.add(input.amount);
    from.updatedMs = now;
    to.updatedMs = now;
    const transfer: SubaccountTransfer = { transferId: this.newId(), ...input, createdMs: now };
    done.push(transfer);
    this.transfers.set(userId, done);
    return transfer;
  }

  /** The user's transfers, oldest first. */
  history(userId: string): readonly SubaccountTransfer[] {
    return this.transfers.get(userId) ?? [];
  }
}
