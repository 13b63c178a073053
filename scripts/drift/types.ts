/** The drift checks: each is one named test in scripts/test/drift/*.test.ts. */
export type DriftCheck =
  | 'fixed-point-dollars'
  | 'fixed-point-counts'
  | 'pagination'
  | 'ws-channels'
  | 'fix-messages'
  | 'rate-limit-costs'
  | 'mock-coverage';

/**
 * One assumption of the hand-written layer that the spec breaks. `subject` is stable (a field,
 * operation, channel or message: `openapi:Market.yes_bid_dollars`, `GetMarkets`, `ticker`,
 * `NewOrderSingle (35=D)`); exceptions match on it.
 */
export interface DriftProblem {
  readonly subject: string;
  readonly message: string;
}

/** A problem the project accepts, with why. It must keep matching a problem, or it fails as stale. */
export interface DriftException {
  readonly subject: string;
  readonly reason: string;
}
