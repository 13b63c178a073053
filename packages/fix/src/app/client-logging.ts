/** Logs a `KalshiFixClient`'s session life (logon, logout, drops, reconnects, gaps) and its inbound messages. */
import type { KalshiLogger } from '@kalshi-sdk/auth/web';
import type { Emitter } from '../session/emitter.js';
import type { KalshiFixClientEvents } from './client-events.js';

/** The `code` of an error, if it has one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Sends the client's events to `logger` (already redacting): `info` logged on / logged out, `warn`
 * session lost, reconnecting, sequence gap, rejects; `debug` each inbound application message;
 * `error` a failure the client gave up on.
 * @param about Fields on every line: the session name and environment.
 */
export function logClientEvents(events: Emitter<KalshiFixClientEvents>, logger: KalshiLogger, about: { readonly session: string; readonly environment: string }): void {
  const { session, environment } = about;
  events.on('connected', () => logger.info({ session, environment }, 'FIX logged on'));
  events.on('disconnected', (error) => {
    if (error === undefined) logger.info({ session, environment }, 'FIX logged out');
    else logger.warn({ session, environment, errorCode: error.code, text: error.text }, 'FIX session lost');
  });
  events.on('reconnecting', ({ attempt, delayMs }) => logger.warn({ session, attempt, delayMs }, 'FIX reconnecting'));
  events.on('sequenceGap', ({ expected, received, resendRequested }) =>
    logger.warn({ session, expected, received, resendRequested }, resendRequested ? 'FIX sequence gap: ResendRequest sent' : 'FIX sequence gap skipped (no retransmission)'),
  );
  events.on('sessionReject', (reject) => logger.warn({ session, refSeqNum: reject.body.RefSeqNum, reason: reject.body.SessionRejectReason, text: reject.body.Text }, 'FIX session reject'));
  events.on('businessReject', (reject) =>
    logger.warn({ session, refSeqNum: reject.body.RefSeqNum, reason: reject.body.BusinessRejectReason, text: reject.body.Text }, 'FIX business reject'),
  );
  events.on('message', (message) => logger.debug({ session, msgType: message.msgType, seqNum: message.header.MsgSeqNum, possDup: message.header.PossDupFlag }, 'FIX message'));
  events.on('error', (error) => logger.error({ session, errorCode: codeOf(error) }, 'FIX client error'));
}
