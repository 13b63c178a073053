import type { DriftCheck, DriftException } from './types.ts';

/**
 * Drift the project accepts, per check, each with why. An exception that matches no problem any
 * more fails its check as stale: delete it.
 */
export const driftExceptions: Readonly<Record<DriftCheck, readonly DriftException[]>> = {
  'fixed-point-dollars': [],
  'fixed-point-counts': [
    {
      subject: 'openapi:MarketOrderbookFp.orderbook_fp',
      reason: 'an object (the order book) named for the fixed-point ladders inside it, not a count; its yes_dollars/no_dollars ladders are checked as fields of OrderbookCountFp',
    },
    {
      subject: 'openapi:GetMarketOrderbookResponse.orderbook_fp',
      reason: 'an object (the order book) named for the fixed-point ladders inside it, not a count; its yes_dollars/no_dollars ladders are checked as fields of OrderbookCountFp',
    },
  ],
  pagination: [],
  'ws-channels': [],
  'fix-messages': [],
  'rate-limit-costs': [],
  'mock-coverage': [
    { subject: 'CreateFCMSubtrader', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'DeleteFCMEventContractDailyCap', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetDeposits', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetFCMEventContractDailyCap', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetFCMFills', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetFCMOrders', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetFCMPositions', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetFCMSubtraderBlockedCategories', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetIntraExchangeInstanceTransfer', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetIntraExchangeInstanceTransfers', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetPortfolioRestingOrderTotalValue', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetTargetBalanceAllocation', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'GetWithdrawals', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'IntraExchangeInstanceTransfer', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'ListFCMSubtraders', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'SetTargetBalanceAllocation', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'UpdateFCMEventContractDailyCap', reason: 'issue #11: no mock-exchange handler yet' },
    { subject: 'UpdateFCMSubtraderBlockedCategories', reason: 'issue #11: no mock-exchange handler yet' },
  ],
};
