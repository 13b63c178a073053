import { Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ userCount: 3, markets: [] });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const balance = async (u: number) => (await h.rest(u).get('/portfolio/balance')).body;
const position = async (u: number, ticker: string) =>
  (await h.rest(u).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions[0];

describe('money after fills and settlement', () => {
  it('charges costs and taker fees, nets YES against NO, and pays out at settlement', async () => {
    const ticker = 'KXPORT-26JAN01-A';
    h.mock.exchange.addMarket({ ticker });
    // user 0 rests a YES bid; user 1 sells YES into it (buys NO at 0.60) as taker.
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '10' });
    const take = await h.rest(1).order({ ticker, side: 'ask', price: '0.40', count: '10' });
    // taker fee: ceil(0.07 × 10 × 0.40 × 0.60 = 0.168) = $0.17
    expect(take.body).toMatchObject({ fill_count: '10.00', average_fee_paid: '0.0170' });
    expect(await balance(0)).toMatchObject({ balance: 999_600, balance_dollars: '9996.0000', portfolio_value: 400 });
    expect(await balance(1)).toMatchObject({ balance: 999_383, balance_dollars: '9993.8300' });
    expect(await position(1, ticker)).toMatchObject({
      position_fp: '-10.00',
      market_exposure_dollars: '6.0000',
      fees_paid_dollars: '0.1700',
      total_traded_dollars: '6.0000',
      realized_pnl_dollars: '0.0000',
    });

    // A resting order holds its cost: 100 × $0.30.
    await h.rest(0).order({ ticker, side: 'bid', price: '0.30', count: '100' });
    expect((await balance(0)).balance_dollars).toBe('9966.0000');

    // Both close 4 contracts at 0.50: user 1 buys YES against its NO, user 0 sells YES.
    await h.rest(1).order({ ticker, side: 'bid', price: '0.50', count: '4' });
    const close = await h.rest(0).order({ ticker, side: 'ask', price: '0.50', count: '4' });
    expect(close.body.fill_count).toBe('4.00');
    expect(await position(0, ticker)).toMatchObject({
      position_fp: '6.00',
      market_exposure_dollars: '2.4000',
      realized_pnl_dollars: '0.4000',
      fees_paid_dollars: '0.0700',
      total_traded_dollars: '6.0000',
    });
    expect(await position(1, ticker)).toMatchObject({ position_fp: '-6.00', market_exposure_dollars: '3.6000', realized_pnl_dollars: '-0.4000' });
    // 9996 − 2.00 − 0.07 + 4.00 (netted pairs) − 30 held
    expect((await balance(0)).balance_dollars).toBe('9967.9300');
    expect((await balance(1)).balance_dollars).toBe('9995.8300');

    h.mock.exchange.settleMarket(ticker, 'yes');
    expect((await balance(0)).balance_dollars).toBe('10003.9300');
    expect((await balance(1)).balance_dollars).toBe('9995.8300');
    const settlements = (await h.rest(0).get(`/portfolio/settlements?ticker=${ticker}`)).body.settlements;
    expect(settlements).toEqual([
      expect.objectContaining({
        ticker,
        event_ticker: 'KXPORT-26JAN01',
        market_result: 'yes',
        yes_count_fp: '6.00',
        yes_total_cost_dollars: '2.4000',
        no_count_fp: '0.00',
        revenue: 600,
        fee_cost: '0.0700',
        value: 100,
      }),
    ]);
    expect((await h.rest(1).get('/portfolio/settlements')).body.settlements[0]).toMatchObject({ no_count_fp: '6.00', revenue: 0 });
    expect((await h.rest(0).get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions).toEqual([]);
    expect((await h.rest(0).get(`/markets/${ticker}`)).body.market).toMatchObject({ status: 'finalized', result: 'yes', settlement_value_dollars: '1.0000' });
    expect((await h.rest(0).get(`/portfolio/orders?ticker=${ticker}&status=resting`)).body.orders).toEqual([]);
  });

  it('charges maker fees on series that have them', async () => {
    h.mock.exchange.createSeries({ ticker: 'KXMAKER', feeType: 'quadratic_with_maker_fees' });
    h.mock.exchange.addMarket({ ticker: 'KXMAKER-26JAN01-A' });
    const ticker = 'KXMAKER-26JAN01-A';
    await h.rest(0).order({ ticker, side: 'bid', price: '0.40', count: '10' });
    await h.rest(2).order({ ticker, side: 'ask', price: '0.40', count: '10' });
    // maker fee: ceil(0.0175 × 10 × 0.24 = 0.042) = $0.05
    const fills = (await h.rest(0).get(`/portfolio/fills?ticker=${ticker}`)).body.fills;
    expect(fills).toEqual([expect.objectContaining({ is_taker: false, fee_cost: '0.0500', count_fp: '10.00', yes_price_dollars: '0.4000', book_side: 'bid' })]);
    expect((await h.rest(2).get(`/portfolio/fills?ticker=${ticker}`)).body.fills[0]).toMatchObject({ is_taker: true, fee_cost: '0.1700', outcome_side: 'no' });
  });

  it.each(['-1', 'one', '0.12345'])('refuses a series with fee multiplier %s, naming the field', (feeMultiplier) => {
    expect(() => h.mock.exchange.createSeries({ ticker: `KXBADFEE${feeMultiplier}`, feeMultiplier })).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'fee_multiplier', value: feeMultiplier }),
    );
  });

  it('keeps sub-cent costs exact in positions and the balance in whole cents, for fractional counts at sub-penny prices', async () => {
    const ticker = 'KXPORT-26JAN01-B';
    h.mock.exchange.addMarket({ ticker, priceLevelStructure: 'deci_cent' });
    const before = (await balance(2)).balance_dollars as string;
    await h.rest(2).order({ ticker, side: 'bid', price: '0.055', count: '1.25' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.055', count: '1.25' });
    expect(await position(2, ticker)).toMatchObject({ position_fp: '1.25', market_exposure_dollars: '0.06875', total_traded_dollars: '0.06875' });
    const after = (await balance(2)).balance_dollars as string;
    // $0.06875 floors to a $0.07 debit: a $0.00125 rounding fee (fee_rounding), and no trade fee for a maker.
    expect(Dollars.parse(before).minus(Dollars.parse(after)).toString()).toBe('0.0700');
  });

  it('rejects an order the balance cannot cover', async () => {
    h.mock.exchange.addMarket({ ticker: 'KXPORT-26JAN01-C' });
    const answer = await h.rest(0).order({ ticker: 'KXPORT-26JAN01-C', side: 'bid', price: '0.99', count: '20000' });
    expect(answer).toMatchObject({ status: 400, body: { code: 'insufficient_balance' } });
  });
});

describe('cursor pagination', () => {
  it.each([
    ['markets', '/markets?series_ticker=KXPAGE&limit=2', 'markets', 'ticker'],
    ['events', '/events?series_ticker=KXPAGE&limit=2', 'events', 'event_ticker'],
    ['trades', '/markets/trades?ticker=KXPAGE-E1-M1&limit=2', 'trades', 'trade_id'],
    ['fills', '/portfolio/fills?ticker=KXPAGE-E1-M1&limit=2', 'fills', 'fill_id'],
    ['orders', '/portfolio/orders?ticker=KXPAGE-E1-M1&limit=2', 'orders', 'order_id'],
  ])('walks every page of %s', async (_name, path, key, id) => {
    if (h.mock.exchange.engine.getSeries('KXPAGE') === undefined) {
      for (let e = 1; e <= 3; e++) for (let m = 1; m <= 2; m++) h.mock.exchange.addMarket({ ticker: `KXPAGE-E${e}-M${m}` });
      for (let i = 0; i < 5; i++) {
        await h.rest(0).order({ ticker: 'KXPAGE-E1-M1', side: 'bid', price: '0.50', count: '1' });
        await h.rest(1).order({ ticker: 'KXPAGE-E1-M1', side: 'ask', price: '0.50', count: '1' });
      }
    }
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const answer = await h.rest(0).get(`${path}${cursor === '' ? '' : `&cursor=${cursor}`}`);
      expect(answer.status).toBe(200);
      expect(answer.body[key].length).toBeLessThanOrEqual(2);
      seen.push(...answer.body[key].map((x: Record<string, string>) => x[id]));
      cursor = answer.body.cursor;
      pages++;
    } while (cursor !== '');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(key === 'markets' ? 6 : key === 'events' ? 3 : 5);
    expect(pages).toBe(Math.ceil(seen.length / 2));
  });

  it('rejects a cursor it did not issue', async () => {
    expect((await h.rest(0).get('/markets?cursor=bogus')).status).toBe(400);
  });
});

describe('market data', () => {
  it('serves series, events, markets and order books', async () => {
    h.mock.exchange.addMarket({ ticker: 'KXDATA-26JAN01-A' });
    h.mock.exchange.addMarket({ ticker: 'KXDATA-26JAN01-B' });
    await h.rest(0).order({ ticker: 'KXDATA-26JAN01-A', side: 'bid', price: '0.42', count: '3' });
    await h.rest(1).order({ ticker: 'KXDATA-26JAN01-A', side: 'ask', price: '0.47', count: '2' });
    expect((await h.rest(0).get('/series/KXDATA')).body.series.ticker).toBe('KXDATA');
    expect((await h.rest(0).get('/series/NOPE')).status).toBe(400);
    expect((await h.rest(0).get('/series?include_volume=true')).body.series.length).toBeGreaterThan(0);
    const event = await h.rest(0).get('/events/KXDATA-26JAN01?with_nested_markets=true');
    expect(event.body.event.markets.map((m: { ticker: string }) => m.ticker)).toEqual(['KXDATA-26JAN01-A', 'KXDATA-26JAN01-B']);
    expect((await h.rest(0).get('/events/NOPE')).status).toBe(404);
    expect((await h.rest(0).get('/markets/KXDATA-26JAN01-A')).body.market).toMatchObject({
      yes_bid_dollars: '0.4200',
      yes_ask_dollars: '0.4700',
      no_bid_dollars: '0.5300',
      no_ask_dollars: '0.5800',
      yes_bid_size_fp: '3.00',
      yes_ask_size_fp: '2.00',
      status: 'active',
    });
    expect((await h.rest(0).get('/markets/NOPE')).status).toBe(404);
    const books = await h.rest(0).get('/markets/orderbooks?tickers=KXDATA-26JAN01-A&tickers=KXDATA-26JAN01-B');
    expect(books.body.orderbooks).toEqual([
      { ticker: 'KXDATA-26JAN01-A', orderbook_fp: { yes_dollars: [['0.4200', '3.00']], no_dollars: [['0.5300', '2.00']] } },
      { ticker: 'KXDATA-26JAN01-B', orderbook_fp: { yes_dollars: [], no_dollars: [] } },
    ]);
    await h.rest(0).order({ ticker: 'KXDATA-26JAN01-A', side: 'bid', price: '0.41', count: '1' });
    const depth1 = await h.rest(0).get('/markets/KXDATA-26JAN01-A/orderbook?depth=1');
    expect(depth1.body.orderbook_fp.yes_dollars).toEqual([['0.4200', '3.00']]);
    expect((await h.rest(0).get('/exchange/status')).body).toMatchObject({ exchange_active: true, trading_active: true });
  });

  it('records injected trades as public trades', async () => {
    h.mock.exchange.addMarket({ ticker: 'KXDATA-26JAN01-C' });
    h.mock.exchange.injectTrade({ ticker: 'KXDATA-26JAN01-C', price: '0.63', count: '7', takerSide: 'ask' });
    const trades = (await h.rest(0).get('/markets/trades?ticker=KXDATA-26JAN01-C')).body.trades;
    expect(trades).toEqual([
      expect.objectContaining({ count_fp: '7.00', yes_price_dollars: '0.6300', no_price_dollars: '0.3700', taker_outcome_side: 'no', taker_book_side: 'ask' }),
    ]);
    expect((await h.rest(0).get('/markets/KXDATA-26JAN01-C')).body.market).toMatchObject({ last_price_dollars: '0.6300', volume_fp: '7.00' });
  });
});
