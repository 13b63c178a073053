import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import { KalshiFixClient } from '../../src/app/kalshi-fix-client.js';
import { flush } from '../support/peer.js';
import { clientOptions, scriptedClient } from '../support/scripted-kalshi.js';

const LISTENER = { listenerSession: true, skipPendingExecReports: true } as const;

describe('listener sessions', () => {
  it('/fix/listener-sessions: a listener session exists on KalshiNR and KalshiRT only, refused elsewhere before connecting', () => {
    // Quote: "It is a **mode** enabled on a standard KalshiNR or KalshiRT order entry session by setting `ListenerSession=Y` (tag 20126) during Logon."
    for (const session of ['KalshiDC', 'KalshiPT', 'KalshiRFQ'] as const) {
      let connects = 0;
      const create = () =>
        new KalshiFixClient(
          clientOptions(session, {
            logon: LISTENER,
            connect: async () => {
              connects++;
              throw new Error('never');
            },
          }),
        );
      expect(create).toThrow(expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'listenerSession', value: true }));
      expect(connects).toBe(0);
    }
  });

  it('/fix/listener-sessions: ListenerSession=Y requires SkipPendingExecReports=Y', () => {
    // Quote: "| 21011 | SkipPendingExecReports | Y | Required when ListenerSession=Y |"
    for (const skip of [undefined, false]) {
      expect(() => new KalshiFixClient(clientOptions('KalshiNR', { logon: { listenerSession: true, ...(skip === undefined ? {} : { skipPendingExecReports: skip }) } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'skipPendingExecReports', value: skip }),
      );
    }
  });

  it('/fix/listener-sessions: CancelOrdersOnDisconnect must be N (or omitted) on a listener session', async () => {
    // Quote: "| 8013 | CancelOrdersOnDisconnect | Must be N (or omitted) |"
    for (const session of ['KalshiNR', 'KalshiRT'] as const) {
      expect(() => new KalshiFixClient(clientOptions(session, { logon: { ...LISTENER, cancelOrdersOnDisconnect: true } }))).toThrow(
        expect.objectContaining({ code: 'FIX_INVALID_OPTIONS', field: 'cancelOrdersOnDisconnect', value: true }),
      );
    }
    const { logon } = await scriptedClient('KalshiNR', { logon: { ...LISTENER, cancelOrdersOnDisconnect: false } });
    expect(logon.text).toContain('|8013=N|');
  });

  it('/fix/listener-sessions: a listener session refuses orders, cancels, replaces, mass cancels, RFQ creation and quote acceptance locally', async () => {
    // Quote: "Listener sessions are strictly read-only. The following message types will be **rejected**: * NewOrderSingle (35=D) * OrderCancelRequest (35=F) * OrderCancelReplaceRequest (35=G) * OrderMassCancelRequest (35=q) * QuoteRequest / RFQ creation * Quote acceptance"
    const { client, peer } = await scriptedClient('KalshiRT', { logon: LISTENER });
    const refused = (msgType: string) => expect.objectContaining({ code: 'FIX_UNSUPPORTED_ON_SESSION', field: 'MsgType', value: msgType });
    const price = Dollars.parse('0.50');
    const quantity = Contracts.parse('1');
    expect(() => client.newOrderSingle({ symbol: 'KXMOCK-26DEC31-A', side: 'bid', price, quantity })).toThrow(refused('D'));
    expect(() => client.cancel({ order: 'c-1', symbol: 'KXMOCK-26DEC31-A', side: 'bid' })).toThrow(refused('F'));
    expect(() => client.cancelReplace({ order: 'c-1', symbol: 'KXMOCK-26DEC31-A', side: 'bid', quantity })).toThrow(refused('G'));
    expect(() => client.send('R', { QuoteReqID: 'r-1', NoRelatedSym: 1, Symbol: 'KXMOCK-26DEC31-A', OrderQty: '1' })).toThrow(refused('R'));
    expect(() => client.send('UA', { QuoteID: 'q-1', Side: '1' })).toThrow(refused('UA'));
    await flush();
    expect(peer.received.map((r) => r.message.msgType)).toEqual(['A']);
    expect(client.session?.nextSenderSeqNum).toBe(2);
  });
});
