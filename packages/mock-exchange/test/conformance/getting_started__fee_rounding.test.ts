import { KalshiFixClient, type FixExecutionReport } from '@kalshi-sdk/fix';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeeType, PriceRangeInput } from '../../src/index.js';
import { startHarness, type Harness, type RestClient, type TestUser } from '../support/harness.js';
import { mockFixClientOptions } from '../support/fix-logon.js';

// The page's worked examples give each fill's trade fee. The mock prices trade fees with the fee
// schedule (0.07 × C × P × (1 − P) for takers, times the series' fee_multiplier, rounded up to
// $0.0001), so each example runs on a series whose multiplier makes that formula land on the
// page's trade fee: 2.33 → $0.0085 for 1 at $0.055, 0.78 → $0.0041 for 0.30 at $0.50, and the
// default 1 → $0.0005 for 0.03 at $0.3301.
//
// The page disagrees with itself (see the package README, "Fees"): its tables' Balance Change
// column ignores the rebate (-$0.07 on the fill that gets a $0.01 rebate) while its Net Fee column
// subtracts it, and "Net fee = trade fee + rounding fee - rebate". The mock follows the reading
// where every column agrees with the formulas: the balance changes by revenue - net fee, so the
// rebate reaches the balance (-$0.06 on that fill), which is what makes the total converge to the
// single-fill cost as the page says it should.

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ userCount: 2, markets: [], fix: {} });
});
afterEach(() => h.assertConformance());
afterAll(() => h.close());

const SIX = { maxDecimals: 6 } as const;
const PENNY_TICKS: PriceRangeInput[] = [{ start: '0.0000', end: '1.0000', step: '0.0001' }];

interface Setup {
  readonly multiplier?: string;
  readonly feeType?: FeeType;
  readonly balance?: string;
}

/** A fresh series and market (0.0001 ticks) and a fresh buyer; returns the market ticker and the buyer. */
function setup(options: Setup = {}): { ticker: string; buyer: TestUser; client: RestClient; userId: string } {
  const series = `KXFEE${++n}`;
  h.mock.exchange.createSeries({
    ticker: series,
    ...(options.multiplier === undefined ? {} : { feeMultiplier: options.multiplier }),
    ...(options.feeType === undefined ? {} : { feeType: options.feeType }),
  });
  const ticker = `${series}-26JAN01-A`;
  h.mock.exchange.addMarket({ ticker, seriesTicker: series, priceRanges: PENNY_TICKS });
  const buyer = { ...h.users[0]!, apiKeyId: `fee-buyer-${n}` };
  h.mock.exchange.addUser({ apiKeyId: buyer.apiKeyId, publicKeyPem: buyer.publicKeyPem, balanceDollars: options.balance ?? '100' });
  return { ticker, buyer, client: h.rest(buyer), userId: h.mock.exchange.userId(buyer.apiKeyId) };
}

/** Per fill of `userId` in `ticker`, oldest first: [trade fee, rounding fee, rebate, net fee]. */
function feeRows(userId: string, ticker: string): string[][] {
  return h.mock.exchange.engine
    .fills(userId)
    .filter((f) => f.ticker === ticker)
    .map((f) => [f.tradeFee.toString(), f.roundingFee.toString(), f.rebate.toString(), f.fee.toString()]);
}

/** Per fill (REST, oldest first): the balance change, -(price × count) - fee_cost, in dollars. */
async function balanceChanges(client: RestClient, ticker: string): Promise<string[]> {
  const fills = (await client.get(`/portfolio/fills?ticker=${ticker}`)).body.fills as Array<Record<string, string>>;
  return fills
    .reverse()
    .map((f) => Dollars.parse(f['yes_price_dollars']!).times(Contracts.parse(f['count_fp']!)).plus(Dollars.parse(f['fee_cost']!, 'fee_cost', SIX)).neg().toString());
}

async function balanceDollars(client: RestClient): Promise<string> {
  return (await client.get('/portfolio/balance')).body.balance_dollars as string;
}

/** The buyer takes `lots` resting 1-lot asks of user 1 with one IOC bid: three fills of one order. */
async function buyThreeLots(ticker: string, client: RestClient, price: string, lot: string): Promise<void> {
  for (let i = 0; i < 3; i++) expect((await h.rest(1).order({ ticker, side: 'ask', price, count: lot })).status).toBe(201);
  const total = Contracts.parse(lot).plus(Contracts.parse(lot)).plus(Contracts.parse(lot)).toWire();
  const take = await client.order({ ticker, side: 'bid', price, count: total, time_in_force: 'immediate_or_cancel' });
  expect(take.body).toMatchObject({ fill_count: total, remaining_count: '0.00' });
}

describe('worked examples', () => {
  it('/getting_started/fee_rounding: worked example 1, 3 contracts at $0.055 as three 1-lot fills of one order', async () => {
    // Quote: "Buy **3 contracts** at **\$0.055** — filled as three 1-lot matches."
    // Quote: "revenue = -$0.055 x 1 = -$0.0550 trade fee = $0.0085 (ceiled to centicent) balance change = -$0.0550 - $0.0085 = -$0.0635 floored to -$0.07 rounding fee = $0.07 - $0.0635 = $0.0065"
    // Quote: "On Fill 2, the accumulator reaches \$0.0130 (> \$0.01), triggering a \$0.01 rebate. The net fee drops to \$0.0050 for that fill."
    const { ticker, client, userId } = setup({ multiplier: '2.33' });
    await buyThreeLots(ticker, client, '0.0550', '1');
    expect(feeRows(userId, ticker)).toEqual([
      ['0.0085', '0.0065', '0.0000', '0.0150'],
      ['0.0085', '0.0065', '0.0100', '0.0050'],
      ['0.0085', '0.0065', '0.0000', '0.0150'],
    ]);
    expect(await balanceChanges(client, ticker)).toEqual(['-0.0700', '-0.0600', '-0.0700']);
    expect(await balanceDollars(client)).toBe('99.8000');
  });

  it('/getting_started/fee_rounding: worked example 2, 0.90 contracts at $0.50 as three 0.30-lot fills of one order', async () => {
    // Quote: "Buy **0.90 contracts** at **\$0.50** — filled as three 0.30-lot matches."
    // Quote: "revenue = -$0.50 x 0.30 = -$0.1500 trade fee = $0.0041 (ceiled to centicent) balance change = -$0.1500 - $0.0041 = -$0.1541 floored to -$0.16 rounding fee = $0.16 - $0.1541 = $0.0059"
    // Quote: "On Fill 2, the accumulator reaches \$0.0118 (> \$0.01), triggering a \$0.01 rebate. The entire fee is offset, resulting in a \$0.00 net fee for that fill."
    const { ticker, client, userId } = setup({ multiplier: '0.78' });
    await buyThreeLots(ticker, client, '0.5000', '0.30');
    expect(feeRows(userId, ticker)).toEqual([
      ['0.0041', '0.0059', '0.0000', '0.0100'],
      ['0.0041', '0.0059', '0.0100', '0.0000'],
      ['0.0041', '0.0059', '0.0000', '0.0100'],
    ]);
    expect(await balanceChanges(client, ticker)).toEqual(['-0.1600', '-0.1500', '-0.1600']);
    expect(await balanceDollars(client)).toBe('99.5300');
  });

  it('/getting_started/fee_rounding: worked example 3, 0.09 contracts at $0.3301 as three 0.03-lot fills of one order', async () => {
    // Quote: "Buy **0.09 contracts** at **\$0.3301** — filled as three 0.03-lot matches."
    // Quote: "revenue = -$0.3301 x 0.03 = -$0.009903 trade fee = $0.0005 (ceiled to centicent) balance change = -$0.009903 - $0.0005 = -$0.010403 floored to -$0.02 rounding fee = $0.02 - $0.010403 = $0.009597"
    // Quote: "The accumulator triggers a rebate on both Fill 2 and Fill 3, keeping the total net fee close to the single-fill equivalent."
    const { ticker, buyer, client, userId } = setup();
    const ws = await h.ws(buyer);
    expect((await ws.command('subscribe', { channels: ['fill'] })).type).toBe('subscribed');
    await buyThreeLots(ticker, client, '0.3301', '0.03');
    const wsFills = await ws.waitForCount((f) => f.type === 'fill' && f.msg.market_ticker === ticker, 3);
    expect(wsFills.map((f) => f.msg.fee_cost)).toEqual(['0.010097', '0.000097', '0.000097']);
    expect(feeRows(userId, ticker)).toEqual([
      ['0.0005', '0.009597', '0.0000', '0.010097'],
      ['0.0005', '0.009597', '0.0100', '0.000097'],
      ['0.0005', '0.009597', '0.0100', '0.000097'],
    ]);
    expect(await balanceChanges(client, ticker)).toEqual(['-0.0200', '-0.0100', '-0.0100']);
    expect(await balanceDollars(client)).toBe('99.9600');
  });
});

describe('rules', () => {
  it('/getting_started/fee_rounding: three 1-contract buys at $0.055 leave a cent-aligned balance', async () => {
    // Quote: "User balances must be exact multiples of **\$0.01** before and after every fill."
    // Quote: "The user's balance changes by `floor(balance_change)`, which is always cent-aligned."
    // Quote: "Round trade fee **up** to the nearest \$0.0001"
    const { ticker, client, userId } = setup();
    await h.rest(1).order({ ticker, side: 'ask', price: '0.0550', count: '3' });
    for (let i = 0; i < 3; i++) {
      const buy = await client.order({ ticker, side: 'bid', price: '0.0550', count: '1', time_in_force: 'immediate_or_cancel' });
      expect(buy.body.fill_count).toBe('1.00');
      // trade fee: 0.07 × 1 × 0.055 × 0.945 = $0.00363825, up to $0.0037; -$0.0587 floors to -$0.06.
      expect(await balanceDollars(client)).toBe(Dollars.parse('100').minus(Dollars.parse('0.06').times(Contracts.fromWhole(i + 1))).toString());
    }
    expect(feeRows(userId, ticker)).toEqual(Array(3).fill(['0.0037', '0.0013', '0.0000', '0.0050']));
    expect((await client.get('/portfolio/balance')).body.balance).toBe(9982);
  });

  it('/getting_started/fee_rounding: the balance stays a multiple of $0.01 while a sub-penny order rests', async () => {
    // Quote: "User balances must be exact multiples of **\$0.01** before and after every fill."
    const { ticker, client } = setup();
    const resting = await client.order({ ticker, side: 'bid', price: '0.0550', count: '1' });
    expect(resting.status).toBe(201);
    // The resting order holds its $0.055 cost, rounded up to the cent.
    expect(await balanceDollars(client)).toBe('99.9400');
    await client.delete(`/portfolio/events/orders/${resting.body.order_id}`);
    expect(await balanceDollars(client)).toBe('100.0000');
  });

  it('/getting_started/fee_rounding: the rebate is issued when the accumulated rounding exceeds $0.01, not when it equals it', async () => {
    // Quote: "Once the accumulated rounding exceeds \$0.01, a whole-cent rebate is issued and the accumulator is reduced by \$0.01."
    // Trade fee 0.07 × 0.95 × 0.30 × 0.25 = $0.0049875, up to $0.0050; -$0.155 floors to -$0.16: rounding $0.0050 per fill.
    const { ticker, client, userId } = setup({ multiplier: '0.95' });
    await buyThreeLots(ticker, client, '0.5000', '0.30');
    expect(feeRows(userId, ticker)).toEqual([
      ['0.0050', '0.0050', '0.0000', '0.0100'],
      ['0.0050', '0.0050', '0.0000', '0.0100'],
      ['0.0050', '0.0050', '0.0100', '0.0000'],
    ]);
  });

  it('/getting_started/fee_rounding: the accumulated rounding of an order carries over from its taker fill to its maker fills', async () => {
    // Quote: "The fee accumulator is maintained per order across all fills regardless of whether the fills are taker or maker."
    // Quote: "If an order initially takes (matching resting orders) and then becomes a resting maker order, the accumulated rounding carries over to subsequent maker fills."
    // Multiplier 6, maker fees on: taker 1 at $0.055 pays $0.0219 (rounding $0.0031), maker $0.0055 (rounding $0.0095).
    const { ticker, client, userId } = setup({ multiplier: '6', feeType: 'quadratic_with_maker_fees' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.0550', count: '1' });
    const order = await client.order({ ticker, side: 'bid', price: '0.0550', count: '2' });
    expect(order.body).toMatchObject({ fill_count: '1.00', remaining_count: '1.00' });
    await h.rest(1).order({ ticker, side: 'ask', price: '0.0550', count: '1', time_in_force: 'immediate_or_cancel' });
    // $0.0031 + $0.0095 = $0.0126 > $0.01: the maker fill gets the rebate (alone, $0.0095 would not).
    expect(feeRows(userId, ticker)).toEqual([
      ['0.0219', '0.0031', '0.0000', '0.0250'],
      ['0.0055', '0.0095', '0.0100', '0.0050'],
    ]);
    const wire = (await client.get(`/portfolio/orders/${order.body.order_id}`)).body.order;
    expect(wire).toMatchObject({ taker_fees_dollars: '0.0250', maker_fees_dollars: '0.0050' });
    expect(await balanceDollars(client)).toBe('99.8600');
  });

  it('/getting_started/fee_rounding: a rebate never makes the net fee of a fill negative', async () => {
    // Quote: "**Net fee** = trade fee + rounding fee - rebate (always >= \$0.00)"
    // Quote: "Refund from accumulated rounding overpayment (always a multiple of \$0.01)"
    // A maker on a `quadratic` series pays no trade fee: each 1-lot fill at $0.055 rounds $0.0050. By the
    // third fill the accumulator holds $0.0150, but a $0.01 rebate on a $0.0050 fee would pay the user,
    // so the rebate waits for a fill whose fee covers it.
    const { ticker, client, userId } = setup();
    const order = await client.order({ ticker, side: 'bid', price: '0.0550', count: '3' });
    for (let i = 0; i < 3; i++) await h.rest(1).order({ ticker, side: 'ask', price: '0.0550', count: '1', time_in_force: 'immediate_or_cancel' });
    expect(feeRows(userId, ticker)).toEqual(Array(3).fill(['0.0000', '0.0050', '0.0000', '0.0050']));
    expect((await client.get(`/portfolio/orders/${order.body.order_id}`)).body.order.maker_fees_dollars).toBe('0.0150');
    expect(await balanceDollars(client)).toBe('99.8200');
  });

  it('/getting_started/fee_rounding: a FIX execution report carries a sub-cent net fee with all its decimals', async () => {
    // Quote: "When both apply simultaneously, intermediate values can reach up to 6 decimal places"
    // A maker bid of 1 at $0.055 filled for 0.25: $0.01375 rounds up to $0.02, a $0.00625 rounding fee.
    const { ticker, buyer, userId } = setup();
    const feesSent: unknown[] = [];
    const off = h.mock.fix!.on((t) => {
      const body = t.message.body as { NoMiscFees?: unknown };
      if (t.direction === 'out' && t.apiKeyId === buyer.apiKeyId && body.NoMiscFees !== undefined) feesSent.push(body.NoMiscFees);
    });
    const client = new KalshiFixClient({ ...mockFixClientOptions(h.mock, buyer), logon: { useDollars: true } });
    const report = (execType: string) =>
      new Promise<FixExecutionReport>((resolve) => {
        const stop = client.on('executionReport', (r) => {
          if (r.execType !== execType) return;
          stop();
          resolve(r);
        });
      });
    try {
      await client.connect();
      const acked = report('new');
      client.newOrderSingle({ clOrdId: 'fix-fee-1', symbol: ticker, side: 'bid', price: Dollars.parse('0.0550'), quantity: Contracts.parse('1'), timeInForce: 'gtc' });
      await acked;
      const traded = report('trade');
      const take = await h.rest(1).order({ ticker, side: 'ask', price: '0.0550', count: '0.25', time_in_force: 'immediate_or_cancel' });
      expect(take).toMatchObject({ status: 201, body: { fill_count: '0.25' } });
      await traded;
      expect(feeRows(userId, ticker)).toEqual([['0.0000', '0.00625', '0.0000', '0.00625']]);
      expect(feesSent).toEqual([[expect.objectContaining({ MiscFeeAmt: '0.00625', MiscFeeCurr: 'USD' })]]);
    } finally {
      off();
      await client.close();
    }
  });

  it('/getting_started/fee_rounding: fills, orders and positions report the same net fees', async () => {
    // Quote: "**Net fee** = trade fee + rounding fee - rebate (always >= \$0.00)"
    const { ticker, client } = setup({ multiplier: '2.33' });
    await buyThreeLots(ticker, client, '0.0550', '1');
    const fills = (await client.get(`/portfolio/fills?ticker=${ticker}`)).body.fills as Array<Record<string, string>>;
    const total = fills.reduce((sum, f) => sum.plus(Dollars.parse(f['fee_cost']!, 'fee_cost', SIX)), Dollars.ZERO);
    expect(total.toString()).toBe('0.0350');
    const orderId = fills[0]!['order_id']!;
    expect((await client.get(`/portfolio/orders/${orderId}`)).body.order.taker_fees_dollars).toBe('0.0350');
    const positions = (await client.get(`/portfolio/positions?ticker=${ticker}`)).body.market_positions;
    expect(positions[0]).toMatchObject({ fees_paid_dollars: '0.0350' });
  });
});
