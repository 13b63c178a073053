import type { MatchingEngine } from '../engine/matching-engine.js';
import type { MarketRecord } from '../engine/markets.js';
import type { PriceFeeds } from '../reference/price-feeds.js';
import { CHANNELS, MARKET_FILTERED, WS_ERRORS, type Channel, type Subscription, type WsErrorCode } from './channels.js';
import { type CommandGuards, GUARD_ERRORS, type GuardErrorCode } from './command-guards.js';
import { check, CommandError, fail } from './command-error.js';
import type { Connection } from './connection.js';
import { checkFeedParams, FEED_ACTIONS, isFeedChannel, seedFeedIds, updateFeed } from './feed-commands.js';
import { snapshotMsg, tickerMsg } from './frames.js';

type Params = Record<string, unknown>;

/** Command handling for one gateway: parses client frames and answers them. */
export class CommandHandler {
  constructor(
    private readonly engine: MatchingEngine,
    private readonly guards: CommandGuards,
    private readonly feeds: PriceFeeds,
  ) {}

  /** Handles one text frame from `conn`. Never throws: failures are answered with `error` frames. */
  handle(conn: Connection, text: string): void {
    let command: unknown;
    try {
      command = JSON.parse(text);
    } catch {
      this.sendError(conn, undefined, new CommandError(1));
      return;
    }
    const obj = typeof command === 'object' && command !== null && !Array.isArray(command) ? (command as Params) : undefined;
    const rawId = obj?.['id'];
    // An id of 0 is the same as no id.
    const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId > 0 ? rawId : undefined;
    try {
      if (obj === undefined) fail(1);
      this.engine.expireOrders();
      switch (obj['cmd']) {
        case 'subscribe':
          return this.subscribe(conn, id, params(obj));
        case 'unsubscribe':
          return this.unsubscribe(conn, id, params(obj));
        case 'list_subscriptions':
          conn.send({ ...(id === undefined ? {} : { id }), type: 'ok', msg: [...conn.subscriptions.values()].map((s) => ({ channel: s.channel, sid: s.sid })) });
          return;
        case 'update_subscription':
          return this.update(conn, id, params(obj));
        default:
          fail(5);
      }
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      this.sendError(conn, id, error);
    }
  }

  private sendError(conn: Connection, id: number | undefined, error: CommandError): void {
    conn.send({
      ...(id === undefined ? {} : { id }),
      type: 'error',
      msg: {
        code: error.code,
        msg: error.code in GUARD_ERRORS ? GUARD_ERRORS[error.code as GuardErrorCode] : WS_ERRORS[error.code as WsErrorCode],
        ...(error.marketTickers === undefined ? {} : { market_tickers: error.marketTickers }),
      },
    });
  }

  private subscribe(conn: Connection, id: number | undefined, p: Params): void {
    const channels = p['channels'];
    if (!Array.isArray(channels) || channels.length === 0) fail(3);
    for (const c of channels) if (!(CHANNELS as readonly unknown[]).includes(c)) fail(8);
    checkSharding(p);
    checkFeedParams(channels as Channel[], p);
    const markets = this.marketsOf(p);
    const byId = p['market_id'] !== undefined || p['market_ids'] !== undefined;
    for (const channel of channels as Channel[]) {
      // Kalshi: orderbook_delta needs tickers; market_positions filters by ticker only.
      if (channel === 'orderbook_delta' && (markets === undefined || byId)) fail(14);
      if (channel === 'market_positions' && byId) fail(11);
      check(this.guards.channelAccess(conn.apiKeyId, channel));
      if (MARKET_FILTERED.has(channel) && markets !== undefined) check(this.guards.marketCount(new Set(markets.map((m) => m.ticker)).size));
    }
    for (const channel of channels as Channel[]) {
      const existing = this.repeated(conn, channel, p);
      if (existing !== undefined) {
        check(this.guards.routeCommand(conn.apiKeyId, existing));
        if (existing.markets !== undefined && markets !== undefined) check(this.guards.marketCount(new Set([...existing.markets, ...markets.map((m) => m.ticker)]).size));
        seedFeedIds(existing, p);
        this.merge(conn, id, existing, markets, p);
        continue;
      }
      const sub: Subscription = {
        sid: conn.allocateSid(),
        channel,
        markets: MARKET_FILTERED.has(channel) && markets !== undefined ? new Set(markets.map((m) => m.ticker)) : undefined,
        seq: 0,
        useYesPrice: p['use_yes_price'] === true,
        skipTickerAck: p['skip_ticker_ack'] === true,
        skipNext: false,
        feedIds: new Set(),
        feedAll: false,
      };
      seedFeedIds(sub, p);
      conn.subscriptions.set(sub.sid, sub);
      conn.send({ ...(id === undefined ? {} : { id }), type: 'subscribed', msg: { channel, sid: sub.sid } });
      if (channel === 'orderbook_delta') for (const m of markets!) this.sendSnapshot(conn, sub, m, undefined);
      if (channel === 'ticker' && p['send_initial_snapshot'] === true && markets !== undefined) {
        for (const m of markets) conn.sendToSubscription(sub, 'ticker', tickerMsg(m, this.engine, this.engine.now()));
      }
    }
  }

  /**
   * The subscription a repeated subscribe to `channel` joins. Kalshi (/changelog/index): "Repeated
   * subscriptions on the same websocket call will no longer error." Undocumented: which options must
   * match; the simulator merges only into a subscription with the same price convention and ack
   * option, so one connection can still hold both conventions of a book.
   */
  private repeated(conn: Connection, channel: Channel, p: Params): Subscription | undefined {
    for (const sub of conn.subscriptions.values()) {
      if (sub.channel === channel && sub.useYesPrice === (p['use_yes_price'] === true) && sub.skipTickerAck === (p['skip_ticker_ack'] === true)) return sub;
    }
    return undefined;
  }

  /**
   * A repeated subscribe: answered with the existing sid. The same markets change nothing; new
   * markets are added to the subscription, with their snapshots, as `add_markets` would.
   */
  private merge(conn: Connection, id: number | undefined, sub: Subscription, markets: MarketRecord[] | undefined, p: Params): void {
    let added: MarketRecord[] = [];
    if (sub.markets !== undefined && MARKET_FILTERED.has(sub.channel)) {
      if (markets === undefined) sub.markets = undefined;
      else {
        added = markets.filter((m) => !sub.markets!.has(m.ticker));
        for (const m of added) sub.markets.add(m.ticker);
      }
    }
    conn.send({ ...(id === undefined ? {} : { id }), type: 'subscribed', msg: { channel: sub.channel, sid: sub.sid } });
    if (sub.channel === 'orderbook_delta') for (const m of added) this.sendSnapshot(conn, sub, m, undefined);
    if (sub.channel === 'ticker' && p['send_initial_snapshot'] === true) {
      for (const m of added) conn.sendToSubscription(sub, 'ticker', tickerMsg(m, this.engine, this.engine.now()));
    }
  }

  private unsubscribe(conn: Connection, id: number | undefined, p: Params): void {
    const sids = p['sids'];
    if (!Array.isArray(sids) || sids.length === 0) fail(4);
    for (const sid of sids) {
      const sub = typeof sid === 'number' ? conn.subscriptions.get(sid) : undefined;
      if (sub === undefined) {
        this.sendError(conn, id, new CommandError(7));
        continue;
      }
      conn.subscriptions.delete(sub.sid);
      conn.send({ ...(id === undefined ? {} : { id }), type: 'unsubscribed', sid: sub.sid, seq: sub.seq + 1 });
    }
  }

  private update(conn: Connection, id: number | undefined, p: Params): void {
    const action = p['action'];
    if (action === undefined) fail(15);
    const feedAction = FEED_ACTIONS.has(action);
    if (!feedAction && action !== 'add_markets' && action !== 'delete_markets' && action !== 'get_snapshot') fail(13);
    const sids = p['sids'];
    const hasSid = p['sid'] !== undefined;
    if (hasSid === (sids !== undefined) || (Array.isArray(sids) && sids.length !== 1) || (sids !== undefined && !Array.isArray(sids))) fail(12);
    const sid = hasSid ? p['sid'] : (sids as unknown[])[0];
    const sub = typeof sid === 'number' ? conn.subscriptions.get(sid) : undefined;
    if (sub === undefined) fail(7);
    if (feedAction || isFeedChannel(sub.channel)) {
      check(this.guards.routeCommand(conn.apiKeyId, sub));
      return updateFeed(conn, id, sub, action, p, this.feeds);
    }
    if (!MARKET_FILTERED.has(sub.channel) || sub.markets === undefined) fail(13);
    if (action === 'get_snapshot' && sub.channel !== 'orderbook_delta') fail(13);
    const markets = this.marketsOf(p);
    if (markets === undefined) fail(14);
    check(this.guards.routeCommand(conn.apiKeyId, sub));
    if (action === 'add_markets') check(this.guards.marketCount(new Set([...sub.markets, ...markets.map((m) => m.ticker)]).size));
    if (action === 'get_snapshot') {
      const outside = markets.filter((m) => !sub.markets!.has(m.ticker)).map((m) => m.ticker);
      if (outside.length > 0) fail(11, outside);
      for (const m of markets) this.sendSnapshot(conn, sub, m, id);
      return;
    }
    const added = markets.filter((m) => !sub.markets!.has(m.ticker));
    for (const m of markets) {
      if (action === 'add_markets') sub.markets.add(m.ticker);
      else sub.markets.delete(m.ticker);
    }
    conn.send({
      ...(id === undefined ? {} : { id }),
      type: 'ok',
      sid: sub.sid,
      msg: sub.skipTickerAck ? {} : { market_tickers: [...sub.markets] },
    });
    if (action === 'add_markets' && sub.channel === 'orderbook_delta') for (const m of added) this.sendSnapshot(conn, sub, m, undefined);
    if (action === 'add_markets' && sub.channel === 'ticker' && p['send_initial_snapshot'] === true) {
      for (const m of added) conn.sendToSubscription(sub, 'ticker', tickerMsg(m, this.engine, this.engine.now()));
    }
  }

  /** The markets a command names by ticker(s) or id(s); undefined when it names none. */
  private marketsOf(p: Params): MarketRecord[] | undefined {
    const single = p['market_ticker'] ?? p['market_id'];
    const many = p['market_tickers'] ?? p['market_ids'];
    const byId = p['market_id'] !== undefined || p['market_ids'] !== undefined;
    if (single === undefined && many === undefined) return undefined;
    if (single !== undefined && many !== undefined) fail(11);
    const keys = single !== undefined ? [single] : many;
    if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string')) fail(11);
    const all = this.engine.listMarkets();
    const found: MarketRecord[] = [];
    const unknown: string[] = [];
    for (const key of keys as string[]) {
      const market = byId ? all.find((m) => m.marketId === key) : this.engine.getMarket(key);
      if (market === undefined) unknown.push(key);
      else found.push(market);
    }
    if (unknown.length > 0) fail(11, unknown);
    return found;
  }

  private sendSnapshot(conn: Connection, sub: Subscription, market: MarketRecord, id: number | undefined): void {
    conn.sendToSubscription(sub, 'orderbook_snapshot', snapshotMsg(market, this.engine.orderbook(market.ticker), sub.useYesPrice), id);
  }
}

function params(obj: Params): Params {
  const p = obj['params'];
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail(2);
  return p as Params;
}

function checkSharding(p: Params): void {
  const factor = p['shard_factor'];
  const key = p['shard_key'];
  if (factor !== undefined) {
    if (typeof factor !== 'number' || !Number.isInteger(factor) || factor <= 0) fail(19);
    if (factor > 100) fail(22);
  }
  if (key !== undefined) {
    if (factor === undefined) fail(20);
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= (factor as number)) fail(21);
  }
}
