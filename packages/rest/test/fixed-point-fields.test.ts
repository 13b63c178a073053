import { Contracts, Dollars, FixedPointError, SignedContracts } from '@kalshi-sdk/fixed-point';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { contracts, createClient, dollars, signedContracts, type components, type CountField, type DollarsField } from '../src/index.js';
import { startLoopback, type Loopback } from './helpers/loopback-server.js';

type Market = components['schemas']['Market'];
type MarketPosition = components['schemas']['MarketPosition'];

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchMarket(market: Record<string, unknown>): Promise<Market> {
  server = await startLoopback({ handler: () => ({ json: { market } }) });
  const { data } = await createClient({ baseUrl: server.baseUrl, rateLimit: false, retry: false }).GET('/markets/{ticker}', { params: { path: { ticker: 'KXA-1' } } });
  return data.market;
}

describe('fixed-point field accessors', () => {
  it('reads *_dollars and *_fp fields of a fetched market exactly', async () => {
    const market = await fetchMarket({ ticker: 'KXA-1', yes_bid_dollars: '0.5600', yes_ask_dollars: '0.0125', volume_fp: '1234.50', notional_value_dollars: '1.0000', fee_like_dollars: '0.123456' });
    expect(dollars(market, 'yes_bid_dollars').toWire()).toBe('0.5600');
    expect(dollars(market, 'yes_ask_dollars').eq(Dollars.parse('0.0125'))).toBe(true);
    expect(contracts(market, 'volume_fp').toWire()).toBe('1234.50');
    expect(dollars(market, 'settlement_value_dollars')).toBeUndefined();
  });

  it('reads response amounts with up to 6 decimals', () => {
    const fill = { fee_cost_dollars: '0.001234' } as { fee_cost_dollars: string };
    expect(dollars(fill, 'fee_cost_dollars').round(4, 'half-up').toWire()).toBe('0.0012');
  });

  it('reads a short position with signedContracts', () => {
    const position = { ticker: 'KXA-1', position_fp: '-12.50' } as unknown as MarketPosition;
    const p = signedContracts(position, 'position_fp');
    expect(p).toBeInstanceOf(SignedContracts);
    expect(p.toWire()).toBe('-12.50');
  });

  it.each([
    ['a malformed dollar string', () => dollars({ yes_bid_dollars: '56c' }, 'yes_bid_dollars'), 'yes_bid_dollars', 'FIXED_POINT_INVALID'],
    ['a negative count', () => contracts({ volume_fp: '-1.00' }, 'volume_fp'), 'volume_fp', 'FIXED_POINT_RANGE'],
    ['a count finer than 0.01', () => contracts({ volume_fp: '1.005' }, 'volume_fp'), 'volume_fp', 'FIXED_POINT_PRECISION'],
  ])('throws FixedPointError naming the field for %s', (_, read, field, code) => {
    expect(read).toThrow(FixedPointError);
    expect(read).toThrow(expect.objectContaining({ code, field }));
  });

  it('is typed by the generated schemas', () => {
    const m = {} as Market;
    expectTypeOf(dollars(m, 'yes_bid_dollars')).toEqualTypeOf<Dollars>();
    expectTypeOf(dollars(m, 'settlement_value_dollars')).toEqualTypeOf<Dollars | undefined>();
    expectTypeOf(contracts(m, 'open_interest_fp')).toEqualTypeOf<Contracts>();
    expectTypeOf<'yes_bid_dollars'>().toExtend<DollarsField<Market>>();
    expectTypeOf<'ticker'>().not.toExtend<DollarsField<Market>>();
    expectTypeOf<'volume_fp'>().toExtend<CountField<Market>>();
    expectTypeOf<'yes_bid_dollars'>().not.toExtend<CountField<Market>>();
    // @ts-expect-error -- not a *_dollars field
    dollars(m, 'ticker');
    // @ts-expect-error -- a count, not dollars
    dollars(m, 'volume_fp');
    // @ts-expect-error -- no such field on Market
    dollars(m, 'yes_bid_price_dollars');
    // @ts-expect-error -- dollars, not a count
    contracts(m, 'yes_bid_dollars');
  });
});
