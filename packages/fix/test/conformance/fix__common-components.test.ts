import { describe, expect, it } from 'vitest';
import { KalshiFixClient } from '../../src/app/kalshi-fix-client.js';
import type { FixExecutionReport } from '../../src/app/orders.js';
import { createMemoryDuplexPair } from '../../src/transport/memory-duplex.js';
import { ManualClock } from '../support/manual-clock.js';
import { flush, Peer } from '../support/peer.js';
import { API_KEY, clientOptions, scriptedClient } from '../support/scripted-kalshi.js';

const REPORT = { OrderID: 'o-1', ClOrdID: 'c-1', ExecID: 'e-1', ExecType: '0', OrdStatus: '0', Side: '1', Symbol: 'KXMOCK-26DEC31-A', LeavesQty: '10', CumQty: '0', AvgPx: '0', OrderQty: '10' } as const;

describe('inbound SenderCompID', () => {
  it('/fix/common-components: messages from SenderCompID(49) Kalshi are accepted', async () => {
    // Quote: "| 49 | SenderCompID | String | Y | Your FIX API Key (UUID format) when sending; `Kalshi` when receiving. |"
    const { client, peer } = await scriptedClient('KalshiNR', {}, 'Kalshi');
    const reports: FixExecutionReport[] = [];
    client.on('executionReport', (r) => reports.push(r));
    peer.send('8', REPORT);
    await flush();
    expect(client.loggedOn).toBe(true);
    expect(reports.map((r) => r.execId)).toEqual(['e-1']);
  });

  it('/fix/common-components: messages whose SenderCompID(49) is the session name are accepted too', async () => {
    // Quote: "| 56 | TargetCompID | String | Y | Session identifier (e.g. `KalshiRT`, `KalshiNR`) when sending; your API key when receiving. |"
    // Quote /fix/connectivity: "| Session ID | `TargetCompID + SenderCompID` |"
    for (const session of ['KalshiNR', 'KalshiRT'] as const) {
      const { client, peer } = await scriptedClient(session, {}, session);
      const reports: FixExecutionReport[] = [];
      client.on('executionReport', (r) => reports.push(r));
      peer.send('8', REPORT);
      await flush();
      expect(client.loggedOn).toBe(true);
      expect(reports).toHaveLength(1);
    }
  });

  it('/fix/common-components: any other SenderCompID(49), or a TargetCompID(56) that is not our API key, ends the session', async () => {
    // Quote: "| 49 | SenderCompID | String | Y | Your FIX API Key (UUID format) when sending; `Kalshi` when receiving. |"
    // Quote: "| 56 | TargetCompID | String | Y | Session identifier (e.g. `KalshiRT`, `KalshiNR`) when sending; your API key when receiving. |"
    for (const [sender, target] of [
      ['KalshiRT', API_KEY],
      ['Kalshi', 'another-key'],
    ] as const) {
      const clock = new ManualClock();
      let peer: Peer | undefined;
      const client = new KalshiFixClient(
        clientOptions('KalshiNR', {
          clock,
          connect: async () => {
            const [a, b] = createMemoryDuplexPair();
            peer = new Peer(b, sender, target, () => clock.now());
            return a;
          },
        }),
      );
      const connecting = client.connect();
      while (peer === undefined) await flush();
      await peer.next('A');
      peer.send('A', { EncryptMethod: 0, HeartBtInt: 30, DefaultApplVerID: '9', ResetSeqNumFlag: true });
      await expect(connecting).rejects.toMatchObject({ code: 'FIX_COMP_ID_MISMATCH' });
    }
  });
});

describe('which session sends what', () => {
  it('/fix/common-components: application messages are sent only on the sessions the table lists for them', async () => {
    // Quote: "| D | NewOrderSingle | KalshiNR, KalshiRT | Client -> Server |"
    // Quote: "| U1 | EventResendRequest | KalshiDC | Client -> Server |"
    // Quote: "| S | Quote | KalshiRT, KalshiRFQ | KalshiRT: Server -> Client; KalshiRFQ: Client -> Server |"
    const dc = await scriptedClient('KalshiDC');
    expect(() => dc.client.send('D', { ClOrdID: 'c-1', OrderQty: '1', OrdType: '2', Price: '50', Side: '1', Symbol: 'KXMOCK-26DEC31-A' })).toThrow(
      expect.objectContaining({ code: 'FIX_UNSUPPORTED_ON_SESSION', field: 'MsgType', value: 'D' }),
    );
    const rt = await scriptedClient('KalshiRT');
    await expect(rt.client.eventResend({ beginExecId: '1;1' })).rejects.toMatchObject({ code: 'FIX_UNSUPPORTED_ON_SESSION', value: 'U1' });
    expect(() => rt.client.send('S', { QuoteID: 'q', QuoteReqID: 'r', Symbol: 'KXMOCK-26DEC31-A', BidPx: '45' })).toThrow(expect.objectContaining({ code: 'FIX_UNSUPPORTED_ON_SESSION', value: 'S' }));
    const rfq = await scriptedClient('KalshiRFQ');
    rfq.client.send('S', { QuoteID: 'q', QuoteReqID: 'r', Symbol: 'KXMOCK-26DEC31-A', BidPx: '45' });
    expect((await rfq.peer.next('S')).body.QuoteID).toBe('q');
    await flush();
    expect([...dc.peer.all('D'), ...rt.peer.all('U1'), ...rt.peer.all('S')]).toEqual([]);
  });
});
