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
  'mock-coverage': [],
};
