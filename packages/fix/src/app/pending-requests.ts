/**
 * The client's requests that wait for an answer: OrderMassCancelRequest(q) for its
 * OrderMassCancelReport(r), OrderGroupRequest(UOG) for OrderGroupResponse(UOH), and
 * EventResendRequest(U1) for EventResendComplete(U2). Each is known by the MsgSeqNum(34) it went
 * out with, so a BusinessMessageReject(j), Reject(3) or EventResendReject(U3) that names it
 * (RefSeqNum 45) fails it, and a dropped connection aborts all of them.
 */
import type { FixMessageBodies } from '../generated/messages.js';
import { FixRequestError } from './errors.js';

interface Pending {
  /** MsgType(35) of the request, for the error. */
  readonly msgType: string;
  readonly seqNum: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One client's waiting requests. */
export class PendingRequests {
  private readonly bySeq = new Map<number, Pending>();
  private readonly massCancels = new Map<string, Pending>();
  /** OrderGroupResponse carries no reference: answers come in request order. */
  private readonly groups: Pending[] = [];

  /** Waits for the OrderMassCancelReport(r) of ClOrdID `clOrdId`, sent as `seqNum`. */
  massCancel(clOrdId: string, seqNum: number): Promise<FixMessageBodies['r']> {
    return new Promise((resolve, reject) => {
      const pending = { msgType: 'q', seqNum, resolve: resolve as (v: unknown) => void, reject };
      this.massCancels.set(clOrdId, pending);
      this.bySeq.set(seqNum, pending);
    });
  }

  /** Waits for the next OrderGroupResponse(UOH) to the OrderGroupRequest sent as `seqNum`. */
  orderGroup(seqNum: number): Promise<FixMessageBodies['UOH']> {
    return new Promise((resolve, reject) => {
      const pending = { msgType: 'UOG', seqNum, resolve: resolve as (v: unknown) => void, reject };
      this.groups.push(pending);
      this.bySeq.set(seqNum, pending);
    });
  }

  /** Waits for the EventResendComplete(U2) of the EventResendRequest sent as `seqNum`. */
  eventResend(seqNum: number): Promise<{ readonly resendEventCount: number }> {
    return new Promise((resolve, reject) => {
      this.bySeq.set(seqNum, { msgType: 'U1', seqNum, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** Settles the mass cancel an OrderMassCancelReport(r) answers (MassCancelResponse 0: rejected). */
  onMassCancelReport(report: FixMessageBodies['r']): void {
    const pending = this.massCancels.get(report.ClOrdID);
    if (pending === undefined) return;
    this.settle(pending.seqNum);
    this.massCancels.delete(report.ClOrdID);
    if (report.MassCancelResponse === '0') {
      pending.reject(new FixRequestError('FIX_MASS_CANCEL_REJECTED', 'q', { reason: report.MassCancelRejectReason }));
    } else {
      pending.resolve(report);
    }
  }

  /** Resolves the oldest waiting OrderGroupRequest with an OrderGroupResponse(UOH). */
  onOrderGroupResponse(response: FixMessageBodies['UOH']): void {
    const pending = this.groups.shift();
    if (pending === undefined) return;
    this.bySeq.delete(pending.seqNum);
    pending.resolve(response);
  }

  /** Resolves the EventResendRequest an EventResendComplete(U2) answers. */
  onEventResendComplete(complete: FixMessageBodies['U2']): void {
    this.settle(complete.RefSeqNum)?.resolve({ resendEventCount: complete.ResendEventCount });
  }

  /** Rejects the request sent as `seqNum`, if one waits, with the error made for its MsgType. */
  fail(seqNum: number, error: (msgType: string) => FixRequestError): void {
    const pending = this.settle(seqNum);
    pending?.reject(error(pending.msgType));
  }

  /** Rejects every waiting request with `FIX_REQUEST_ABORTED` (the connection is gone). */
  abortAll(): void {
    for (const seqNum of [...this.bySeq.keys()]) this.fail(seqNum, (msgType) => new FixRequestError('FIX_REQUEST_ABORTED', msgType));
  }

  /** Removes the request sent as `seqNum` from every table; returns it. */
  private settle(seqNum: number): Pending | undefined {
    const pending = this.bySeq.get(seqNum);
    if (pending === undefined) return undefined;
    this.bySeq.delete(seqNum);
    for (const [clOrdId, p] of this.massCancels) if (p === pending) this.massCancels.delete(clOrdId);
    const i = this.groups.indexOf(pending);
    if (i >= 0) this.groups.splice(i, 1);
    return pending;
  }
}
