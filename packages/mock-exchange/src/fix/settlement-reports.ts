/**
 * Post trade: a MarketSettlementReport(UMS) to each session that takes them when a market
 * settles, one per user who held a position in it, built from the engine's settlement record
 * (YES and NO contracts held, payout, fees). On KalshiPT (retransmission) a report made while the
 * session is disconnected is numbered and stored for the client's ResendRequest. Doc page:
 * /fix/market-settlement.
 */
import { formatUtcTimestamp } from '@kalshi-sdk/fix';
import type { MarketSettlementReport } from '@kalshi-sdk/fix';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { EngineEvent, Settlement } from '../engine/types.js';
import type { FixSend } from './execution-reports.js';
import type { FixSessionSlot } from './fix-acceptor.js';

/** MarketSettlementPartyRole(20110) Customer Account. */
const CUSTOMER_ACCOUNT = 24;

/** Sends settlement reports from the engine's `settled` lifecycle events. */
export class SettlementReports {
  private readonly off: () => void;
  private reportSeq = 0;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly slots: () => Iterable<FixSessionSlot>,
    private readonly send: FixSend,
  ) {
    this.off = engine.on((event) => this.onEvent(event));
  }

  /** Stops listening to the engine. */
  close(): void {
    this.off();
  }

  private onEvent(event: EngineEvent): void {
    if (event.type !== 'market_lifecycle' || event.eventType !== 'settled') return;
    for (const slot of this.slots()) {
      if (!slot.subscriptions.settlementReports) continue;
      const settlement = this.engine.settlements(slot.userId).findLast((s) => s.ticker === event.ticker);
      if (settlement !== undefined) this.send(slot, 'UMS', this.report(slot.userId, settlement));
    }
  }

  private report(userId: string, s: Settlement): MarketSettlementReport {
    this.reportSeq += 1;
    return {
      MarketSettlementReportID: `settle-${this.reportSeq}`,
      Symbol: s.ticker,
      // YYYYMMDD of the settlement, UTC.
      ClearingBusinessDate: formatUtcTimestamp(s.settledMs).slice(0, 8),
      MarketResult: s.result,
      // /fix/market-settlement: "Settlement price of market in cents (2 decimal places".
      SettlementPrice: s.result === 'yes' ? '100.00' : '0.00',
      TotNumMarketSettlementReports: 1,
      LastFragment: true,
      NoMarketSettlementPartyIDs: [
        {
          MarketSettlementPartyID: userId,
          MarketSettlementPartyRole: CUSTOMER_ACCOUNT,
          LongQty: s.yesCount.toWire(),
          ShortQty: s.noCount.toWire(),
          NoCollateralAmountChanges: [{ CollateralAmountChange: s.revenue.toWire(), CollateralAmountType: 'PAYOUT' }],
          // The simulator charges no settlement fee (trading fees were reported with the fills); the page: "zero when no fee".
          NoMiscFees: [{ MiscFeeAmt: '0.00', MiscFeeCurr: 'USD', MiscFeeType: '4', MiscFeeBasis: 0 }],
        },
      ],
    };
  }
}
