/**
 * Kalshi's RFQ flow over FIX, on the engine's RFQ and quote state (`engine.communications`, the
 * same one the REST `/communications/*` routes drive). RFQ creators on KalshiRT send
 * QuoteRequest(R), AcceptQuote(UA) and RFQCancel(UE) and get QuoteRequestAck(b) or
 * QuoteRequestReject(AG), Quote(S) notifications, AcceptQuoteStatus(UC), RFQCancelStatus(UB) and
 * the ExecutionReports of the executed trade. Market makers on KalshiRFQ get each new RFQ as a
 * QuoteRequest(R) and send Quote(S), QuoteCancel(Z) and QuoteConfirm(U7), answered with
 * QuoteStatusReport(AI), QuoteCancelStatus(U9) and QuoteConfirmStatus(U8). RFQs and quotes made
 * over REST reach the FIX sessions too. Doc page: /fix/rfq-messages.
 */
import type { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { type FixMessage, type FixMessageOf, FixPriceFormat, parseQuantity } from '@kalshi-sdk/fix';
import type { CommunicationsEvent, Quote, Rfq } from '../engine/communications-types.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import { MockExchangeError } from '../errors.js';
import type { DropCopyJournal } from './drop-copy.js';
import type { ExecutionReports, FixSend } from './execution-reports.js';
import type { FixSessionSlot } from './fix-acceptor.js';

/** QuoteStatus(297) values (/fix/rfq-messages, "Quote Status Values"). */
const ACCEPTED = 0;
const REJECTED = 5;
const PENDING = 10;
const CANCELLED = 17;
/** The ...Status fields of U9, U8, UC, UB: 0 done, 1 rejected. */
const OK = 0;
const REFUSED = 1;
/** Dollar prices (CashOrderQty, and the format of a session that has none yet). */
const DOLLARS = new FixPriceFormat(true);

/** The RFQ messages of the acceptor's sessions, driven by and driving the engine's RFQ state. */
export class FixRfqDesk {
  private readonly off: () => void;
  /** RFQ id by `userId␀QuoteReqID(131)` of a creator's QuoteRequest, for RFQCancel. */
  private readonly rfqByReqId = new Map<string, string>();
  /** A maker's QuoteID(117) by engine quote id, and back (`userId␀QuoteID`). */
  private readonly clientQuoteIds = new Map<string, string>();
  private readonly quoteByClientId = new Map<string, string>();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly slots: () => Iterable<FixSessionSlot>,
    private readonly send: FixSend,
    private readonly journal: DropCopyJournal,
    private readonly reports: ExecutionReports,
  ) {
    this.off = engine.communications.on((event) => this.onEvent(event));
  }

  /** Stops listening to the engine. */
  close(): void {
    this.off();
  }

  /** Handles R, UA, UE (KalshiRT) and S, Z, U7 (KalshiRFQ); the caller has checked the session takes them. */
  handle(slot: FixSessionSlot, message: FixMessage): void {
    const prices = slot.live?.prices;
    if (prices === undefined) return;
    switch (message.msgType) {
      case 'R':
        return this.quoteRequest(slot, message);
      case 'UA':
        return this.acceptQuote(slot, message);
      case 'UE':
        return this.rfqCancel(slot, message);
      case 'S':
        return this.quote(slot, message, prices);
      case 'Z':
        return this.quoteCancel(slot, message);
      case 'U7':
        return this.quoteConfirm(slot, message);
      default:
    }
  }

  // ------------------------------------------------------------------ creators (KalshiRT)

  private quoteRequest(slot: FixSessionSlot, message: FixMessageOf<'R'>): void {
    const b = message.body;
    const refuse = (reason: number, text: string) => this.send(slot, 'AG', { QuoteReqID: b.QuoteReqID, QuoteRequestRejectReason: reason, Text: text });
    if (b.Symbol === undefined) {
      // Multivariate legs (20180-20184) are not simulated over FIX.
      refuse(99, 'Symbol is required: multivariate legs are not simulated');
      return;
    }
    let contracts: Contracts | undefined;
    let targetCost: Dollars | undefined;
    try {
      if (b.OrderQty !== undefined) contracts = parseQuantity(b.OrderQty, 'OrderQty');
      if (b.CashOrderQty !== undefined) targetCost = DOLLARS.parse(b.CashOrderQty, 'CashOrderQty');
    } catch {
      refuse(99, 'OrderQty or CashOrderQty does not parse');
      return;
    }
    try {
      const rfq = this.engine.communications.createRfq(slot.userId, {
        ticker: b.Symbol,
        ...(contracts === undefined ? {} : { contracts }),
        ...(targetCost === undefined ? {} : { targetCost }),
        restRemainder: b.RestRemainder === 'Y',
        replaceExisting: b.ReplaceExisting === 'Y',
        ...(b.AllocAccount === undefined ? {} : { subaccount: b.AllocAccount }),
      });
      this.rfqByReqId.set(`${slot.userId}\0${b.QuoteReqID}`, rfq.rfqId);
      this.send(slot, 'b', { QuoteReqID: b.QuoteReqID, QuoteRequestType: 1, RfqId: rfq.rfqId });
    } catch (error) {
      const code = codeOf(error);
      refuse(code === 'MARKET_NOT_FOUND' ? 1 : code === 'INSUFFICIENT_BALANCE' ? 11 : 99, code);
    }
  }

  private acceptQuote(slot: FixSessionSlot, message: FixMessageOf<'UA'>): void {
    const b = message.body;
    const echo = b.ClOrdID === undefined ? {} : { ClOrdID: b.ClOrdID };
    try {
      // /fix/rfq-messages: "BUY accepts the maker's NO quote and SELL accepts the maker's YES quote".
      const quote = this.engine.communications.acceptQuote(slot.userId, b.QuoteID, b.Side === '1' ? 'no' : 'yes');
      this.send(slot, 'UC', { QuoteID: b.QuoteID, AcceptQuoteStatus: OK, AcceptedQuoteId: quote.quoteId, ...echo });
    } catch (error) {
      this.send(slot, 'UC', { QuoteID: b.QuoteID, AcceptQuoteStatus: REFUSED, ...echo, Text: codeOf(error) });
    }
  }

  private rfqCancel(slot: FixSessionSlot, message: FixMessageOf<'UE'>): void {
    const b = message.body;
    const given = b.QuoteReqID ?? b.RfqId ?? '';
    // /fix/rfq-messages: RFQCancel "accepts either your original client-assigned QuoteReqId (tag 131) or the server-assigned RfqId (tag 21023)".
    const rfqId = b.RfqId ?? this.rfqByReqId.get(`${slot.userId}\0${given}`) ?? given;
    try {
      this.engine.communications.deleteRfq(slot.userId, rfqId);
      this.send(slot, 'UB', { QuoteReqID: given, RFQCancelStatus: OK });
    } catch (error) {
      this.send(slot, 'UB', { QuoteReqID: given, RFQCancelStatus: REFUSED, Text: codeOf(error) });
    }
  }

  // ------------------------------------------------------------------ market makers (KalshiRFQ)

  private quote(slot: FixSessionSlot, message: FixMessageOf<'S'>, prices: FixPriceFormat): void {
    const b = message.body;
    const rejected = (text: string) => this.send(slot, 'AI', { QuoteID: b.QuoteID, QuoteReqID: b.QuoteReqID, QuoteStatus: REJECTED, Text: text });
    let yesBid: Dollars;
    let noBid: Dollars;
    try {
      // Makers quote in the session's price format: cents ("75") unless the Logon set UseDollars.
      yesBid = b.BidPx === undefined ? DOLLARS.parse('0', 'BidPx') : prices.parse(b.BidPx, 'BidPx');
      noBid = b.OfferPx === undefined ? DOLLARS.parse('0', 'OfferPx') : prices.parse(b.OfferPx, 'OfferPx');
    } catch {
      rejected('BidPx or OfferPx does not parse');
      return;
    }
    try {
      const quote = this.engine.communications.createQuote(slot.userId, {
        rfqId: b.QuoteReqID,
        yesBid,
        noBid,
        restRemainder: b.RestRemainder === 'Y',
        ...(b.AllocAccount === undefined ? {} : { subaccount: b.AllocAccount }),
      });
      this.clientQuoteIds.set(quote.quoteId, b.QuoteID);
      this.quoteByClientId.set(`${slot.userId}\0${b.QuoteID}`, quote.quoteId);
      this.send(slot, 'AI', { ...this.statusFields(quote, PENDING, prices), QuoteID: b.QuoteID });
    } catch (error) {
      rejected(codeOf(error));
    }
  }

  private quoteCancel(slot: FixSessionSlot, message: FixMessageOf<'Z'>): void {
    const clientId = message.body.QuoteID;
    const quoteId = this.quoteByClientId.get(`${slot.userId}\0${clientId}`) ?? clientId;
    try {
      this.engine.communications.deleteQuote(slot.userId, quoteId);
      const quote = this.engine.communications.getQuote(slot.userId, quoteId);
      this.send(slot, 'U9', { QuoteID: clientId, QuoteCancelStatus: OK });
      // /fix/rfq-messages: QuoteCancel "Exchange responds with QuoteStatusReport (Status=CANCELLED)."
      this.send(slot, 'AI', { QuoteID: clientId, QuoteReqID: quote.rfqId, QuoteStatus: CANCELLED });
    } catch (error) {
      this.send(slot, 'U9', { QuoteID: clientId, QuoteCancelStatus: REFUSED, Text: codeOf(error) });
    }
  }

  private quoteConfirm(slot: FixSessionSlot, message: FixMessageOf<'U7'>): void {
    const clientId = message.body.QuoteID;
    const quoteId = this.quoteByClientId.get(`${slot.userId}\0${clientId}`) ?? clientId;
    try {
      this.engine.communications.confirmQuote(slot.userId, quoteId);
      this.send(slot, 'U8', { QuoteID: clientId, QuoteConfirmStatus: OK });
    } catch (error) {
      this.send(slot, 'U8', { QuoteID: clientId, QuoteConfirmStatus: REFUSED, Text: codeOf(error) });
    }
  }

  // ------------------------------------------------------------------ engine events

  private onEvent(event: CommunicationsEvent): void {
    switch (event.type) {
      case 'rfq_created':
        for (const slot of this.sessions('KalshiRFQ')) if (slot.userId !== event.rfq.userId) this.send(slot, 'R', this.notification(event.rfq));
        return;
      case 'rfq_deleted':
        if (event.rfq.cancellationReason === 'executed') return;
        // /fix/rfq-messages: QuoteRequestReject also "notifies ... that a quote request was cancelled".
        for (const slot of this.sessions('KalshiRFQ')) {
          if (slot.userId !== event.rfq.userId) this.send(slot, 'AG', { QuoteReqID: event.rfq.rfqId, QuoteRequestRejectReason: 99, Text: event.rfq.cancellationReason ?? 'cancelled' });
        }
        return;
      case 'quote_created':
        for (const slot of this.sessions('KalshiRT', event.rfq.userId)) this.send(slot, 'S', this.quoteNotification(event.quote, event.rfq));
        return;
      case 'quote_accepted':
        for (const slot of this.sessions('KalshiRFQ', event.quote.userId)) {
          const prices = slot.live?.prices ?? DOLLARS;
          this.send(slot, 'AI', {
            ...this.statusFields(event.quote, ACCEPTED, prices),
            // AcceptedSide(54): 1 = Yes, 2 = No (/fix/rfq-messages, QuoteStatusReport table).
            Side: event.quote.acceptedSide === 'yes' ? '1' : '2',
          });
        }
        return;
      case 'quote_executed':
        for (const party of event.orders) {
          if (party.userId !== event.quote.rfqUserId) continue;
          for (const slot of this.sessions('KalshiRT', party.userId)) {
            this.reports.manage(slot, party.orderId);
            for (const build of this.journal.reportsOf(party.orderId)) this.send(slot, '8', build(slot.live?.prices ?? DOLLARS));
          }
        }
        return;
      default:
    }
  }

  /** The sessions of `target` (of `userId` only, when given) that can take a message now or keep it for resend. */
  private *sessions(target: 'KalshiRT' | 'KalshiRFQ', userId?: string): Iterable<FixSessionSlot> {
    for (const slot of this.slots()) {
      if (slot.target === target && (userId === undefined || slot.userId === userId)) yield slot;
    }
  }

  /** QuoteRequest(R) to makers: the server's RFQ id, its market and size, and the requester's communications id. */
  private notification(rfq: Rfq): FixMessageOf<'R'>['body'] {
    return {
      QuoteReqID: rfq.rfqId,
      NoRelatedSym: 1,
      Symbol: rfq.ticker,
      ...(rfq.contracts === undefined ? {} : { OrderQty: rfq.contracts.toWire() }),
      ...(rfq.targetCost === undefined ? {} : { CashOrderQty: rfq.targetCost.toWire() }),
      NoPartyIDs: [{ PartyID: this.engine.communications.communicationsId(rfq.userId) }],
    };
  }

  /** Quote(S) to the creator: prices in dollars, a side quoted at zero left out. */
  private quoteNotification(quote: Quote, rfq: Rfq): FixMessageOf<'S'>['body'] {
    return {
      QuoteID: quote.quoteId,
      QuoteReqID: quote.rfqId,
      Symbol: quote.ticker,
      // /fix/rfq-messages: "Yes price in dollars (e.g. 0.4500)".
      ...(quote.yesBid.isZero() ? {} : { BidPx: quote.yesBid.toWire(), BidSize: quote.yesContracts.toWire() }),
      ...(quote.noBid.isZero() ? {} : { OfferPx: quote.noBid.toWire(), OfferSize: quote.noContracts.toWire() }),
      ...(rfq.contracts === undefined ? {} : { OrderQty: rfq.contracts.toWire() }),
    };
  }

  private statusFields(quote: Quote, status: number, prices: FixPriceFormat): FixMessageOf<'AI'>['body'] {
    const rfq = this.engine.communications.getRfq(quote.rfqId);
    return {
      QuoteID: this.clientQuoteIds.get(quote.quoteId) ?? quote.quoteId,
      QuoteReqID: quote.rfqId,
      QuoteStatus: status as FixMessageOf<'AI'>['body']['QuoteStatus'],
      ...(quote.subaccount === 0 ? {} : { AllocAccount: quote.subaccount }),
      ...(rfq.contracts === undefined ? {} : { OrderQty: rfq.contracts.toWire() }),
      ...(quote.yesBid.isZero() ? {} : { BidPx: prices.format(quote.yesBid), BidSize: quote.yesContracts.toWire() }),
      ...(quote.noBid.isZero() ? {} : { OfferPx: prices.format(quote.noBid), OfferSize: quote.noContracts.toWire() }),
    };
  }
}

function codeOf(error: unknown): string {
  if (error instanceof MockExchangeError) return error.code;
  throw error;
}

