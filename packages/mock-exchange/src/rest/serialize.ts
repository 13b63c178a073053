import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { MatchingEngine, LevelView } from '../engine/matching-engine.js';
import type { EventRecord, MarketRecord, MarketStatus, SeriesRecord } from '../engine/markets.js';
import type { Fill, Order, OrderGroup, Position, Settlement, Trade } from '../engine/types.js';
import { strikeFields } from '../history/market-metadata.js';
import { multivariateMarketFields } from '../reference/multivariate.js';
import type { components } from '../spec-types.js';
import { dollars, isoTime, signedCount, unixSeconds } from '../wire.js';

type Schemas = components['schemas'];

/** REST `Series`. */
export function seriesToWire(series: SeriesRecord, volume?: Contracts): Schemas['Series'] {
  return {
    ticker: series.ticker,
    frequency: series.frequency,
    title: series.title,
    category: series.category,
    categories: [series.category],
    tags: [],
    settlement_sources: [],
    contract_url: '',
    contract_terms_url: '',
    fee_type: series.feeType,
    fee_multiplier: Number(series.feeMultiplier.toString()),
    additional_prohibitions: [],
    last_updated_ts: isoTime(series.updatedMs),
    exchange_index: 0,
    ...(volume === undefined ? {} : { volume_fp: volume.toWire() }),
  };
}

/** REST `EventData`, with nested markets when given. */
export function eventToWire(event: EventRecord, markets?: Schemas['Market'][]): Schemas['EventData'] {
  return {
    event_ticker: event.eventTicker,
    series_ticker: event.seriesTicker,
    sub_title: event.subTitle,
    title: event.title,
    collateral_return_type: event.mutuallyExclusive ? 'MECNET' : '',
    mutually_exclusive: event.mutuallyExclusive,
    settlement_sources: [],
    last_updated_ts: isoTime(event.updatedMs),
    exchange_index: 0,
    ...(markets === undefined ? {} : { markets }),
  };
}

/** The REST `status` filter value (`unopened`, `open`, `paused`, `closed`, `settled`) a market matches. */
export function marketStatusFilter(status: MarketStatus): string {
  switch (status) {
    case 'initialized':
      return 'unopened';
    case 'active':
      return 'open';
    case 'inactive':
      return 'paused';
    case 'closed':
      return 'closed';
    case 'determined':
    case 'finalized':
      return 'settled';
  }
}

/** REST `Market`, priced from the live book. */
export function marketToWire(market: MarketRecord, engine: MatchingEngine): Schemas['Market'] {
  const { bid, ask } = engine.topOfBook(market.ticker);
  const yesBid = bid?.price ?? Dollars.ZERO;
  const yesAsk = ask?.price ?? Dollars.ONE;
  const settled = market.result !== undefined;
  return {
    ticker: market.ticker,
    event_ticker: market.eventTicker,
    market_type: 'binary',
    title: market.title,
    yes_sub_title: market.yesSubTitle,
    no_sub_title: market.noSubTitle,
    ...strikeFields(market.strike),
    created_time: isoTime(market.createdMs),
    updated_time: isoTime(market.updatedMs),
    open_time: isoTime(market.openMs),
    close_time: isoTime(market.closeMs),
    expected_expiration_time: isoTime(market.closeMs),
    latest_expiration_time: isoTime(market.closeMs),
    settlement_timer_seconds: 0,
    status: market.status,
    notional_value_dollars: dollars(Dollars.ONE),
    yes_bid_dollars: dollars(yesBid),
    yes_ask_dollars: dollars(yesAsk),
    no_bid_dollars: dollars(complement(yesAsk)),
    no_ask_dollars: dollars(complement(yesBid)),
    yes_bid_size_fp: (bid?.size ?? Contracts.ZERO).toWire(),
    yes_ask_size_fp: (ask?.size ?? Contracts.ZERO).toWire(),
    last_price_dollars: dollars(market.lastPrice ?? Dollars.ZERO),
    previous_yes_bid_dollars: dollars(Dollars.ZERO),
    previous_yes_ask_dollars: dollars(Dollars.ZERO),
    previous_price_dollars: dollars(Dollars.ZERO),
    volume_fp: market.volume.toWire(),
    volume_24h_fp: market.volume.toWire(),
    open_interest_fp: engine.openInterest(market.ticker).toWire(),
    result: market.result ?? '',
    // The mock may move any market's close time earlier (early close, early determination, the control API).
    can_close_early: true,
    expiration_value: '',
    rules_primary: `Resolves YES if ${market.title} happens (simulated market).`,
    rules_secondary: '',
    price_level_structure: market.priceLevelStructure,
    price_ranges: market.priceRanges.map((r) => ({ start: r.start, end: r.end, step: r.step })),
    settlement_bounds_type: 'default',
    exchange_index: 0,
    ...multivariateMarketFields(engine, market.ticker),
    ...(settled
      ? {
          settlement_value_dollars: dollars(market.result === 'yes' ? Dollars.ONE : Dollars.ZERO),
          ...(market.settledMs === undefined ? {} : { settlement_ts: isoTime(market.settledMs) }),
        }
      : {}),
  };
}

/** REST `OrderbookCountFp`: YES bids, and asks as NO bids at 1 − price, each ascending, at most `depth` best levels. */
export function orderbookToWire(book: { bids: LevelView[]; asks: LevelView[] }, depth: number): Schemas['OrderbookCountFp'] {
  const best = (levels: LevelView[]): LevelView[] => (depth > 0 ? levels.slice(Math.max(0, levels.length - depth)) : levels);
  const noBids = [...book.asks].reverse().map((l) => ({ price: complement(l.price), size: l.size }));
  return {
    yes_dollars: best(book.bids).map((l) => [dollars(l.price), l.size.toWire()]),
    no_dollars: best(noBids).map((l) => [dollars(l.price), l.size.toWire()]),
  };
}

/** REST `Order`. */
export function orderToWire(order: Order): Schemas['Order'] {
  const outcome = order.side === 'bid' ? 'yes' : 'no';
  return {
    order_id: order.orderId,
    user_id: order.userId,
    client_order_id: order.clientOrderId,
    ticker: order.ticker,
    side: outcome,
    action: 'buy',
    outcome_side: outcome,
    book_side: order.side,
    type: 'limit',
    status: order.status,
    yes_price_dollars: dollars(order.price),
    no_price_dollars: dollars(complement(order.price)),
    fill_count_fp: order.filled.toWire(),
    remaining_count_fp: order.remaining.toWire(),
    initial_count_fp: order.initialCount.toWire(),
    taker_fill_cost_dollars: dollars(order.takerFillCost),
    maker_fill_cost_dollars: dollars(order.makerFillCost),
    taker_fees_dollars: dollars(order.takerFees),
    maker_fees_dollars: dollars(order.makerFees),
    expiration_time: order.expirationMs === undefined ? null : isoTime(order.expirationMs),
    created_time: isoTime(order.createdMs),
    last_update_time: isoTime(order.updatedMs),
    self_trade_prevention_type: order.selfTradePrevention,
    order_group_id: order.orderGroupId ?? null,
    cancel_order_on_pause: order.cancelOnPause,
    subaccount_number: order.subaccount,
    exchange_index: 0,
  };
}

/** REST `Fill`. */
export function fillToWire(fill: Fill): Schemas['Fill'] {
  const outcome = fill.side === 'bid' ? 'yes' : 'no';
  return {
    fill_id: fill.fillId,
    exchange_index: 0,
    trade_id: fill.fillId,
    order_id: fill.orderId,
    ticker: fill.ticker,
    market_ticker: fill.ticker,
    side: outcome,
    action: 'buy',
    outcome_side: outcome,
    book_side: fill.side,
    count_fp: fill.count.toWire(),
    yes_price_dollars: dollars(fill.price),
    no_price_dollars: dollars(complement(fill.price)),
    is_taker: fill.isTaker,
    created_time: isoTime(fill.createdMs),
    fee_cost: dollars(fill.fee),
    subaccount_number: fill.subaccount,
    ts: unixSeconds(fill.createdMs),
  };
}

/** REST `Trade`. */
export function tradeToWire(trade: Trade): Schemas['Trade'] {
  const outcome = trade.takerSide === 'bid' ? 'yes' : 'no';
  return {
    trade_id: trade.tradeId,
    ticker: trade.ticker,
    count_fp: trade.count.toWire(),
    yes_price_dollars: dollars(trade.price),
    no_price_dollars: dollars(complement(trade.price)),
    taker_side: outcome,
    taker_outcome_side: outcome,
    taker_book_side: trade.takerSide,
    created_time: isoTime(trade.createdMs),
    is_block_trade: false,
  };
}

/** REST `MarketPosition`. */
export function positionToWire(position: Position): Schemas['MarketPosition'] {
  return {
    ticker: position.ticker,
    exchange_index: 0,
    total_traded_dollars: dollars(position.totalTraded),
    position_fp: signedCount(position.net),
    market_exposure_dollars: dollars(position.cost),
    realized_pnl_dollars: dollars(position.realizedPnl),
    fees_paid_dollars: dollars(position.feesPaid),
    last_updated_ts: isoTime(position.lastUpdatedMs),
  };
}

/** REST `EventPosition`s: the market positions summed per event, in first-seen order. */
export function eventPositionsToWire(positions: readonly Position[]): Schemas['EventPosition'][] {
  const byEvent = new Map<string, { cost: Dollars; shares: Contracts; exposure: Dollars; pnl: Dollars; fees: Dollars }>();
  for (const p of positions) {
    const sum = byEvent.get(p.eventTicker) ?? {
      cost: Dollars.ZERO,
      shares: Contracts.ZERO,
      exposure: Dollars.ZERO,
      pnl: Dollars.ZERO,
      fees: Dollars.ZERO,
    };
    byEvent.set(p.eventTicker, {
      cost: sum.cost.plus(p.totalTraded),
      shares: sum.shares.plus(p.volume),
      exposure: sum.exposure.plus(p.cost),
      pnl: sum.pnl.plus(p.realizedPnl),
      fees: sum.fees.plus(p.feesPaid),
    });
  }
  return [...byEvent].map(([eventTicker, s]) => ({
    event_ticker: eventTicker,
    total_cost_dollars: dollars(s.cost),
    total_cost_shares_fp: s.shares.toWire(),
    event_exposure_dollars: dollars(s.exposure),
    realized_pnl_dollars: dollars(s.pnl),
    fees_paid_dollars: dollars(s.fees),
  }));
}

/** REST `Settlement`. */
export function settlementToWire(s: Settlement): Schemas['Settlement'] {
  return {
    ticker: s.ticker,
    exchange_index: 0,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: s.yesCount.toWire(),
    yes_total_cost_dollars: dollars(s.yesCost),
    no_count_fp: s.noCount.toWire(),
    no_total_cost_dollars: dollars(s.noCost),
    revenue: s.revenue.toCents(),
    settled_time: isoTime(s.settledMs),
    fee_cost: dollars(s.feeCost),
    value: s.result === 'yes' ? 100 : 0,
  };
}

/** REST `OrderGroup`. */
export function orderGroupToWire(group: OrderGroup): Schemas['OrderGroup'] {
  return {
    id: group.groupId,
    contracts_limit_fp: group.limit.toWire(),
    is_auto_cancel_enabled: group.triggered,
    exchange_index: 0,
  };
}
