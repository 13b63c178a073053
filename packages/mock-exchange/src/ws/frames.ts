import { complement, Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import type { LevelView, MatchingEngine } from '../engine/matching-engine.js';
import type { EventRecord, MarketRecord } from '../engine/markets.js';
import type { EngineEvent, Fill, MarketLifecycleType, Order, OrderGroupEventType, Position, Trade } from '../engine/types.js';
import { dollars, dollars6, isoTime, signedCount, unixSeconds } from '../wire.js';

// Message shapes of asyncapi.yaml (components/schemas/*Payload). The conformance tests validate
// every frame built here against those schemas.

type Msg = Record<string, unknown>;

/** The `orderbook_snapshot` body: YES bids, and asks as NO bids (NO price, or YES price with `use_yes_price`). */
export function snapshotMsg(market: MarketRecord, book: { bids: LevelView[]; asks: LevelView[] }, useYesPrice: boolean): Msg {
  const yes = book.bids.map((l) => [dollars(l.price), l.size.toWire()]);
  const no = (useYesPrice ? book.asks : [...book.asks].reverse().map((l) => ({ price: complement(l.price), size: l.size }))).map(
    (l) => [dollars(l.price), l.size.toWire()],
  );
  return {
    market_ticker: market.ticker,
    market_id: market.marketId,
    ...(yes.length > 0 ? { yes_dollars_fp: yes } : {}),
    ...(no.length > 0 ? { no_dollars_fp: no } : {}),
  };
}

/** The `orderbook_delta` body; `mine` adds `client_order_id` (and `subaccount`) for the user who caused it. */
export function deltaMsg(
  market: MarketRecord,
  event: Extract<EngineEvent, { type: 'book_delta' }>,
  useYesPrice: boolean,
  mine: boolean,
): Msg {
  const price = event.side === 'ask' && !useYesPrice ? complement(event.price) : event.price;
  const delta = event.sign === 1 ? event.delta.toWire() : event.delta.toSigned().neg().toWire();
  return {
    market_ticker: market.ticker,
    market_id: market.marketId,
    price_dollars: dollars(price),
    delta_fp: delta,
    side: event.side === 'bid' ? 'yes' : 'no',
    ...(mine && event.cause !== undefined && event.cause.clientOrderId !== '' ? { client_order_id: event.cause.clientOrderId } : {}),
    ...(mine && event.cause !== undefined && event.cause.subaccount !== 0 ? { subaccount: event.cause.subaccount } : {}),
    ts: isoTime(event.tsMs),
    ts_ms: event.tsMs,
  };
}

function wholeDollars(d: Dollars): number {
  return d.round(0, 'floor').toCents() / 100;
}

/** The `ticker` body: last price, top of book, volume and open interest. */
export function tickerMsg(market: MarketRecord, engine: MatchingEngine, tsMs: number): Msg {
  const { bid, ask } = engine.topOfBook(market.ticker);
  const openInterest = engine.openInterest(market.ticker);
  const last = market.lastPrice ?? Dollars.ZERO;
  return {
    market_id: market.marketId,
    market_ticker: market.ticker,
    price_dollars: dollars(last),
    yes_bid_dollars: dollars(bid?.price ?? Dollars.ZERO),
    yes_ask_dollars: dollars(ask?.price ?? Dollars.ONE),
    volume_fp: market.volume.toWire(),
    open_interest_fp: openInterest.toWire(),
    dollar_volume: wholeDollars(market.dollarVolume),
    dollar_open_interest: wholeDollars(last.times(openInterest)),
    yes_bid_size_fp: (bid?.size ?? Contracts.ZERO).toWire(),
    yes_ask_size_fp: (ask?.size ?? Contracts.ZERO).toWire(),
    last_trade_size_fp: market.lastTradeSize.toWire(),
    ts: unixSeconds(tsMs),
    ts_ms: tsMs,
    time: isoTime(tsMs),
  };
}

/** The `trade` body. */
export function tradeMsg(trade: Trade): Msg {
  const outcome = trade.takerSide === 'bid' ? 'yes' : 'no';
  return {
    trade_id: trade.tradeId,
    market_ticker: trade.ticker,
    yes_price_dollars: dollars(trade.price),
    no_price_dollars: dollars(complement(trade.price)),
    count_fp: trade.count.toWire(),
    taker_side: outcome,
    taker_outcome_side: outcome,
    taker_book_side: trade.takerSide,
    is_block_trade: false,
    ts: unixSeconds(trade.createdMs),
    ts_ms: trade.createdMs,
  };
}

/** The `fill` body. */
export function fillMsg(fill: Fill): Msg {
  const outcome = fill.side === 'bid' ? 'yes' : 'no';
  return {
    trade_id: fill.fillId,
    order_id: fill.orderId,
    ...(fill.clientOrderId === '' ? {} : { client_order_id: fill.clientOrderId }),
    market_ticker: fill.ticker,
    exchange_index: 0,
    is_taker: fill.isTaker,
    side: outcome,
    yes_price_dollars: dollars(fill.price),
    count_fp: fill.count.toWire(),
    fee_cost: dollars(fill.fee),
    action: 'buy',
    ts: unixSeconds(fill.createdMs),
    ts_ms: fill.createdMs,
    post_position_fp: signedCount(fill.postPosition),
    purchased_side: outcome,
    outcome_side: outcome,
    book_side: fill.side,
    ...(fill.subaccount === 0 ? {} : { subaccount: fill.subaccount }),
  };
}

/** The `user_order` body. */
export function userOrderMsg(order: Order): Msg {
  const outcome = order.side === 'bid' ? 'yes' : 'no';
  return {
    order_id: order.orderId,
    user_id: order.userId,
    ticker: order.ticker,
    exchange_index: 0,
    status: order.status,
    side: outcome,
    is_yes: order.side === 'bid',
    outcome_side: outcome,
    book_side: order.side,
    yes_price_dollars: order.price.toWire(),
    fill_count_fp: order.filled.toWire(),
    remaining_count_fp: order.remaining.toWire(),
    initial_count_fp: order.initialCount.toWire(),
    taker_fill_cost_dollars: dollars6(order.takerFillCost),
    maker_fill_cost_dollars: dollars6(order.makerFillCost),
    taker_fees_dollars: dollars6(order.takerFees),
    maker_fees_dollars: dollars6(order.makerFees),
    client_order_id: order.clientOrderId,
    ...(order.orderGroupId === undefined ? {} : { order_group_id: order.orderGroupId }),
    self_trade_prevention_type: order.selfTradePrevention,
    created_time: isoTime(order.createdMs),
    last_update_time: isoTime(order.updatedMs),
    ...(order.expirationMs === undefined
      ? {}
      : { expiration_time: isoTime(order.expirationMs), expiration_ts_ms: order.expirationMs }),
    created_ts_ms: order.createdMs,
    last_updated_ts_ms: order.updatedMs,
    ...(order.lastUpdateReason === undefined ? {} : { last_update_reason: order.lastUpdateReason }),
    subaccount_number: order.subaccount,
  };
}

/** The `market_position` body (fixed-point dollar strings, as asyncapi.yaml now specifies). */
export function positionMsg(userId: string, position: Position, subaccount: number): Msg {
  return {
    user_id: userId,
    market_ticker: position.ticker,
    position_fp: signedCount(position.net),
    position_cost_dollars: dollars(position.cost),
    realized_pnl_dollars: dollars(position.realizedPnl),
    fees_paid_dollars: dollars(position.feesPaid),
    position_fee_cost_dollars: dollars(position.net.count.isZero() ? Dollars.ZERO : position.feesPaid),
    volume_fp: position.volume.toWire(),
    ...(subaccount === 0 ? {} : { subaccount }),
  };
}

/** The `market_lifecycle_v2` body of one lifecycle event. */
export function lifecycleMsg(market: MarketRecord, eventType: Extract<EngineEvent, { type: 'market_lifecycle' }>['eventType'], tsMs: number): Msg {
  const base = { market_ticker: market.ticker, event_type: eventType };
  switch (eventType) {
    case 'created':
      return {
        ...base,
        exchange_index: 0,
        open_ts: unixSeconds(market.openMs),
        close_ts: unixSeconds(market.closeMs),
        additional_metadata: {
          name: market.title,
          title: market.title,
          yes_sub_title: market.yesSubTitle,
          no_sub_title: market.noSubTitle,
          rules_primary: `Resolves YES if ${market.title} happens (simulated market).`,
          rules_secondary: '',
          // The mock may move any market's close time earlier (early close, early determination, the control API).
          can_close_early: true,
          event_ticker: market.eventTicker,
          expected_expiration_ts: unixSeconds(market.closeMs),
        },
        ...priceStructureFields(market),
      };
    case 'activated':
    case 'deactivated':
      return { ...base, is_deactivated: eventType === 'deactivated' };
    case 'close_date_updated':
      return { ...base, close_ts: unixSeconds(market.closeMs) };
    case 'determined':
      return {
        ...base,
        determination_ts: unixSeconds(tsMs),
        result: market.result ?? '',
        settlement_value: dollars(market.result === 'yes' ? Dollars.ONE : Dollars.ZERO),
      };
    case 'settled':
      return { ...base, settled_ts: unixSeconds(tsMs) };
    case 'price_level_structure_updated':
      return { ...base, ...priceStructureFields(market) };
  }
}

/** The market's `price_level_structure` and `price_ranges`, as the `created` and `price_level_structure_updated` bodies carry them. */
function priceStructureFields(market: MarketRecord): Msg {
  return {
    price_level_structure: market.priceLevelStructure,
    price_ranges: market.priceRanges.map((r) => ({ start: r.start, end: r.end, step: r.step })),
  };
}

/**
 * The `multivariate_market_lifecycle` body: the `market_lifecycle_v2` body without `price_ranges`,
 * which asyncapi.yaml does not list on this channel (nor `price_level_structure_updated`, which is
 * never sent on it).
 */
export function multivariateLifecycleMsg(market: MarketRecord, eventType: Exclude<MarketLifecycleType, 'price_level_structure_updated'>, tsMs: number): Msg {
  const { price_ranges: _ranges, ...msg } = lifecycleMsg(market, eventType, tsMs);
  return msg;
}

/** The `event_lifecycle` body of a created event. */
export function eventLifecycleMsg(event: EventRecord): Msg {
  return {
    event_ticker: event.eventTicker,
    exchange_index: 0,
    title: event.title,
    subtitle: event.subTitle,
    collateral_return_type: event.mutuallyExclusive ? 'MECNET' : '',
    series_ticker: event.seriesTicker,
  };
}

/** The `order_group_updates` body. */
export function orderGroupMsg(groupId: string, eventType: OrderGroupEventType, limit: Contracts | undefined, tsMs: number): Msg {
  return {
    event_type: eventType,
    order_group_id: groupId,
    ...(limit !== undefined && (eventType === 'created' || eventType === 'limit_updated') ? { contracts_limit_fp: limit.toWire() } : {}),
    ts_ms: tsMs,
  };
}
