/**
 * Drop copy (KalshiDC): a journal of every ExecutionReport the exchange made of a user's orders,
 * whichever interface entered them (FIX, REST), kept for 3 hours of the engine's clock, and the
 * EventResendRequest(U1) that replays an ExecID range of it as ExecutionReports(8) with new
 * sequence numbers, closed by EventResendComplete(U2) or refused with EventResendReject(U3).
 * Rejects are never journaled. Doc page: /fix/drop-copy.
 */
import type { ExecutionReport, FixMessageOf, FixPriceFormat } from '@kalshi-sdk/fix';
import type { FixSend } from './execution-reports.js';
import type { FixSessionSlot } from './fix-acceptor.js';

/** An ExecutionReport body in a session's price format (cents or dollars, from its UseDollars). */
export type ReportBuilder = (prices: FixPriceFormat) => ExecutionReport;

/** /fix/drop-copy: "Lookback window is limited to the last 3 hours." */
export const DROP_COPY_WINDOW_MS = 3 * 3_600_000;

/** EventResendRejectReason(21004) values. */
const BEGIN_TOO_SMALL = 3;
const END_TOO_LARGE = 4;

interface JournalEntry {
  readonly userId: string;
  readonly orderId: string;
  readonly execId: number;
  readonly tsMs: number;
  readonly build: ReportBuilder;
}

/** Every journaled ExecutionReport in ExecID order, and the U1 handler. */
export class DropCopyJournal {
  private entries: JournalEntry[] = [];
  /** Highest ExecID dropped from the window; 0 while none was. */
  private prunedThrough = 0;
  private latestExecId = 0;

  constructor(private readonly now: () => number) {}

  /** Records a report of `userId`'s order `orderId` with its numeric ExecID (ascending across calls). */
  record(userId: string, orderId: string, execId: number, build: ReportBuilder): void {
    this.entries.push({ userId, orderId, execId, tsMs: this.now(), build });
    this.latestExecId = execId;
  }

  /** The journaled reports of one order, oldest first. */
  reportsOf(orderId: string): ReportBuilder[] {
    return this.entries.filter((e) => e.orderId === orderId).map((e) => e.build);
  }

  /**
   * Answers an EventResendRequest: the user's reports with BeginExecID ≤ ExecID ≤ EndExecID
   * (default the latest), then EventResendComplete; EventResendReject reason 3 when BeginExecID
   * is older than the window (or not an ExecID), 4 when EndExecID is past the latest ExecID.
   */
  resend(slot: FixSessionSlot, request: FixMessageOf<'U1'>, prices: FixPriceFormat, send: FixSend): void {
    this.prune();
    const refSeqNum = request.header.MsgSeqNum;
    const begin = execIdNumber(request.body.BeginExecID);
    const end = request.body.EndExecID === undefined ? this.latestExecId : execIdNumber(request.body.EndExecID);
    if (begin === undefined || begin <= this.prunedThrough) {
      send(slot, 'U3', { RefSeqNum: refSeqNum, EventResendRejectReason: BEGIN_TOO_SMALL });
      return;
    }
    if (end === undefined || end > this.latestExecId) {
      send(slot, 'U3', { RefSeqNum: refSeqNum, EventResendRejectReason: END_TOO_LARGE });
      return;
    }
    let count = 0;
    for (const entry of this.entries) {
      if (entry.userId !== slot.userId || entry.execId < begin || entry.execId > end) continue;
      send(slot, '8', entry.build(prices));
      count += 1;
    }
    send(slot, 'U2', { RefSeqNum: refSeqNum, ResendEventCount: count });
  }

  /** Drops what fell out of the lookback window. */
  private prune(): void {
    const cutoff = this.now() - DROP_COPY_WINDOW_MS;
    let i = 0;
    while (i < this.entries.length && this.entries[i]!.tsMs < cutoff) i += 1;
    if (i === 0) return;
    this.prunedThrough = this.entries[i - 1]!.execId;
    this.entries = this.entries.slice(i);
  }
}

/** The simulator's ExecIDs are decimal integers from 1; anything else names no report. */
function execIdNumber(text: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : undefined;
}
