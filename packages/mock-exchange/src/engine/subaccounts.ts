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
  /** Made through IntraExchangeInstanceTransfer rather than ApplySubaccountTransfer. */
  readonly intraExchange: boolean;
}

/** Input of {@link SubaccountDesk.transfer}. */
export interface SubaccountTransferInput {
  /** Idempotency key: a repeat returns the first transfer and moves nothing. */
  readonly clientTransferId: string;
  readonly fromSubaccount: number;
  readonly toSubaccount: number;
  /** Dollars to move; positive, whole cents. */
  readonly amount: Dollars;
  /** Made through IntraExchangeInstanceTransfer; default false. */
  readonly intraExchange?: boolean;
}

/** A target allocation of a user's balance across exchange indexes (Get/SetTargetBalanceAllocation). */
export interface BalanceAllocation {
  /** Percent per exchange index; empty turns automatic rebalancing off. */
  readonly allocations: ReadonlyArray<{ readonly exchangeIndex: number; readonly percent: number }>;
  /** Collateral a rebalance leaves for resting orders. */
  readonly restingMarginReservation: 'none' | 'max' | 'sum';
}

const DEFAULT_ALLOCATION: BalanceAllocation = { allocations: [{ exchangeIndex: 0, percent: 100 }], restingMarginReservation: 'sum' };

/**
 * Subaccounts of each user (/api-reference/portfolio/create-subaccount,
 * /api-reference/portfolio/transfer-between-subaccounts): numbered wallets with their own cash and
 * positions, opened one at a time from 1, and transfers of free cash between them.
 */
export class SubaccountDesk {
  private readonly transfers = new Map<string, SubaccountTransfer[]>();
  private readonly allocations = new Map<string, BalanceAllocation>();

  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  /**
   * Opens the user's next subaccount, with the primary account's netting setting. /changelog/index:
   * "New subaccounts inherit the primary account's netting setting at creation time." @returns its number. Throws `USER_NOT_FOUND`,
   * `INVALID_PARAMETER` past 32.
   */
  create(userId: string): number {
    const account = this.accounts.get(userId);
    const wallet = account.createSubaccount(this.clock.now());
    wallet.nettingEnabled = account.wallet(0).nettingEnabled;
    return wallet.subaccount;
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
    from.cash = from.cash.minus(input.amount);
    to.cash = to.cash.plus(input.amount);
    from.updatedMs = now;
    to.updatedMs = now;
    const transfer: SubaccountTransfer = { transferId: this.newId(), ...input, createdMs: now, intraExchange: input.intraExchange ?? false };
    done.push(transfer);
    this.transfers.set(userId, done);
    return transfer;
  }

  /** The user's transfers, oldest first. */
  history(userId: string): readonly SubaccountTransfer[] {
    return this.transfers.get(userId) ?? [];
  }

  /** The user's target balance allocation; default 100% on exchange index 0, reserving `sum`. Throws `USER_NOT_FOUND`. */
  allocation(userId: string): BalanceAllocation {
    this.accounts.get(userId);
    return this.allocations.get(userId) ?? DEFAULT_ALLOCATION;
  }

  /**
   * Replaces the user's target allocation. The simulator runs one exchange index (0), so the only
   * allocations are none (rebalancing off) or 100% on index 0. Throws `INVALID_PARAMETER`.
   */
  setAllocation(userId: string, allocation: BalanceAllocation): void {
    this.accounts.get(userId);
    const total = allocation.allocations.reduce((sum, a) => sum + a.percent, 0);
    if (allocation.allocations.length > 0 && total !== 100) {
      throw new MockExchangeError('INVALID_PARAMETER', `allocation percentages total ${total}, not 100`, { field: 'allocations' });
    }
    const other = allocation.allocations.find((a) => a.exchangeIndex !== 0);
    if (other !== undefined) {
      throw new MockExchangeError('INVALID_PARAMETER', 'the simulator has one exchange index, 0', { field: 'exchange_index', value: String(other.exchangeIndex) });
    }
    this.allocations.set(userId, allocation);
  }
}
