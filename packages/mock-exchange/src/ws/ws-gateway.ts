import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { authenticate, type ApiKey } from '../auth.js';
import type { EmitHook } from '../emit.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { Clock, EngineEvent } from '../engine/types.js';
import { SEQUENCED, WS_ERRORS, type Channel, type Subscription } from './channels.js';
import { CommandGuards, type SubscriptionLimits } from './command-guards.js';
import { CommandHandler } from './commands.js';
import { feedCommunications } from './communications-feed.js';
import { Connection } from './connection.js';
import { feedLifecycleUpdates } from './lifecycle-updates-feed.js';
import { feedPrices } from './price-feed-fanout.js';
import { PriceFeeds } from '../reference/price-feeds.js';
import {
  deltaMsg,
  eventLifecycleMsg,
  fillMsg,
  lifecycleMsg,
  multivariateLifecycleMsg,
  orderGroupMsg,
  positionMsg,
  tickerMsg,
  tradeMsg,
  userOrderMsg,
} from './frames.js';

/** The WebSocket path, as on Kalshi. */
export const WS_PATH = '/trade-api/ws/v2';

/** Options of {@link WsGateway}. */
export interface WsGatewayOptions {
  readonly engine: MatchingEngine;
  readonly keys: ReadonlyMap<string, ApiKey>;
  readonly clock: Clock;
  readonly timestampToleranceMs: number;
  /** Heartbeat ping period, ms; 0 turns pings off. Kalshi: 10,000. */
  readonly pingIntervalMs: number;
  readonly onEmit: EmitHook | undefined;
  /** Reference prices of `cfbenchmarks_value*` and `pyth_value`; default an empty set on `clock`. */
  readonly priceFeeds?: PriceFeeds;
}

/** Which connections (by API key) a fault applies to; omitted means all. */
export interface ConnectionFilter {
  readonly apiKeyId?: string;
}

/** Which subscriptions a fault applies to; omitted fields match everything. */
export interface SubscriptionFilter extends ConnectionFilter {
  readonly channel?: Channel;
  readonly sid?: number;
}

/** WebSocket fault injection, for testing how clients recover. Each method returns how many connections or subscriptions it hit. */
export interface WsFaults {
  /** Terminates matching connections abruptly (no close frame). */
  dropConnections(filter?: ConnectionFilter): number;
  /** Makes the next message of each matching sequenced subscription skip one `seq` number. */
  skipSequence(filter?: SubscriptionFilter): number;
  /** Sends a frame that is not valid JSON to matching connections. */
  sendMalformedFrame(filter?: ConnectionFilter): number;
  /** Sends error 25 (subscription buffer overflow) to matching subscriptions and ends them, as Kalshi does. */
  overflowSubscription(filter?: SubscriptionFilter): number;
  /** Holds every outgoing frame for `ms` (order preserved) until set back to 0. */
  delayFrames(ms: number): void;
  /**
   * The next command routed to a matching existing subscription (`update_subscription`, or a
   * repeated `subscribe` joining it) is answered with error 18 (Command timeout) and not applied.
   */
  timeOutNextCommand(filter?: ConnectionFilter & { readonly sid?: number }): void;
  /** Sets the per-subscription market limit (error 26) and command rate limit (error 27); see `command-guards.ts` for the defaults. */
  setSubscriptionLimits(limits: SubscriptionLimits): void;
}

/** The `/trade-api/ws/v2` endpoint: signed handshake, commands, channel fan-out, heartbeats, faults. */
export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly commands: CommandHandler;
  private readonly unsubscribeEngine: () => void;
  private readonly stopCommunications: () => void;
  private readonly stopLifecycleUpdates: () => void;
  private readonly stopPrices: () => void;
  private readonly pingTimer: NodeJS.Timeout | undefined;
  private delayMs = 0;

  /** Fault injection for this endpoint. */
  readonly faults: WsFaults = {
    dropConnections: (filter) => {
      const hit = this.matchingConnections(filter);
      for (const conn of hit) conn.ws.terminate();
      return hit.length;
    },
    skipSequence: (filter) => {
      const hit = this.matchingSubscriptions(filter).filter(([, sub]) => SEQUENCED.has(sub.channel));
      for (const [, sub] of hit) sub.skipNext = true;
      return hit.length;
    },
    sendMalformedFrame: (filter) => {
      const hit = this.matchingConnections(filter);
      for (const conn of hit) conn.sendMalformed('{"type":"orderbook_delta","sid":');
      return hit.length;
    },
    overflowSubscription: (filter) => {
      const hit = this.matchingSubscriptions(filter);
      for (const [conn, sub] of hit) {
        conn.subscriptions.delete(sub.sid);
        conn.send({
          type: 'error',
          sid: sub.sid,
          ...(SEQUENCED.has(sub.channel) ? { seq: conn.nextSeq(sub) } : {}),
          msg: { code: 25, msg: WS_ERRORS[25] },
        });
      }
      return hit.length;
    },
    delayFrames: (ms) => {
      this.delayMs = Math.max(0, ms);
    },
    timeOutNextCommand: (filter = {}) => this.guards.timeOutNextCommand(filter),
    setSubscriptionLimits: (limits) => this.guards.setLimits(limits),
  };
  private readonly guards: CommandGuards;

  constructor(private readonly options: WsGatewayOptions) {
    this.guards = new CommandGuards(options.clock, options.keys);
    const priceFeeds = options.priceFeeds ?? new PriceFeeds(options.clock);
    this.commands = new CommandHandler(options.engine, this.guards, priceFeeds);
    this.unsubscribeEngine = options.engine.on((event) => this.dispatch(event));
    this.stopCommunications = feedCommunications(options.engine, this.connections);
    this.stopLifecycleUpdates = feedLifecycleUpdates(options.engine, this.connections);
    this.stopPrices = feedPrices(priceFeeds, this.connections);
    if (options.pingIntervalMs > 0) {
      this.pingTimer = setInterval(() => {
        for (const conn of this.connections) if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping('heartbeat');
      }, options.pingIntervalMs);
      this.pingTimer.unref();
    }
  }

  /** The node:http `upgrade` listener: verifies the signed handshake, then accepts. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const auth = authenticate(req, this.options.keys, this.options.clock.now(), this.options.timestampToleranceMs);
    if (!auth.ok) {
      const body = JSON.stringify({ code: 'unauthorized', message: 'unauthorized', details: auth.details });
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    const { key } = auth;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new Connection(ws, key.userId, key.apiKeyId, {
        clock: this.options.clock,
        onEmit: this.options.onEmit,
        delayMs: () => this.delayMs,
      });
      this.connections.add(conn);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) this.commands.handle(conn, data.toString());
      });
      ws.on('close', () => this.connections.delete(conn));
      ws.on('error', () => ws.terminate());
    });
  }

  /** Closes every connection and stops heartbeats. */
  close(): void {
    this.unsubscribeEngine();
    this.stopCommunications();
    this.stopLifecycleUpdates();
    this.stopPrices();
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    this.wss.close();
  }

  private matchingConnections(filter: ConnectionFilter | undefined): Connection[] {
    return [...this.connections].filter((c) => filter?.apiKeyId === undefined || c.apiKeyId === filter.apiKeyId);
  }

  private matchingSubscriptions(filter: SubscriptionFilter | undefined): Array<[Connection, Subscription]> {
    return this.matchingConnections(filter).flatMap((conn) =>
      [...conn.subscriptions.values()]
        .filter((s) => (filter?.channel === undefined || s.channel === filter.channel) && (filter?.sid === undefined || s.sid === filter.sid))
        .map((s): [Connection, Subscription] => [conn, s]),
    );
  }

  /** Subscriptions on `channel` that want `ticker` (undefined: not market-scoped), optionally of one user only. */
  private *targets(channel: Channel, ticker: string | undefined, userId?: string): Generator<[Connection, Subscription]> {
    for (const conn of this.connections) {
      if (userId !== undefined && conn.userId !== userId) continue;
      for (const sub of conn.subscriptions.values()) {
        if (sub.channel !== channel) continue;
        if (ticker !== undefined && sub.markets !== undefined && !sub.markets.has(ticker)) continue;
        yield [conn, sub];
      }
    }
  }

  private dispatch(event: EngineEvent): void {
    if (this.connections.size === 0) return;
    const engine = this.options.engine;
    switch (event.type) {
      case 'book_delta': {
        const market = engine.getMarket(event.ticker)!;
        for (const [conn, sub] of this.targets('orderbook_delta', event.ticker)) {
          conn.sendToSubscription(sub, 'orderbook_delta', deltaMsg(market, event, sub.useYesPrice, event.cause?.userId === conn.userId));
        }
        return;
      }
      case 'trade':
        for (const [conn, sub] of this.targets('trade', event.trade.ticker)) conn.sendToSubscription(sub, 'trade', tradeMsg(event.trade));
        return;
      case 'market_stats': {
        const market = engine.getMarket(event.ticker)!;
        for (const [conn, sub] of this.targets('ticker', event.ticker)) conn.sendToSubscription(sub, 'ticker', tickerMsg(market, engine, event.tsMs));
        return;
      }
      case 'fill':
        for (const [conn, sub] of this.targets('fill', event.fill.ticker, event.fill.userId)) conn.sendToSubscription(sub, 'fill', fillMsg(event.fill));
        return;
      case 'order':
        for (const [conn, sub] of this.targets('user_orders', event.order.ticker, event.order.userId)) {
          conn.sendToSubscription(sub, 'user_order', userOrderMsg(event.order));
        }
        return;
      case 'position':
        for (const [conn, sub] of this.targets('market_positions', event.position.ticker, event.userId)) {
          conn.sendToSubscription(sub, 'market_position', positionMsg(event.userId, event.position, event.subaccount));
        }
        return;
      case 'market_lifecycle': {
        const market = engine.getMarket(event.ticker)!;
        for (const [conn, sub] of this.targets('market_lifecycle_v2', undefined)) {
          conn.sendToSubscription(sub, 'market_lifecycle_v2', lifecycleMsg(market, event.eventType, event.tsMs));
        }
        // Multivariate markets go on their own channel too. /websockets/multivariate-market-&-event-lifecycle:
        // "Only emits lifecycle updates for multivariate events". Its event types in asyncapi.yaml do
        // not include price_level_structure_updated, so that one stays on market_lifecycle_v2.
        const { eventType } = event;
        if (eventType !== 'price_level_structure_updated' && engine.reference.multivariateMarkets.has(event.ticker)) {
          for (const [conn, sub] of this.targets('multivariate_market_lifecycle', undefined)) {
            conn.sendToSubscription(sub, 'multivariate_market_lifecycle', multivariateLifecycleMsg(market, eventType, event.tsMs));
          }
        }
        return;
      }
      case 'event_created': {
        const created = engine.getEvent(event.eventTicker)!;
        for (const [conn, sub] of this.targets('market_lifecycle_v2', undefined)) conn.sendToSubscription(sub, 'event_lifecycle', eventLifecycleMsg(created));
        if (engine.reference.multivariateEvents.has(event.eventTicker)) {
          for (const [conn, sub] of this.targets('multivariate_market_lifecycle', undefined)) conn.sendToSubscription(sub, 'event_lifecycle', eventLifecycleMsg(created));
        }
        return;
      }
      case 'order_group':
        for (const [conn, sub] of this.targets('order_group_updates', undefined, event.userId)) {
          conn.sendToSubscription(sub, 'order_group_updates', orderGroupMsg(event.groupId, event.eventType, event.limit, event.tsMs));
        }
        return;
    }
  }
}
