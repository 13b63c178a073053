import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { describe, expect, it } from 'vitest';
import type { NewOrderParams } from '../../src/app/kalshi-fix-client.js';
import { flush } from '../support/peer.js';
import { scriptedClient } from '../support/scripted-kalshi.js';

const order = (over: Partial<NewOrderParams> = {}): NewOrderParams => ({
  symbol: 'KXMOCK-26DEC31-A',
  side: 'bid',
  price: Dollars.parse('0.56'),
  quantity: Contracts.parse('10'),
  ...over,
});

describe('mass cancel', () => {
  it('/fix/order-entry: OrderMassCancelRequest(q) is sent on KalshiNR only; elsewhere it fails with a typed error and sends nothing', async () => {
    // Quote: "Cancel all orders for the trading session. Only available on KalshiNR (NewOrderMode) sessions."
    // Quote /fix/common-components: "| q | OrderMassCancelRequest | KalshiNR | Client -> Server |"
    const nr = await scriptedClient('KalshiNR');
    void nr.client.massCancel({ clOrdId: 'm-1' });
    expect((await nr.peer.next('q')).body).toEqual({ ClOrdID: 'm-1', MassCancelRequestType: '6' });
    for (const session of ['KalshiRT', 'KalshiDC', 'KalshiPT', 'KalshiRFQ'] as const) {
      const { client, peer } = await scriptedClient(session);
      await expect(client.massCancel({ clOrdId: 'm-1' })).rejects.toMatchObject({ name: 'FixValidationError', code: 'FIX_UNSUPPORTED_ON_SESSION', field: 'MsgType', value: 'q' });
      await flush();
      expect(peer.all('q')).toEqual([]);
      expect(client.session?.nextSenderSeqNum).toBe(2);
    }
  });
});

describe('subaccounts', () => {
  it('/fix/order-entry: AllocAccount(79) is a subaccount number from 0 to 32', async () => {
    // Quote: "| 79 | AllocAccount | Integer | N | Subaccount number (0–32). Alternative to NoPartyIDs. |"
    // Spec: openapi.yaml allows subaccount numbers up to 63 on REST; this FIX client follows the FIX pages (see README).
    const { client, peer } = await scriptedClient('KalshiNR');
    client.newOrderSingle(order({ clOrdId: 'c-32', allocAccount: 32 }));
    expect((await peer.next('D')).body.AllocAccount).toBe(32);
    client.newOrderSingle(order({ clOrdId: 'c-0', allocAccount: 0 }));
    expect((await peer.next('D')).body.AllocAccount).toBe(0);
    for (const value of [33, 63, -1, 1.5]) {
      expect(() => client.newOrderSingle(order({ allocAccount: value }))).toThrow(expect.objectContaining({ code: 'FIX_INVALID_FIELD', field: 'AllocAccount', value }));
      expect(() => client.cancel({ order: 'c-32', allocAccount: value })).toThrow(expect.objectContaining({ code: 'FIX_INVALID_FIELD', field: 'AllocAccount', value }));
      await expect(client.orderGroup({ action: 'create', contractsLimit: Contracts.parse('5'), allocAccount: value })).rejects.toMatchObject({ code: 'FIX_INVALID_FIELD', field: 'AllocAccount', value });
    }
    await flush();
    expect(peer.all('D')).toHaveLength(2);
    expect(peer.all('F')).toHaveLength(0);
  });
});
