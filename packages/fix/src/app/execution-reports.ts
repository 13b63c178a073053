/**
 * ExecutionReport(8) for the client: the typed report (exact quantities and prices, the tracked
 * order after it) and the `executionReports()` async iterables over the `executionReport` event.
 * Doc page: /fix/order-entry (Execution Report).
 */
import type { FixMessageOf } from '../codec/message.js';
import { parseUtcTimestamp } from '../codec/utc-timestamp.js';
import { execTypeName, type FixExecutionReport, type FixOrderTracker, ordStatusName, sideFromWire } from './orders.js';
import { type FixPriceFormat, parseQuantity } from './price-format.js';

/**
 * Applies an ExecutionReport(8) to the tracker and returns the typed report.
 * @throws FixValidationError for a quantity or price that does not parse (the client reports it as `error`).
 */
export function applyExecutionReport(message: FixMessageOf<'8'>, prices: FixPriceFormat, tracker: FixOrderTracker): FixExecutionReport {
  const b = message.body;
  const fields = {
    orderId: b.OrderID,
    clOrdId: b.ClOrdID,
    origClOrdId: b.OrigClOrdID,
    execId: b.ExecID,
    execType: execTypeName(b.ExecType) as NonNullable<ReturnType<typeof execTypeName>>,
    ordStatus: ordStatusName(b.OrdStatus) as NonNullable<ReturnType<typeof ordStatusName>>,
    symbol: b.Symbol,
    side: sideFromWire(b.Side),
    orderQty: parseQuantity(b.OrderQty, 'OrderQty'),
    cumQty: parseQuantity(b.CumQty, 'CumQty'),
    leavesQty: parseQuantity(b.LeavesQty, 'LeavesQty'),
    // An average keeps every decimal it was sent (55.2619…¢); it is rounded only by the caller.
    avgPx: prices.parseAverage(b.AvgPx),
    price: b.Price === undefined ? undefined : prices.parse(b.Price, 'Price'),
    text: b.Text,
  };
  const { order, duplicate } = tracker.report(fields);
  return {
    ...fields,
    message,
    lastQty: b.LastQty === undefined ? undefined : parseQuantity(b.LastQty, 'LastQty'),
    lastPx: b.LastPx === undefined ? undefined : prices.parse(b.LastPx, 'LastPx'),
    transactTimeMs: b.TransactTime === undefined ? undefined : timeMs(b.TransactTime),
    ordRejReason: b.OrdRejReason,
    possDup: message.header.PossDupFlag === true,
    duplicate,
    order,
  };
}

/** UTCTimestamp text → Unix ms; undefined for one that names no real date. */
function timeMs(text: string): number | undefined {
  try {
    return parseUtcTimestamp(text);
  } catch {
    return undefined;
  }
}

/** The open `executionReports()` iterables of one client, so `close()` can end them all. */
export class ExecutionReportStreams {
  private readonly stops = new Set<() => void>();

  /**
   * An async iterable of the reports `subscribe` delivers from now on, until {@link endAll},
   * `return()` or `signal`. Reports are buffered while the consumer is busy.
   * @param subscribe registers the listener; returns its remover.
   */
  open(subscribe: (listener: (report: FixExecutionReport) => void) => () => void, signal: AbortSignal | undefined): AsyncIterableIterator<FixExecutionReport> {
    const queue: FixExecutionReport[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const off = subscribe((report) => {
      queue.push(report);
      wake?.();
    });
    const stop = () => {
      done = true;
      off();
      this.stops.delete(stop);
      signal?.removeEventListener('abort', stop);
      wake?.();
    };
    this.stops.add(stop);
    if (signal?.aborted === true) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    const iterator: AsyncIterableIterator<FixExecutionReport> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const value = queue.shift();
        return value === undefined ? { value: undefined, done: true } : { value, done: false };
      },
      return: async () => {
        stop();
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }

  /** Ends every open iterable. */
  endAll(): void {
    for (const stop of [...this.stops]) stop();
  }
}
