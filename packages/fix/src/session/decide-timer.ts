/**
 * Pure decisions on the session's one timer: the logon and logout waits, and keeping the link
 * alive with Heartbeat(0) after HeartBtInt(108) of our silence and TestRequest(1) after
 * 1.2 × HeartBtInt of the counterparty's, giving up 1.2 × HeartBtInt after an unanswered one.
 */
import type { SessionAction } from './actions.js';
import { FixSessionError } from './errors.js';
import type { SessionSnapshot } from './session-state.js';

/** Counterparty silence tolerated, as a multiple of HeartBtInt, before a TestRequest (and after one, before giving up). */
const SILENCE_FACTOR = 1.2;

/**
 * What to do when the timer fires at `now` (`s.now`): close or re-arm a logon/logout wait that
 * is over or not yet; when active, give up on an unanswered TestRequest, send a TestRequest
 * and/or a Heartbeat that is due, and re-arm.
 */
export function decideTimer(s: SessionSnapshot): SessionAction[] {
  const now = s.now;
  switch (s.state) {
    case 'logon-sent':
    case 'awaiting-logon':
      if (now >= s.deadlineMs) return [{ kind: 'close', error: new FixSessionError('FIX_LOGON_TIMEOUT', `no Logon within ${s.logonTimeoutMs} ms`) }];
      return [{ kind: 'arm', deadlineMs: s.deadlineMs }];
    case 'logout-sent':
      if (now >= s.deadlineMs) return [{ kind: 'close', error: undefined }];
      return [{ kind: 'arm', deadlineMs: s.deadlineMs }];
    case 'active': {
      const silence = s.heartbeatMs * SILENCE_FACTOR;
      if (s.testRequest !== undefined && now >= s.testRequest.sentMs + silence) {
        return [{ kind: 'close', error: new FixSessionError('FIX_HEARTBEAT_TIMEOUT', `no answer to TestRequest ${s.testRequest.id}`) }];
      }
      const out: SessionAction[] = [];
      let lastSentMs = s.lastSentMs;
      if (s.testRequest === undefined && now >= s.lastReceivedMs + silence) {
        const id = `TEST-${now}`;
        out.push({ kind: 'send', msgType: '1', body: { TestReqID: id } }, { kind: 'set-test-request', testRequest: { id, sentMs: now } });
        // The TestRequest is traffic: no Heartbeat is due after it.
        lastSentMs = now;
      }
      if (now >= lastSentMs + s.heartbeatMs) out.push({ kind: 'send', msgType: '0', body: {} });
      out.push({ kind: 'arm-heartbeat' });
      return out;
    }
    default:
      return [];
  }
}

/**
 * When the active session's timer should next fire: our next Heartbeat(0), or the end of the
 * counterparty's allowed silence (counted from its last message, or from our TestRequest).
 */
export function heartbeatDeadline(s: Pick<SessionSnapshot, 'heartbeatMs' | 'lastSentMs' | 'lastReceivedMs' | 'testRequest'>): number {
  const silence = s.heartbeatMs * SILENCE_FACTOR;
  const receive = s.testRequest === undefined ? s.lastReceivedMs + silence : s.testRequest.sentMs + silence;
  return Math.min(s.lastSentMs + s.heartbeatMs, receive);
}
