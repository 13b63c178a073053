import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KalshiFixClient } from '../../src/app/kalshi-fix-client.js';
import type { FixSequenceGap } from '../../src/session/session.js';
import { KALSHI_FIX_SESSIONS } from '../../src/transport/endpoints.js';
import { flush } from '../support/peer.js';
import { clientOptions, scriptedClient } from '../support/scripted-kalshi.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Sends an application message from the scripted Kalshi with MsgSeqNum 5 where 2 is expected. */
async function gapOnSession(session: 'KalshiRFQ' | 'KalshiPT' | 'KalshiRT') {
  const { client, peer } = await scriptedClient(session);
  const gaps: FixSequenceGap[] = [];
  client.on('sequenceGap', (g) => gaps.push(g));
  peer.send('j', { RefSeqNum: 1, BusinessRejectReason: 0, Text: 'after a gap' }, { MsgSeqNum: 5 });
  await flush();
  return { gaps, resendRequests: peer.all('2') };
}

describe('message retransmission: KalshiRT and KalshiPT only', () => {
  it('/fix/authentication: the session table gives retransmission to KalshiRT and KalshiPT and to no other session', () => {
    // Quote: "Message retransmission (ResendRequest, SequenceReset) is only supported on **KalshiRT** and **KalshiPT**."
    // Quote /fix/common-components: "| 2 | ResendRequest | Both (KalshiRT, KalshiPT only) |"
    const withRetransmission = Object.values(KALSHI_FIX_SESSIONS)
      .filter((s) => s.retransmission)
      .map((s) => s.targetCompId)
      .sort();
    expect(withRetransmission).toEqual(['KalshiPT', 'KalshiRT']);
  });

  it('/fix/authentication: a KalshiRFQ Logon carries ResetSeqNumFlag(141)=Y', async () => {
    // Quote: "For all other sessions, `ResetSeqNumFlag<141>` in the Logon message must always be `Y` or the Logon will be rejected."
    // Quote /fix/error-handling: "**KalshiNR, KalshiDC, KalshiRFQ**: Set `ResetSeqNumFlag<141>=Y` on every Logon."
    const { logon } = await scriptedClient('KalshiRFQ');
    expect(logon.body.ResetSeqNumFlag).toBe(true);
    expect(logon.text).toContain('|141=Y|');
  });

  it('/fix/authentication: KalshiRFQ refuses resetSeqNumOnLogon: false before connecting', () => {
    // Quote: "For all other sessions, `ResetSeqNumFlag<141>` in the Logon message must always be `Y` or the Logon will be rejected."
    for (const session of ['KalshiNR', 'KalshiDC', 'KalshiRFQ'] as const) {
      expect(() => new KalshiFixClient(clientOptions(session, { resetSeqNumOnLogon: false }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'resetSeqNumOnLogon', value: false }),
      );
    }
  });

  it('/fix/authentication: KalshiPT may log on without ResetSeqNumFlag to keep its sequence numbers', async () => {
    // Quote: "Message retransmission (ResendRequest, SequenceReset) is only supported on **KalshiRT** and **KalshiPT**."
    // Quote /fix/error-handling: "**KalshiRT, KalshiPT**: If you don't need to recover missed messages, set `ResetSeqNumFlag<141>=Y` to reset both sides to 1."
    const { logon } = await scriptedClient('KalshiPT', { resetSeqNumOnLogon: false });
    expect(logon.body.ResetSeqNumFlag).toBeUndefined();
    const reset = await scriptedClient('KalshiPT', { resetSeqNumOnLogon: true });
    expect(reset.logon.body.ResetSeqNumFlag).toBe(true);
  });

  it('/fix/authentication: a gap on KalshiPT (and KalshiRT) is recovered with ResendRequest(2)', async () => {
    // Quote: "| Sequence number higher than expected | Recoverable with ResendRequest (KalshiRT, KalshiPT only) |"
    for (const session of ['KalshiPT', 'KalshiRT'] as const) {
      const { gaps, resendRequests } = await gapOnSession(session);
      expect(gaps).toEqual([{ expected: 2, received: 5, resendRequested: true }]);
      expect(resendRequests.map((m) => [m.body.BeginSeqNo, m.body.EndSeqNo])).toEqual([[2, 0]]);
    }
  });

  it('/fix/authentication: a gap on KalshiRFQ is reported and skipped, never answered with ResendRequest(2)', async () => {
    // Quote: "**KalshiRT and KalshiPT only.** Lookback window limited to 24 hours"
    const { gaps, resendRequests } = await gapOnSession('KalshiRFQ');
    expect(gaps).toEqual([{ expected: 2, received: 5, resendRequested: false }]);
    expect(resendRequests).toEqual([]);
  });

  it('/fix/authentication: KalshiPT keeps its sequence numbers and sent messages in a file store by default, KalshiRFQ in memory', async () => {
    // Quote: "Message retransmission (ResendRequest, SequenceReset) is only supported on **KalshiRT** and **KalshiPT**."
    for (const [session, files] of [
      ['KalshiPT', ['key-1-KalshiPT-demo.messages', 'key-1-KalshiPT-demo.seqnums.json']],
      ['KalshiRFQ', []],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'fix-store-'));
      dirs.push(dir);
      const { client } = await scriptedClient(session, { storeDir: join(dir, 'store') });
      expect(existsSync(join(dir, 'store')) ? readdirSync(join(dir, 'store')).sort() : []).toEqual(files);
      client.session?.destroy();
    }
  });

  it('/fix/authentication: MessageRetentionPeriod(20200) is sent on KalshiRT and KalshiPT only, at most 72 hours', async () => {
    // Quote: "| 20200 | MessageRetentionPeriod | How long session messages will be stored for retransmission, max of 72 hours. **KalshiRT and KalshiPT only.** | 24 |"
    for (const session of ['KalshiRT', 'KalshiPT'] as const) {
      const { logon } = await scriptedClient(session, { logon: { messageRetentionPeriod: 72 } });
      expect(logon.text).toContain('|20200=72|');
      expect(() => new KalshiFixClient(clientOptions(session, { logon: { messageRetentionPeriod: 73 } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'messageRetentionPeriod', value: 73 }),
      );
    }
    for (const session of ['KalshiNR', 'KalshiDC', 'KalshiRFQ'] as const) {
      expect(() => new KalshiFixClient(clientOptions(session, { logon: { messageRetentionPeriod: 24 } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'messageRetentionPeriod', value: 24 }),
      );
    }
  });

  it('/fix/authentication: ReceiveSettlementReports(20127) is accepted on KalshiRT and KalshiPT only', async () => {
    // Quote: "| 20127 | ReceiveSettlementReports | Receive settlement reports. **KalshiRT and KalshiPT only. Default to Y on KalshiPT.** | N (Y on KalshiPT) |"
    for (const session of ['KalshiRT', 'KalshiPT'] as const) {
      const on = await scriptedClient(session, { logon: { receiveSettlementReports: true } });
      expect(on.logon.text).toContain('|20127=Y|');
      const off = await scriptedClient(session, { logon: { receiveSettlementReports: false } });
      expect(off.logon.text).toContain('|20127=N|');
    }
    for (const session of ['KalshiNR', 'KalshiDC', 'KalshiRFQ'] as const) {
      for (const value of [true, false]) {
        expect(() => new KalshiFixClient(clientOptions(session, { logon: { receiveSettlementReports: value } }))).toThrow(
          expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'receiveSettlementReports', value }),
        );
      }
    }
  });

  it('/fix/authentication: settlement reports are on by default on KalshiPT and opt-in on KalshiRT', async () => {
    // Quote: "| 20127 | ReceiveSettlementReports | Receive settlement reports. **KalshiRT and KalshiPT only. Default to Y on KalshiPT.** | N (Y on KalshiPT) |"
    // Quote /fix/market-settlement: "Settlement reports are available on **KalshiPT** sessions by default, unless `ReceiveSettlementReports=N` (tag 20127) is set during Logon, and on **KalshiRT** sessions with `ReceiveSettlementReports=Y`."
    expect(Object.fromEntries(Object.values(KALSHI_FIX_SESSIONS).map((s) => [s.targetCompId, s.settlementReports]))).toEqual({
      KalshiNR: 'none',
      KalshiDC: 'none',
      KalshiRT: 'opt-in',
      KalshiPT: 'default',
      KalshiRFQ: 'none',
    });
    // Unset, the flag is not sent, so Kalshi's default (Y on KalshiPT) applies.
    const { client, peer, logon } = await scriptedClient('KalshiPT');
    expect(logon.text).not.toContain('|20127=');
    const got: string[] = [];
    client.on('settlementReport', (m) => got.push(m.body.Symbol));
    peer.send('UMS', { MarketSettlementReportID: 's-1', Symbol: 'KXMOCK-26DEC31-A', ClearingBusinessDate: '20261231', MarketResult: 'yes', SettlementPrice: '100.00' });
    await flush();
    expect(got).toEqual(['KXMOCK-26DEC31-A']);
  });
});

describe('heartbeat', () => {
  it('/fix/authentication: HeartBtInt(108) must be greater than 3 seconds', async () => {
    // Quote: "| 108 | HeartbeatInt | Heartbeat interval (seconds) | N > 3 |"
    for (const value of [0, 3, 3.5]) {
      expect(() => new KalshiFixClient(clientOptions('KalshiNR', { heartbeatIntervalSec: value }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'heartbeatIntervalSec', value }),
      );
    }
    const { logon } = await scriptedClient('KalshiNR', { heartbeatIntervalSec: 4 });
    expect(logon.body.HeartBtInt).toBe(4);
  });
});

describe('listener flag on the Logon', () => {
  it('/fix/authentication: ListenerSession(20126) is refused outside KalshiNR and KalshiRT, and without SkipPendingExecReports', async () => {
    // Quote: "| 20126 | ListenerSession | Listen-only session. **KalshiNR/RT only, requires SkipPendingExecReports=Y.** | N |"
    for (const session of ['KalshiDC', 'KalshiPT', 'KalshiRFQ'] as const) {
      expect(() => new KalshiFixClient(clientOptions(session, { logon: { listenerSession: true, skipPendingExecReports: true } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'listenerSession', value: true }),
      );
    }
    for (const session of ['KalshiNR', 'KalshiRT'] as const) {
      expect(() => new KalshiFixClient(clientOptions(session, { logon: { listenerSession: true } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'skipPendingExecReports' }),
      );
      const { logon } = await scriptedClient(session, { logon: { listenerSession: true, skipPendingExecReports: true } });
      expect(logon.text).toContain('|20126=Y|');
      expect(logon.text).toContain('|21011=Y|');
    }
  });
});
