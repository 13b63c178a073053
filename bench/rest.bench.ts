/**
 * REST client overhead against a loopback `node:http` server in this process, three groups, each
 * group's cases measured in the same run:
 *
 * - `GET /markets, unsigned`: raw `fetch` (the limit), `@kalshi-sdk/rest` with its default call
 *   path (rate limiter, retry policy, error mapping), the same with `timeoutMs` set (one
 *   `AbortSignal` per request), and `kalshi-typescript` (Kalshi's official SDK, axios).
 *   Target (issue 14): `@kalshi-sdk/rest` (default options) reaches at least 95% of raw fetch.
 * - `GET /portfolio/balance, signed (RSA-2048)`: raw `fetch` with `crypto.sign` over a cached
 *   KeyObject, `@kalshi-sdk/rest` with `privateKey`, and `kalshi-typescript` with `privateKeyPem`.
 *   Target (issue 14): `@kalshi-sdk/rest` reaches at least 95% of the raw signed case; RSA-PSS
 *   signing (~0.3 ms) is most of every case.
 * - `GET /markets, fetch stubbed`: `globalThis.fetch` answers at once, so the difference between
 *   raw and `@kalshi-sdk/rest` is the client's own CPU per call (limiter, URL, retry checks,
 *   parsing), without the loopback request's noise; it says where the microseconds go.
 *
 * The rate limiter runs with budgets too large to ever wait, so its bookkeeping is measured but
 * not Kalshi's pacing (Basic allows 20 reads/s). Timed in process CPU time (client and server
 * both run here), interleaved in blocks of 8 calls in a balanced order (bench/rounds.ts
 * `measureBlocks`), each case reporting its median block: the machine is shared, and wall time
 * would charge a neighbour's burst to whichever case was running. A ratio to raw is the median of
 * the per-block ratios (bench/rounds.ts `ratioTo`).
 * Also records the one-operation bundle size (bench/rest-size.ts).
 */
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Configuration, MarketApi, PortfolioApi } from 'kalshi-typescript';
import { createClient } from '../packages/rest/src/index.ts';
import { recordRestSize } from './rest-size.ts';
import { measureBlocks, ratioTo, withRatioTarget } from './rounds.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const UNSIGNED = 'GET /markets, unsigned (requests/s)';
const SIGNED = 'GET /portfolio/balance, signed RSA-2048 (requests/s)';
const RAW = 'fetch (raw)';
const RAW_SIGNED = 'fetch + crypto.sign, cached KeyObject (raw)';
const OURS = '@kalshi-sdk/rest';
const OURS_TIMEOUT = '@kalshi-sdk/rest, timeoutMs: 30000';
const OFFICIAL = 'kalshi-typescript 3.30.0';
const STUBBED = 'GET /markets, fetch stubbed (calls/s): the client\'s own CPU per call';
const STUB_RAW = 'stubbed fetch (raw)';
const MIN_RATIO = 0.95;
const BLOCKS = 1000;
const CALLS_PER_BLOCK = 8;
const KEY_ID = '00000000-0000-4000-8000-000000000000';

/** Runs the cases of one group interleaved in {@link BLOCKS} blocks of {@link CALLS_PER_BLOCK} calls; each case's median-block result, by name. */
const measureGroup = (group: string, cases: Record<string, () => Promise<unknown>>): Promise<Map<string, BenchResult>> =>
  measureBlocks({ group, cases, blocks: BLOCKS, callsPerBlock: CALLS_PER_BLOCK, warmupCalls: 50 });

/** `result` with its ratio to `raw` as a ≥ {@link MIN_RATIO} target. */
const withTarget = (result: BenchResult, raw: BenchResult): BenchResult => withRatioTarget(result, raw, MIN_RATIO);

/** Throws unless the call succeeded, so no case can be fast by failing. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench call failed: ${what}`);
}

const suite: BenchSuite = async () => {
  const [browserBundle] = await recordRestSize();

  const markets = JSON.stringify({ markets: [], cursor: '' });
  const balance = JSON.stringify({ balance: 12345, balance_dollars: '123.4500', portfolio_value: 0, updated_ts: 1 });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.url!.startsWith('/trade-api/v2/portfolio/balance') ? balance : markets;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trade-api/v2`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pss = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  const neverWait = { limits: { read: { refill_rate: 1e9, bucket_capacity: 1e9 }, write: { refill_rate: 1e9, bucket_capacity: 1e9 } } };

  const ours = createClient({ baseUrl, rateLimit: neverWait });
  const oursTimeout = createClient({ baseUrl, rateLimit: neverWait, timeoutMs: 30_000 });
  const oursSigned = createClient({ baseUrl, rateLimit: neverWait, apiKeyId: KEY_ID, privateKey: pem });
  const official = new MarketApi(new Configuration({ basePath: baseUrl }));
  const officialSigned = new PortfolioApi(new Configuration({ basePath: baseUrl, apiKey: KEY_ID, privateKeyPem: pem }));

  try {
    const unsigned = await measureGroup(UNSIGNED, {
      [RAW]: async () => {
        const r = await fetch(`${baseUrl}/markets?limit=1`);
        check(r.ok && Array.isArray(((await r.json()) as { markets: unknown }).markets), RAW);
      },
      [OURS]: async () => {
        const { data } = await ours.GET('/markets', { params: { query: { limit: 1 } } });
        check(Array.isArray(data.markets), OURS);
      },
      [OURS_TIMEOUT]: async () => {
        const { data } = await oursTimeout.GET('/markets', { params: { query: { limit: 1 } } });
        check(Array.isArray(data.markets), OURS_TIMEOUT);
      },
      [OFFICIAL]: async () => {
        const { data } = await official.getMarkets(1);
        check(Array.isArray(data.markets), OFFICIAL);
      },
    });
    const signed = await measureGroup(SIGNED, {
      [RAW_SIGNED]: async () => {
        const ts = String(Date.now());
        const signature = sign('sha256', Buffer.from(`${ts}GET/trade-api/v2/portfolio/balance`), pss).toString('base64');
        const r = await fetch(`${baseUrl}/portfolio/balance`, {
          headers: { 'KALSHI-ACCESS-KEY': KEY_ID, 'KALSHI-ACCESS-SIGNATURE': signature, 'KALSHI-ACCESS-TIMESTAMP': ts },
        });
        check(r.ok && ((await r.json()) as { balance: number }).balance === 12345, RAW_SIGNED);
      },
      [OURS]: async () => {
        const { data } = await oursSigned.GET('/portfolio/balance');
        check(data.balance === 12345, OURS);
      },
      [OFFICIAL]: async () => {
        const { data } = await officialSigned.getBalance();
        check(data.balance === 12345, OFFICIAL);
      },
    });
    // The pipeline's own CPU per call: globalThis.fetch answers at once with a fresh Response, so
    // what is left of the difference is the client (limiter, URL, retry checks, parse), not the network.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response(markets, { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
    let stubbed: Map<string, BenchResult>;
    try {
      stubbed = await measureGroup(STUBBED, {
        [STUB_RAW]: async () => {
          const r = await fetch(`${baseUrl}/markets?limit=1`);
          check(Array.isArray(((await r.json()) as { markets: unknown }).markets), STUB_RAW);
        },
        [OURS]: async () => {
          const { data } = await ours.GET('/markets', { params: { query: { limit: 1 } } });
          check(Array.isArray(data.markets), OURS);
        },
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    const raw = unsigned.get(RAW)!;
    const rawSigned = signed.get(RAW_SIGNED)!;
    const pct = (r: BenchResult, of: BenchResult) => `${(100 * ratioTo(r, of)).toFixed(1)}% of ${of.name}`;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const size = browserBundle!.bundle;
    return [
      { ...raw, notes: 'process CPU time, client and loopback server; median of 1,000 interleaved blocks of 8 calls; ratios are medians of per-block ratios' },
      {
        ...withTarget(unsigned.get(OURS)!, raw),
        notes: `default options (limiter never waiting, retry policy); one-operation browser bundle ${kb(size.bytes)} min, ${kb(size.gzipBytes)} gzip (target ≤ 15 KB: ${size.bytes <= 15 * 1024 ? 'met' : 'MISSED'}; rest-size.md)`,
      },
      { ...unsigned.get(OURS_TIMEOUT)!, notes: `${pct(unsigned.get(OURS_TIMEOUT)!, raw)}: one AbortSignal and timer per request` },
      { ...unsigned.get(OFFICIAL)!, notes: pct(unsigned.get(OFFICIAL)!, raw) },
      rawSigned,
      { ...withTarget(signed.get(OURS)!, rawSigned), notes: 'privateKey PEM, signed afresh per attempt (limiter never waiting, retry policy)' },
      { ...signed.get(OFFICIAL)!, notes: `${pct(signed.get(OFFICIAL)!, rawSigned)}; parses the PEM on every request` },
      stubbed.get(STUB_RAW)!,
      {
        ...stubbed.get(OURS)!,
        notes: `the client's CPU per call over a stubbed fetch: ${((stubbed.get(OURS)!.meanNs - stubbed.get(STUB_RAW)!.meanNs) / 1000).toFixed(1)} µs, ${((100 * (stubbed.get(OURS)!.meanNs - stubbed.get(STUB_RAW)!.meanNs)) / raw.meanNs).toFixed(1)}% of one loopback GET by raw fetch`,
      },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
};

export default suite;
