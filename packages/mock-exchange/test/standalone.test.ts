/**
 * The standalone process: `kalshi-mock` spawned from the built bin on real ports, driven by
 * clients this project did not write (kalshi-typescript, Kalshi's official SDK) and by plain
 * HTTP on the control API, plus `kalshi-mock snapshot` pointed at the mock itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Configuration, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixturesFile } from '../src/index.js';
import { jspurefixOrder } from './support/jspurefix-initiator.js';

const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

interface Served {
  readonly child: ChildProcess;
  readonly info: Record<string, string>;
  readonly exited: Promise<number | null>;
}

/** Spawns `kalshi-mock args…` and resolves its `key=value` lines once it prints `ready`. */
async function spawnMock(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const info = await new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/^ready$/m.test(out)) resolve(Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
    });
    void exited.then((code) => reject(new Error(`kalshi-mock exited ${code}: ${err}`)));
  });
  return { child, info, exited };
}

const dir = mkdtempSync(join(tmpdir(), 'kalshi-mock-test-'));
const fixturesFile = join(dir, 'markets.json');
writeFileSync(
  fixturesFile,
  JSON.stringify({
    series: [{ ticker: 'KXSTAND', title: 'Standalone', fee_type: 'quadratic', fee_multiplier: '1' }],
    events: [{ event_ticker: 'KXSTAND-26DEC31', series_ticker: 'KXSTAND', title: 'Standalone event' }],
    markets: [
      { ticker: 'KXSTAND-26DEC31-A', event_ticker: 'KXSTAND-26DEC31', title: 'A', price_level_structure: 'linear_cent' },
      { ticker: 'KXSTAND-26DEC31-B', event_ticker: 'KXSTAND-26DEC31', title: 'B', price_level_structure: 'tapered_deci_cent' },
    ],
  }),
);

let served: Served;
beforeAll(async () => {
  served = await spawnMock(['--fixtures', fixturesFile, '--seed', '7', '--fix', '--tier', 'basic', '--latency', '5', '--keys-dir', join(dir, 'keys'), '--balance', '500']);
});
afterAll(() => {
  if (served.child.exitCode === null) served.child.kill('SIGKILL');
});

describe('kalshi-mock, the standalone process', () => {
  it('prints its REST, WS, FIX and control URLs and writes the key id and private key PEM to files', () => {
    expect(served.info['rest_url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2$/);
    expect(served.info['ws_url']).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/trade-api\/ws\/v2$/);
    expect(served.info['fix_url']).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(served.info['control_url']).toMatch(/\/__mock$/);
    expect(readFileSync(served.info['api_key_id_file']!, 'utf8').trim()).toBe(served.info['api_key_id']);
    expect(readFileSync(served.info['private_key_file']!, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(served.info['coverage']).toMatch(/^\d+\/117$/);
  });

  it('kalshi-typescript runs a trading scenario: list markets, place, read and cancel an order, read the balance', async () => {
    const basePath = served.info['rest_url']!;
    const config = new Configuration({ basePath, apiKey: served.info['api_key_id']!, privateKeyPem: readFileSync(served.info['private_key_file']!, 'utf8') });
    const markets = (await new MarketApi(config).getMarkets(100)).data.markets.map((m) => m.ticker);
    expect(markets.sort()).toEqual(['KXSTAND-26DEC31-A', 'KXSTAND-26DEC31-B']);

    const orders = new OrdersApi(config);
    const created = (
      await orders.createOrderV2({ ticker: 'KXSTAND-26DEC31-A', side: 'bid', count: '3', price: '0.4200', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross' })
    ).data;
    expect(created.order_id).toMatch(/^[0-9a-f-]{36}$/);
    const read = (await orders.getOrder(created.order_id)).data.order;
    expect([read.status, read.ticker, read.yes_price_dollars]).toEqual(['resting', 'KXSTAND-26DEC31-A', '0.4200']);
    const balance = (await new PortfolioApi(config).getBalance()).data;
    expect(balance.balance).toBe(50_000 - 126); // $500 less $1.26 held for 3 YES at $0.42, in cents
    await orders.cancelOrderV2(created.order_id);
    expect((await orders.getOrder(created.order_id)).data.order.status).toBe('canceled');
    expect((await new PortfolioApi(config).getBalance()).data.balance).toBe(50_000);
  });

  it('is driven over HTTP by the control API: an injected trade shows in the public trades', async () => {
    const control = served.info['control_url']!;
    const injected = await fetch(`${control}/trades`, {
      method: 'POST',
      body: JSON.stringify({ ticker: 'KXSTAND-26DEC31-B', yes_price_dollars: '0.0350', count_fp: '2.00', taker_side: 'no' }),
    });
    expect(injected.status).toBe(200);
    const trades = (await (await fetch(`${served.info['rest_url']}/markets/trades?ticker=KXSTAND-26DEC31-B`)).json()) as { trades: Array<{ yes_price_dollars: string; taker_side: string }> };
    expect(trades.trades.map((t) => [t.yes_price_dollars, t.taker_side])).toEqual([['0.0350', 'no']]);
    const unknown = await fetch(`${control}/explode`, { method: 'POST' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { valid_commands: string[] }).valid_commands).toContain('POST /__mock/settle');
  });

  it('jspurefix logs on to KalshiNR with a signed Logon and places an order it sees acknowledged; the order rests in the REST book', async () => {
    const run = await jspurefixOrder({
      port: Number(served.info['fix_url']!.split(':').pop()),
      apiKeyId: served.info['api_key_id']!,
      privateKeyFile: served.info['private_key_file']!,
      session: 'KalshiNR',
      order: { ClOrdID: 'jsp-1', Symbol: 'KXSTAND-26DEC31-A', Side: '1', OrderQty: 2, OrdType: '2', Price: 37, TimeInForce: '1', TransactTime: new Date() },
    });
    expect(run.loggedOn).toBe(true);
    expect(run.messages).toEqual([{ msgType: '8', body: expect.objectContaining({ ClOrdID: 'jsp-1', ExecType: '0', OrdStatus: '0', Symbol: 'KXSTAND-26DEC31-A', LeavesQty: 2, Price: 37 }) }]);
    const book = (await (await fetch(`${served.info['rest_url']}/markets/KXSTAND-26DEC31-A/orderbook`)).json()) as { orderbook_fp: { yes_dollars: string[][] } };
    expect(book.orderbook_fp.yes_dollars).toEqual([['0.3700', '2.00']]);
  });

  it('kalshi-mock snapshot --base-url captures the mock\'s markets, tick structures and fee types into a valid fixtures file', async () => {
    const out = join(dir, 'snapshot.json');
    const child = spawn(process.execPath, [BIN, 'snapshot', '--base-url', served.info['rest_url']!, '--out', out, '--limit', '10'], { stdio: 'ignore' });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    const snap = readFixturesFile(out);
    expect(snap.markets?.map((m) => [m.ticker, m.event_ticker, m.price_level_structure, m.price_ranges?.length]).sort()).toEqual([
      ['KXSTAND-26DEC31-A', 'KXSTAND-26DEC31', 'linear_cent', 1],
      ['KXSTAND-26DEC31-B', 'KXSTAND-26DEC31', 'tapered_deci_cent', 3],
    ]);
    expect(snap.events).toEqual([expect.objectContaining({ event_ticker: 'KXSTAND-26DEC31', series_ticker: 'KXSTAND', title: 'Standalone event' })]);
    expect(snap.series?.map((s) => s.ticker)).toEqual(['KXSTAND']);
  });

  it('shuts down gracefully on SIGTERM: exit 0, port closed', async () => {
    const rest = served.info['rest_url']!;
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    await expect(fetch(`${rest}/markets`)).rejects.toThrow();
  });
});
