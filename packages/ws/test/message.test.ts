import { Contracts, Dollars, FixedPointError, SignedContracts } from '@kalshi-sdk/fixed-point';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ChannelMessage,
  contracts,
  type ContractsField,
  type ContractsKey,
  dollars,
  type DollarsField,
  type DollarsKey,
  type FillPayload,
  type MarketLifecycleV2Payload,
  type MarketPositionPayload,
  type RfqCreatedPayload,
  signedContracts,
  type SignedContractsField,
  type TickerPayload,
  type UserOrderPayload,
  WsMessage,
} from '../src/index.js';
import { snapshot } from './support/frames.js';

const ticker: TickerPayload = {
  type: 'ticker',
  sid: 3,
  msg: {
    market_id: 'm-1',
    market_ticker: 'T',
    price_dollars: '0.4800',
    yes_bid_dollars: '0.4700',
    yes_ask_dollars: '0.4900',
    volume_fp: '1234.50',
    open_interest_fp: '88.00',
    dollar_volume: 617,
    dollar_open_interest: -12,
    yes_bid_size_fp: '10.00',
    yes_ask_size_fp: '0.01',
    last_trade_size_fp: '2.00',
    ts: 1,
    ts_ms: 1000,
    time: '1970-01-01T00:00:01Z',
  },
};

const fill: FillPayload = {
  type: 'fill',
  sid: 4,
  msg: {
    trade_id: 't',
    order_id: 'o',
    market_ticker: 'T',
    exchange_index: 0,
    is_taker: true,
    side: 'no',
    ts: 1,
    ts_ms: 1000,
    yes_price_dollars: '0.3350',
    count_fp: '3.50',
    fee_cost: '0.0700',
    action: 'buy',
    post_position_fp: '-3.50',
    purchased_side: 'no',
    outcome_side: 'no',
    book_side: 'ask',
  },
};

const position: MarketPositionPayload = {
  type: 'market_position',
  sid: 5,
  msg: {
    user_id: 'u',
    market_ticker: 'T',
    position_fp: '-100.00',
    position_cost_dollars: '50.0000',
    realized_pnl_dollars: '-10.2500',
    fees_paid_dollars: '1.0000',
    position_fee_cost_dollars: '0.5000',
    volume_fp: '15.00',
  },
};

const order = {
  type: 'user_order',
  sid: 6,
  msg: {
    order_id: 'o',
    user_id: 'u',
    ticker: 'T',
    exchange_index: 0,
    status: 'resting',
    side: 'yes',
    is_yes: true,
    outcome_side: 'yes',
    book_side: 'bid',
    yes_price_dollars: '0.5600',
    fill_count_fp: '1.50',
    remaining_count_fp: '8.50',
    initial_count_fp: '10.00',
    taker_fill_cost_dollars: '0.840000',
    maker_fill_cost_dollars: '0.000000',
    taker_fees_dollars: '0.012345',
    maker_fees_dollars: '0.000000',
    client_order_id: 'c',
    created_time: null,
    created_ts_ms: null,
  },
} satisfies UserOrderPayload;

const rfq: RfqCreatedPayload = {
  type: 'rfq_created',
  sid: 7,
  seq: 1,
  msg: {
    id: 'r',
    creator_id: '0',
    market_ticker: 'KXMVE-1',
    contracts_fp: '25.00',
    created_ts: '2025-01-01T00:00:00Z',
    mve_selected_legs: [
      { event_ticker: 'E1', market_ticker: 'M1', side: 'yes', yes_settlement_value_dollars: '0.3300' },
      { event_ticker: 'E2', market_ticker: 'M2', side: 'no' },
    ],
  },
};

const lifecycle: MarketLifecycleV2Payload = {
  type: 'market_lifecycle_v2',
  sid: 8,
  seq: 1,
  msg: {
    market_ticker: 'T',
    event_type: 'price_level_structure_updated',
    price_ranges: [{ start: '0.0000', end: '0.1000', step: '0.0010' }],
  },
};

describe('WsMessage accessors', () => {
  it.each<[string, { given: () => Dollars | Contracts | SignedContracts | undefined; want: string }]>([
    ['ticker price', { given: () => new WsMessage(ticker).dollars('price_dollars'), want: '0.4800' }],
    ['ticker yes bid', { given: () => new WsMessage(ticker).dollars('yes_bid_dollars'), want: '0.4700' }],
    ['ticker whole-dollar volume', { given: () => new WsMessage(ticker).dollars('dollar_volume'), want: '617.0000' }],
    ['ticker signed whole-dollar open interest', { given: () => new WsMessage(ticker).dollars('dollar_open_interest'), want: '-12.0000' }],
    ['ticker volume', { given: () => new WsMessage(ticker).contracts('volume_fp'), want: '1234.50' }],
    ['ticker ask size', { given: () => new WsMessage(ticker).contracts('yes_ask_size_fp'), want: '0.01' }],
    ['fill fee_cost (dollars under another name)', { given: () => new WsMessage(fill).dollars('fee_cost'), want: '0.0700' }],
    ['fill subpenny price', { given: () => new WsMessage(fill).dollars('yes_price_dollars'), want: '0.3350' }],
    ['fill count', { given: () => new WsMessage(fill).contracts('count_fp'), want: '3.50' }],
    ['fill post position (signed)', { given: () => new WsMessage(fill).signedContracts('post_position_fp'), want: '-3.50' }],
    ['position cost', { given: () => new WsMessage(position).dollars('position_cost_dollars'), want: '50.0000' }],
    ['position realized loss', { given: () => new WsMessage(position).dollars('realized_pnl_dollars'), want: '-10.2500' }],
    ['position (signed)', { given: () => new WsMessage(position).signedContracts('position_fp'), want: '-100.00' }],
    ['user order 6-decimal fees', { given: () => new WsMessage(order).dollars('taker_fees_dollars'), want: '0.012345' }],
  ])('%s', (_name, { given, want }) => {
    const value = given();
    expect(value?.toString()).toBe(want);
  });

  it.each<[string, { given: Record<string, number>; want: Record<string, string> }]>([
    [
      'centi-cents, as the market_positions channel used to send them',
      {
        given: { position_cost: 500_000, realized_pnl: -102_500, fees_paid: 10_000, position_fee_cost: 1 },
        want: { position_cost_dollars: '50.0000', realized_pnl_dollars: '-10.2500', fees_paid_dollars: '1.0000', position_fee_cost_dollars: '0.0001' },
      },
    ],
  ])('reads market_position %s as Dollars', (_name, { given, want }) => {
    const { position_cost_dollars: _a, realized_pnl_dollars: _b, fees_paid_dollars: _c, position_fee_cost_dollars: _d, ...rest } = position.msg;
    const legacy = new WsMessage({ ...position, msg: { ...rest, ...given } as unknown as MarketPositionPayload['msg'] });
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, legacy.dollars(k as DollarsField<MarketPositionPayload>)?.toString()]));
    expect(got).toEqual(want);
  });

  it('returns undefined for an absent optional field', () => {
    expect(new WsMessage({ ...fill, msg: { ...fill.msg } }).raw.msg.client_order_id).toBeUndefined();
    const determined: MarketLifecycleV2Payload = {
      type: 'market_lifecycle_v2',
      sid: 1,
      seq: 1,
      msg: { market_ticker: 'T', event_type: 'determined', settlement_value: '1.0000' },
    };
    const created: MarketLifecycleV2Payload = { ...determined, msg: { market_ticker: 'T', event_type: 'created' } };
    expectTypeOf(new WsMessage(created).dollars('settlement_value')).toEqualTypeOf<Dollars | undefined>();
    expect(new WsMessage(determined).dollars('settlement_value')?.toString()).toBe('1.0000');
    expect(new WsMessage(created).dollars('settlement_value')).toBeUndefined();
  });

  it.each<[string, { given: () => Dollars | Contracts | SignedContracts | undefined; want: string | undefined }]>([
    ['a nested leg\'s settlement value', { given: () => dollars(rfq.msg.mve_selected_legs![0]!, 'yes_settlement_value_dollars'), want: '0.3300' }],
    ['a nested leg without one', { given: () => dollars(rfq.msg.mve_selected_legs![1]!, 'yes_settlement_value_dollars'), want: undefined }],
    ['a price band start', { given: () => dollars(lifecycle.msg.price_ranges![0]!, 'start'), want: '0.0000' }],
    ['a price band tick', { given: () => dollars(lifecycle.msg.price_ranges![0]!, 'step'), want: '0.0010' }],
    ['msg itself: a count', { given: () => contracts(rfq.msg, 'contracts_fp'), want: '25.00' }],
    ['msg itself: whole dollars', { given: () => dollars(ticker.msg, 'dollar_volume'), want: '617.0000' }],
    ['msg itself: a signed count', { given: () => signedContracts(fill.msg, 'post_position_fp'), want: '-3.50' }],
  ])('standalone accessors read %s', (_name, { given, want }) => {
    expect(given()?.toString()).toBe(want);
  });

  it('standalone accessors throw FixedPointError naming the field', () => {
    const leg = { event_ticker: 'E', market_ticker: 'M', side: 'yes' as const, yes_settlement_value_dollars: '0.33.0' };
    expect(() => dollars(leg, 'yes_settlement_value_dollars')).toThrow(
      expect.objectContaining({ code: 'FIXED_POINT_INVALID', field: 'yes_settlement_value_dollars' }),
    );
  });

  it('reads snapshot ladders as price levels', () => {
    const m = new WsMessage(snapshot('T', { yes: [['0.0100', '1.00'], ['0.9900', '0.50']] }));
    expect(m.levels('yes_dollars_fp').map((l) => `${l.price.toWire()}x${l.size.toWire()}`)).toEqual(['0.0100x1.00', '0.9900x0.50']);
    expect(m.levels('no_dollars_fp')).toEqual([]);
    expect([m.type, m.sid, m.seq, m.msg.market_ticker]).toEqual(['orderbook_snapshot', 1, 1, 'T']);
  });

  it.each<[string, () => unknown]>([
    ['a float-looking price', () => new WsMessage({ ...ticker, msg: { ...ticker.msg, price_dollars: '4.8e-1' } }).dollars('price_dollars')],
    ['a count with 3 decimals', () => new WsMessage({ ...ticker, msg: { ...ticker.msg, volume_fp: '1.001' } }).contracts('volume_fp')],
    ['a negative count', () => new WsMessage({ ...fill, msg: { ...fill.msg, count_fp: '-1.00' } }).contracts('count_fp')],
  ])('throws FixedPointError for %s', (_name, read) => {
    expect(read).toThrow(FixedPointError);
  });
});

describe('WsMessage types', () => {
  it('offers only the fields of each kind', () => {
    expectTypeOf<DollarsField<TickerPayload>>().toEqualTypeOf<
      'price_dollars' | 'yes_bid_dollars' | 'yes_ask_dollars' | 'dollar_volume' | 'dollar_open_interest'
    >();
    expectTypeOf<ContractsField<FillPayload>>().toEqualTypeOf<'count_fp'>();
    expectTypeOf<SignedContractsField<FillPayload>>().toEqualTypeOf<'post_position_fp'>();
    expectTypeOf<DollarsField<FillPayload>>().toEqualTypeOf<'yes_price_dollars' | 'fee_cost'>();
    expectTypeOf(new WsMessage(ticker).dollars('yes_bid_dollars')).toEqualTypeOf<Dollars>();
  });

  it('types the standalone accessors by the object they read', () => {
    type Leg = NonNullable<RfqCreatedPayload['msg']['mve_selected_legs']>[number];
    type Band = NonNullable<MarketLifecycleV2Payload['msg']['price_ranges']>[number];
    expectTypeOf<DollarsKey<Leg>>().toEqualTypeOf<'yes_settlement_value_dollars'>();
    expectTypeOf<DollarsKey<Band>>().toEqualTypeOf<'start' | 'end' | 'step'>();
    expectTypeOf<ContractsKey<Leg>>().toEqualTypeOf<never>();
    expectTypeOf(dollars({} as Leg, 'yes_settlement_value_dollars')).toEqualTypeOf<Dollars | undefined>();
    expectTypeOf(dollars({} as Band, 'start')).toEqualTypeOf<Dollars>();
    // @ts-expect-error -- a ticker, not dollars
    dollars({} as Leg, 'market_ticker');
    // @ts-expect-error -- dollars, not a count
    contracts({} as TickerPayload['msg'], 'price_dollars');
    // @ts-expect-error -- a non-negative count, not a signed one
    signedContracts({} as TickerPayload['msg'], 'volume_fp');
  });

  it('narrows a channel union on type', () => {
    const handle = (m: ChannelMessage<'orderbook_delta'>): string => {
      if (m.type === 'orderbook_delta') {
        expectTypeOf(m.signedContracts('delta_fp')).toEqualTypeOf<SignedContracts>();
        return m.msg.side;
      }
      expectTypeOf(m.levels).parameter(0).toEqualTypeOf<'yes_dollars_fp' | 'no_dollars_fp'>();
      return m.msg.market_ticker;
    };
    expect(handle(new WsMessage(snapshot('T', {})))).toBe('T');
  });
});
