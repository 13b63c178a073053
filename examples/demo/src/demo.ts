/**
 * The demo's story, section by section. Everything after section 1 is exactly what a bot does
 * against Kalshi: the only mock-specific inputs are the two URLs the clients are pointed at, and
 * the FIX client's loopback host and port.
 */
import type { KalshiFixClient } from '@kalshi-sdk/fix';
import { complement, Contracts, Dollars, TickSchedule } from '@kalshi-sdk/fixed-point';
import { startMockExchange, type MockMarketSeed } from '@kalshi-sdk/mock-exchange';
import { amendOrder, contracts, dollars, KalshiOrderError, paginate, placeOrder, type components } from '@kalshi-sdk/rest';
import { OrderBookManager } from '@kalshi-sdk/ws';
import { bookInSync } from './book-sync.js';
import { executionReportText, holding, orderText, quote, topOfBook, usd } from './format.js';
import { asMockUser, connectFix, connectTrader, createTrader, next, type ConnectedTrader } from './traders.js';

type Market = components['schemas']['Market'];

/** Where the demo writes its lines (`console.log` in `pnpm demo`). */
export interface DemoOptions {
  readonly print: (line: string) => void;
}

/** One event, two markets: whole-cent ticks, and 0.1¢ ticks below $0.10 and above $0.90. */
export const DEMO_MARKETS: readonly MockMarketSeed[] = [
  { ticker: 'KXRAIN-26DEC31-NYC', title: 'Rain in New York City on Dec 31, 2026?', priceLevelStructure: 'linear_cent' },
  { ticker: 'KXRAIN-26DEC31-CHI', title: 'Rain in Chicago on Dec 31, 2026?', priceLevelStructure: 'tapered_deci_cent' },
];

const STARTING_CASH = Dollars.parse('1000');

/**
 * Runs the whole tour against a fresh simulator and closes everything it opened, on success or
 * failure. Resolves when done.
 * @throws the first error of any step (a `KalshiRestError`, `KalshiWsError` or `KalshiFixError` with its `code`).
 */
export async function runDemo({ print }: DemoOptions): Promise<void> {
  const section = (title: string) => print(`\n── ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`);

  // ── 1. Start the simulator ────────────────────────────────────────────────────────────────
  // Two traders with fresh key pairs. The exchange is given only their public keys, and checks
  // every REST request, WebSocket handshake and FIX Logon signature against them, as Kalshi does.
  // `fix: {}` also starts its FIX acceptor (KalshiNR and KalshiRT) on a second loopback port.
  section('1. Start the mock exchange (loopback, no network)');
  const alice = createTrader('alice');
  const bob = createTrader('bob');
  const mock = await startMockExchange({
    markets: DEMO_MARKETS,
    users: [asMockUser(alice, STARTING_CASH), asMockUser(bob, STARTING_CASH)],
    fix: {},
  });
  const fixPort = mock.fixPort;
  if (fixPort === undefined) throw new Error('the simulator did not start its FIX acceptor');
  print(`REST ${mock.restUrl}`);
  print(`WS   ${mock.wsUrl}`);
  print(`FIX  127.0.0.1:${fixPort} (KalshiNR, KalshiRT; FIXT.1.1 over plain TCP, loopback only)`);
  print(`traders: ${alice.name} and ${bob.name}, ${usd(STARTING_CASH)} each, RSA-PSS signed requests`);

  const open: ConnectedTrader[] = [];
  let books: OrderBookManager | undefined;
  let fix: KalshiFixClient | undefined;
  try {
    // ── 2. Connect ──────────────────────────────────────────────────────────────────────────
    // Each trader gets a REST client and one WebSocket connection, subscribed to its own fills
    // and positions. Subscribing before trading means no fill can be missed.
    section('2. Connect: REST client + WebSocket (fill, market_positions) per trader');
    const a = await connectTrader(alice, mock);
    open.push(a);
    const b = await connectTrader(bob, mock);
    open.push(b);
    print(`${a.name}: connected, subscribed to fill + market_positions`);
    print(`${b.name}: connected, subscribed to fill + market_positions`);

    // ── 3. List markets over REST ────────────────────────────────────────────────────────────
    // `paginate` follows Kalshi's cursors until the last page. Each market carries its tick
    // structure; orders are checked against it before they are sent, and the order book uses it
    // to count depth in ticks.
    section('3. List markets over REST (GET /markets, paginated)');
    const markets = new Map<string, Market>();
    let pages = 0;
    // `limit: 1` only so that this two-market listing takes two pages and shows the cursor at work.
    for await (const page of paginate(a.rest, '/markets', { params: { query: { event_ticker: 'KXRAIN-26DEC31', limit: 1 } } })) {
      pages++;
      for (const m of page.markets) {
        markets.set(m.ticker, m);
        print(`${m.ticker.padEnd(20)}  ${m.status.padEnd(7)}  ${(m.price_level_structure ?? '').padEnd(17)}  ${m.title}`);
      }
    }
    print(`(${markets.size} markets in ${pages} pages)`);
    const nyc = marketOf(markets, 'KXRAIN-26DEC31-NYC');
    const chi = marketOf(markets, 'KXRAIN-26DEC31-CHI');

    // ── 4. Stream the order books over WebSocket ─────────────────────────────────────────────
    // One `orderbook_delta` subscription for both markets: a snapshot each, then deltas whose
    // `seq` the book checks (a gap makes it fetch a fresh snapshot by itself).
    section('4. Stream order books over WebSocket (orderbook_delta)');
    const live = new OrderBookManager({ client: a.ws, tickSchedule: (t) => TickSchedule.fromMarket(marketOf(markets, t)) });
    books = live;
    await live.track([nyc.ticker, chi.ticker]);
    // After each step: wait for the streamed book to agree with REST, then print its top.
    const show = async (...tickers: string[]) => {
      for (const t of tickers) print(topOfBook(await bookInSync(live, a.rest, t)));
    };
    await show(nyc.ticker, chi.ticker);

    // ── 5. Quote: place orders over REST ─────────────────────────────────────────────────────
    // V2 orders are one book per market: `bid` buys YES at the price, `ask` sells YES (buys NO
    // at $1 − price). `placeOrder` sends a fresh `client_order_id`, which makes it safe to retry.
    section(`5. ${a.name} quotes (POST /portfolio/events/orders)`);
    const bidQuote = quote('bid', '0.45', '10');
    const bid = await placeOrder(a.rest, { market: nyc, ...bidQuote, post_only: true });
    print(`${a.name}: ${orderText(bidQuote)} on ${nyc.ticker} -> resting ${Contracts.parse(bid.remaining_count).toWire()}`);
    const askQuote = quote('ask', '0.55', '10');
    const ask = await placeOrder(a.rest, { market: nyc, ...askQuote, post_only: true });
    print(`${a.name}: ${orderText(askQuote)} on ${nyc.ticker} -> resting ${Contracts.parse(ask.remaining_count).toWire()}`);
    // A sub-penny price and a fractional count: valid on the tapered market's 0.1¢ grid.
    const subpenny = quote('bid', '0.035', '2.5');
    await placeOrder(a.rest, { market: chi, ...subpenny, post_only: true });
    print(`${a.name}: ${orderText(subpenny)} on ${chi.ticker} (0.1¢ tick, fractional count)`);
    await show(nyc.ticker, chi.ticker);

    // Prices off the market's tick grid never leave the process.
    try {
      await placeOrder(a.rest, { market: nyc, side: 'bid', price: '0.455', count: '1' });
      throw new Error('an off-tick price was accepted');
    } catch (error) {
      if (!(error instanceof KalshiOrderError)) throw error;
      print(`${a.name}: bid @ $0.455 on ${nyc.ticker} refused locally: ${error.code} (${error.field} ${error.value} is off the ${nyc.price_level_structure} grid); nothing sent`);
    }

    // ── 6. Amend ─────────────────────────────────────────────────────────────────────────────
    // Amend's count is the new total. A new price loses queue priority, as on Kalshi.
    section(`6. ${a.name} improves her bid (POST /portfolio/events/orders/{id}/amend)`);
    const improved = quote('bid', '0.47', '15');
    await amendOrder(a.rest, bid.order_id, { market: nyc, ...improved });
    print(`${a.name}: amended to ${orderText(improved)}`);
    await show(nyc.ticker);

    // ── 7. Cross the book from a second account ──────────────────────────────────────────────
    // Bob sells 6 YES at $0.47, immediate-or-cancel: it trades at once against Alice's resting
    // bid (partial fill: 9 of her 15 stay on the book). He is the taker, so he pays the fee.
    section(`7. ${b.name} crosses the book (IOC ask into ${a.name}'s bid)`);
    const hit = quote('ask', '0.47', '6');
    const cross = await placeOrder(b.rest, { market: nyc, ...hit, time_in_force: 'immediate_or_cancel' });
    // V2 order responses name their fixed-point fields without a `_fp`/`_dollars` suffix, so they
    // are parsed with fixed-point directly rather than with the rest package's field accessors.
    const average = cross.average_fill_price === undefined ? '—' : usd(Dollars.parse(cross.average_fill_price, 'average_fill_price', { maxDecimals: 6 }));
    print(`${b.name}: IOC ${orderText(hit)} -> filled ${Contracts.parse(cross.fill_count).toWire()} at an average ${average} (REST response)`);
    await show(nyc.ticker);

    // ── 8. Fills and positions arrive over WebSocket ─────────────────────────────────────────
    // Both sides of the trade hear about it on their own connection: a `fill`, then a
    // `market_position` with the new net position (negative = NO), cost basis and fees.
    section('8. Fills and positions over WebSocket (fill, market_positions)');
    for (const t of [a, b]) {
      const fill = await next(t.fills, `${t.name} fill`);
      const yesPrice = fill.dollars('yes_price_dollars');
      const paid = fill.msg.purchased_side === 'yes' ? yesPrice : complement(yesPrice);
      print(
        `${t.name}: fill ${fill.contracts('count_fp').toWire()} ${fill.msg.purchased_side.toUpperCase()} @ ${usd(paid)}` +
          ` (${fill.msg.is_taker ? 'taker' : 'maker'}), fee ${usd(fill.dollars('fee_cost'))}, now ${holding(fill.signedContracts('post_position_fp'))}`,
      );
      const position = await next(t.positions, `${t.name} position`);
      print(
        `${t.name}: position ${position.msg.market_ticker} ${holding(position.signedContracts('position_fp'))},` +
          ` cost ${usd(position.dollars('position_cost_dollars'))}, fees paid ${usd(position.dollars('fees_paid_dollars'))}`,
      );
    }

    // ── 9. Cancel ────────────────────────────────────────────────────────────────────────────
    section(`9. ${a.name} pulls her ask (DELETE /portfolio/events/orders/{id})`);
    const { data: cancelled } = await a.rest.DELETE('/portfolio/events/orders/{order_id}', {
      params: { path: { order_id: ask.order_id }, query: { market_ticker: nyc.ticker } },
    });
    print(`${a.name}: ask cancelled, ${Contracts.parse(cancelled.reduced_by).toWire()} contracts off the book`);
    await show(nyc.ticker);

    // ── 10. The same exchange over FIX ───────────────────────────────────────────────────────
    // Bob logs on to KalshiNR, Kalshi's FIX order-entry session, with the key that signs his REST
    // requests, and offers YES with a NewOrderSingle(D). The acceptor drives the same matching
    // engine, so his order is on the book REST and WebSocket show, Alice can take it over REST,
    // and Bob hears of the fill as an ExecutionReport(8) on his FIX session.
    section(`10. ${b.name} trades over FIX (KalshiNR: NewOrderSingle in, ExecutionReport out)`);
    fix = await connectFix(b, fixPort);
    print(`${b.name}: FIX Logon accepted (RawData = RSA-PSS signature, ResetSeqNumFlag=Y, UseDollars=Y)`);
    // Listen before sending: reports are buffered from here on, so none can be missed.
    const reports = fix.executionReports();
    const offer = quote('ask', '0.52', '5');
    const { clOrdId } = fix.newOrderSingle({
      clOrdId: 'bob-fix-1',
      symbol: nyc.ticker,
      side: offer.side,
      price: offer.price,
      quantity: offer.count,
      timeInForce: 'gtc',
      postOnly: true,
    });
    const ack = await next(reports, `${b.name} FIX acknowledgement`);
    print(`${b.name}: FIX NewOrderSingle ${orderText(offer)} on ${nyc.ticker}, ClOrdID ${clOrdId} -> ExecutionReport ${executionReportText(ack)}`);
    // REST knows the order by the FIX ClOrdID, as its client_order_id.
    const { data: resting } = await b.rest.GET('/portfolio/orders', { params: { query: { ticker: nyc.ticker, status: 'resting' } } });
    for (const o of resting.orders) {
      print(`${b.name}: REST GET /portfolio/orders: ${o.client_order_id} ${o.status} ${contracts(o, 'remaining_count_fp').toWire()} @ ${usd(dollars(o, 'yes_price_dollars'))}`);
    }
    await show(nyc.ticker);
    // Alice takes the whole offer over REST; she is the taker, Bob's FIX order the maker.
    const lift = quote('bid', '0.52', '5');
    const lifted = await placeOrder(a.rest, { market: nyc, ...lift, time_in_force: 'immediate_or_cancel' });
    print(`${a.name}: IOC ${orderText(lift)} -> filled ${Contracts.parse(lifted.fill_count).toWire()} (REST response)`);
    const filled = await next(reports, `${b.name} FIX fill`);
    print(`${b.name}: FIX ExecutionReport ${executionReportText(filled)}`);
    await show(nyc.ticker);
    // Logout(5) both ways: the client waits for the exchange's Logout before closing the socket.
    await fix.close();
    fix = undefined;
    print(`${b.name}: FIX Logout answered, session closed`);

    // ── 11. Balances ─────────────────────────────────────────────────────────────────────────
    // Available balance is cash minus what resting orders hold, rounded up to the cent. Alice: $1000
    // − $2.82 paid for 6 YES − $2.60 for 5 more at $0.52 − $0.09 taker fee − $4.32 held ($4.23 by her
    // 9 @ $0.47 and $0.0875 by 2.5 @ $0.035, up to the cent). Bob: $1000 − $3.18 for 6 NO − $0.11 fee − $2.40 for 5 NO at $0.48 (maker, no fee).
    section('11. Balances over REST (GET /portfolio/balance)');
    for (const t of [a, b]) {
      const { data: balance } = await t.rest.GET('/portfolio/balance');
      print(`${t.name}: ${usd(dollars(balance, 'balance_dollars'))} available`);
    }
  } finally {
    // ── Close everything ─────────────────────────────────────────────────────────────────────
    // WebSocket clients first (no reconnect attempts against a server going away), then the
    // simulator. Nothing is left running, so the process exits by itself.
    await fix?.close();
    await books?.close();
    await Promise.all(open.map((t) => t.ws.close()));
    await mock.close();
  }
  section('Done: simulator stopped, connections closed');
}

/** A market from the REST listing, or an error naming the ticker. */
function marketOf(markets: ReadonlyMap<string, Market>, ticker: string): Market {
  const market = markets.get(ticker);
  if (market === undefined) throw new Error(`market ${ticker} was not listed`);
  return market;
}
