import { Dollars } from '@kalshi-sdk/fixed-point';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { averagePrice, createClient, placeOrder, type MarketTicks } from '../../src/index.js';
import { makeKeyPair, startLoopback, type Loopback } from '../helpers/loopback-server.js';

const KEY = makeKeyPair();
const KEY_ID = '66666666-6666-4666-8666-666666666666';
const market: MarketTicks = { ticker: 'KXAVG-26JAN01-T1', price_level_structure: 'linear_cent' };

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('average prices (REST)', () => {
  it('/getting_started/fixed_point_migration: average_fill_price keeps its 6 decimals and is rounded only on request', async () => {
    // Quote: "`*_dollars` fields are fixed-point dollar strings with up to 4 decimal places"
    // Quote: "intermediate calculations can reach up to 6 decimal places"
    // Spec: openapi.yaml types average_fill_price and average_fee_paid as fixed-point dollars, which responses
    // may emit with up to 6 decimals; both are volume-weighted averages over the order's fills.
    server = await startLoopback({
      keys: { [KEY_ID]: KEY.publicKey },
      handler: () => ({
        status: 201,
        json: { order_id: 'o-1', fill_count: '21.00', remaining_count: '0.00', average_fill_price: '0.552381', average_fee_paid: '0.017143', ts_ms: 1 },
      }),
    });
    const kalshi = createClient({ baseUrl: server.baseUrl, apiKeyId: KEY_ID, privateKey: KEY.privateKeyPem, rateLimit: false });
    const created = await placeOrder(kalshi, { market, side: 'bid', price: '0.56', count: '21' });
    const avg = averagePrice(created, 'average_fill_price');
    expectTypeOf(avg).not.toHaveProperty('toWire');
    expect(avg?.toString()).toBe('0.552381');
    expect(avg?.round(4, 'half-even').toWire()).toBe('0.5524');
    expect(avg?.eq(Dollars.parse('0.552381', undefined, { maxDecimals: 6 }))).toBe(true);
    expect(averagePrice(created, 'average_fee_paid')?.round(4, 'up').toWire()).toBe('0.0172');
  });
});
