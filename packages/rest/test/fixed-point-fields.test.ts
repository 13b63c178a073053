import { AveragePrice, Contracts, Dollars, FixedPointError, SignedContracts } from '@kalshi-sdk/fixed-point';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  averagePrice,
  contracts,
  createClient,
  dollars,
  levels,
  signedContracts,
  type AverageField,
  type components,
  type CountField,
  type DollarsField,
  type LevelsField,
} from '../src/index.js';
import { startLoopback, type Loopback } from './helpers/loopback-server.js';

type Market = components['schemas']['Market'];
type MarketPosition = components['schemas']['MarketPosition'];
type Orderbook = components['schemas']['OrderbookCountFp'];
type CreateOrderV2Response = components['schemas']['CreateOrderV2Response'];
type AmendOrderV2Response = components['schemas']['AmendOrderV2Response'];
type GetBalanceResponse = components['schemas']['GetBalanceResponse'];

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

  it('reads the order book ladders of a fetched order book as price levels', async () => {
    const orderbook_fp = { yes_dollars: [['0.0100', '1.00'], ['0.5600', '12.50']], no_dollars: [] };
    server = await startLoopback({ handler: () => ({ json: { orderbook_fp } }) });
    const client = createClient({ baseUrl: server.baseUrl, rateLimit: false, retry: false });
    const { data } = await client.GET('/markets/{ticker}/orderbook', { params: { path: { ticker: 'KXA-1' } } });
    const book = data.orderbook_fp;
    expect(levels(book, 'yes_dollars').map((l) => `${l.price.toWire()}x${l.size.toWire()}`)).toEqual(['0.0100x1.00', '0.5600x12.50']);
    expect(levels(book, 'no_dollars')).toEqual([]);
  });

  it.each<[string, { given: Partial<Record<keyof Orderbook, unknown>>; want: string[] }]>([
    ['an absent side', { given: {}, want: [] }],
    ['a null side', { given: { yes_dollars: null }, want: [] }],
    ['a sub-cent price and a fractional count', { given: { yes_dollars: [['0.001234', '0.01']] }, want: ['0.001234x0.01'] }],
  ])('reads %s', (_, { given, want }) => {
    const book = given as unknown as Orderbook;
    expect(levels(book, 'yes_dollars').map((l) => `${l.price.toString()}x${l.size.toWire()}`)).toEqual(want);
  });

  it('reads the V2 order responses, whose fixed-point fields carry no suffix', () => {
    const created: CreateOrderV2Response = { order_id: 'o', fill_count: '5.00', remaining_count: '2.50', average_fill_price: '0.5800', average_fee_paid: '0.0012', ts_ms: 1 };
    expect(contracts(created, 'fill_count').toWire()).toBe('5.00');
    expect(contracts(created, 'remaining_count').toWire()).toBe('2.50');
    expect(dollars(created, 'average_fill_price')?.toWire()).toBe('0.5800');
    expect(dollars(created, 'average_fee_paid')?.toWire()).toBe('0.0012');
    // The spec marks these nullable and never omitted: an amend without fills sends null.
    const amended = { order_id: 'o', ts_ms: 2, fill_count: null, average_fill_price: null } as unknown as AmendOrderV2Response;
    expect(contracts(amended, 'fill_count')).toBeUndefined();
    expect(dollars(amended, 'average_fill_price')).toBeUndefined();
    expect(contracts({ reduced_by: '10.00' } as components['schemas']['CancelOrderV2Response'], 'reduced_by').toWire()).toBe('10.00');
  });

  it('reads the V2 averages exactly as AveragePrice, absent or null as undefined', () => {
    const created: CreateOrderV2Response = { order_id: 'o', fill_count: '7.00', remaining_count: '0.00', average_fill_price: '0.552381', average_fee_paid: '0.0172', ts_ms: 1 };
    expect(averagePrice(created, 'average_fill_price')).toBeInstanceOf(AveragePrice);
    expect(averagePrice(created, 'average_fill_price')?.toString()).toBe('0.552381');
    expect(averagePrice(created, 'average_fee_paid')?.toString()).toBe('0.0172');
    const amended = { order_id: 'o', ts_ms: 2, average_fill_price: null } as unknown as AmendOrderV2Response;
    expect(averagePrice(amended, 'average_fill_price')).toBeUndefined();
    expect(() => averagePrice({ average_fill_price: '-0.5' } as CreateOrderV2Response, 'average_fill_price')).toThrow(
      expect.objectContaining({ code: 'FIXED_POINT_RANGE', field: 'average_fill_price' }),
    );
    expectTypeOf<AverageField<CreateOrderV2Response>>().toEqualTypeOf<'average_fill_price' | 'average_fee_paid'>();
    expectTypeOf(averagePrice(created, 'average_fill_price')).toEqualTypeOf<AveragePrice | undefined>();
    // @ts-expect-error -- a count, not an average
    averagePrice(created, 'fill_count');
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
    ['a malformed ladder price', () => levels({ yes_dollars: [['0.50', '1.00'], ['1/2', '1.00']] }, 'yes_dollars'), 'yes_dollars[1].price', 'FIXED_POINT_INVALID'],
    ['a negative ladder count', () => levels({ no_dollars: [['0.50', '-1.00']] }, 'no_dollars'), 'no_dollars[0].count', 'FIXED_POINT_RANGE'],
    ['a malformed V2 fill count', () => contracts({ fill_count: '1.005' }, 'fill_count'), 'fill_count', 'FIXED_POINT_PRECISION'],
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

  it('types the suffix-less V2 fields and the ladders', () => {
    expectTypeOf<DollarsField<CreateOrderV2Response>>().toEqualTypeOf<'average_fill_price' | 'average_fee_paid'>();
    expectTypeOf<CountField<CreateOrderV2Response>>().toEqualTypeOf<'fill_count' | 'remaining_count'>();
    expectTypeOf(dollars({} as CreateOrderV2Response, 'average_fill_price')).toEqualTypeOf<Dollars | undefined>();
    expectTypeOf(contracts({} as CreateOrderV2Response, 'fill_count')).toEqualTypeOf<Contracts>();
    expectTypeOf<LevelsField<Orderbook>>().toEqualTypeOf<'yes_dollars' | 'no_dollars'>();
    expectTypeOf<LevelsField<Market>>().toEqualTypeOf<never>();
    // an integer balance in cents is not a fixed-point field
    expectTypeOf<'balance'>().not.toExtend<DollarsField<GetBalanceResponse>>();
    expectTypeOf<'balance_dollars'>().toExtend<DollarsField<GetBalanceResponse>>();
    // @ts-expect-error -- a ladder, not a dollar string
    dollars({} as Orderbook, 'yes_dollars');
    // @ts-expect-error -- a dollar string, not a ladder
    levels({} as Market, 'yes_bid_dollars');
    // @ts-expect-error -- an id, not a count
    contracts({} as CreateOrderV2Response, 'order_id');
  });
});
