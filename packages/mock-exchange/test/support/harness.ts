import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createNodeSigner, signRequest, type Signer } from '@kalshi-sdk/auth';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { startMockExchange, type Clock, type MockExchangeOptions, type RunningMockExchange } from '../../src/index.js';
import { Conformance } from './conformance.js';

/** A test user: API key id and the private key that signs for it. */
export interface TestUser {
  readonly apiKeyId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly signer: Signer;
}

let keyPool: Array<{ privateKey: KeyObject; publicKeyPem: string }> | undefined;

/** RSA-2048 keys, generated once per test file. */
function keys(n: number): Array<{ privateKey: KeyObject; publicKeyPem: string }> {
  keyPool ??= [];
  while (keyPool.length < n) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyPool.push({ privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  }
  return keyPool.slice(0, n);
}

/** A controllable clock for the simulator, starting at a fixed instant. */
export class ManualClock {
  constructor(public ms = 1_767_225_600_000) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A REST answer. */
export interface RestAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response fields
  readonly body: any;
}

/** A signed REST client for one user. */
export class RestClient {
  constructor(
    private readonly harness: Harness,
    readonly user: TestUser,
  ) {}

  async request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RestAnswer> {
    const url = `${this.harness.mock.restUrl}${path}`;
    const auth = await signRequest({
      signer: this.user.signer,
      apiKeyId: this.user.apiKeyId,
      method,
      path: new URL(url).pathname + new URL(url).search,
      timestampMs: this.harness.now(),
    });
    const response = await fetch(url, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  get(path: string): Promise<RestAnswer> {
    return this.request('GET', path);
  }
  post(path: string, body: unknown): Promise<RestAnswer> {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown): Promise<RestAnswer> {
    return this.request('PUT', path, body);
  }
  delete(path: string, body?: unknown): Promise<RestAnswer> {
    return this.request('DELETE', path, body);
  }

  /** Places a V2 order with good-till-canceled and taker_at_cross defaults. */
  order(order: Record<string, unknown>): Promise<RestAnswer> {
    return this.post('/portfolio/events/orders', {
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
      ...order,
    });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are checked by the conformance hook
export type Frame = any;

/** A WebSocket client that records every frame and can wait for one. */
export class WsClient {
  readonly frames: Frame[] = [];
  /** Date.now() at which each of {@link frames} arrived. */
  readonly arrivals: number[] = [];
  readonly raw: string[] = [];
  private waiters: Array<{ predicate: (f: Frame) => boolean; resolve: (f: Frame) => void; from: number }> = [];
  private nextId = 1;
  closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      let frame: Frame;
      try {
        frame = JSON.parse(text);
      } catch {
        return;
      }
      this.frames.push(frame);
      this.arrivals.push(Date.now());
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  /** Resolves with the first frame from index `from` on that satisfies `predicate`. */
  waitFor(predicate: (f: Frame) => boolean, from = 0): Promise<Frame> {
    const existing = this.frames.slice(from).find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve, from }));
  }

  /** Resolves once `n` frames satisfy `predicate`. */
  async waitForCount(predicate: (f: Frame) => boolean, n: number): Promise<Frame[]> {
    for (;;) {
      const found = this.frames.filter(predicate);
      if (found.length >= n) return found.slice(0, n);
      await new Promise<void>((resolve) => this.waiters.push({ predicate, resolve: () => resolve(), from: this.frames.length }));
    }
  }

  /** Sends a command with a fresh id; resolves with the first reply carrying that id. */
  command(cmd: string, params?: Record<string, unknown>): Promise<Frame> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, cmd, ...(params === undefined ? {} : { params }) }));
    return this.waitFor((f) => f.id === id);
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}

/** A started simulator with signed clients and conformance checking of everything it emits. */
export class Harness {
  readonly conformance = new Conformance();
  mock!: RunningMockExchange;
  users: TestUser[] = [];
  private readonly sockets: WsClient[] = [];

  constructor(readonly clock: Clock | undefined) {}

  now(): number {
    return this.clock?.now() ?? Date.now();
  }

  rest(user: TestUser | number = 0): RestClient {
    return new RestClient(this, typeof user === 'number' ? this.users[user]! : user);
  }

  /** Registers one more user (reusing the first key pair under a new API key id) and returns it. */
  addUser(apiKeyId: string): TestUser {
    const user = { ...this.users[0]!, apiKeyId };
    this.mock.exchange.addUser({ apiKeyId, publicKeyPem: user.publicKeyPem, balanceDollars: '10000' });
    return user;
  }

  /** Opens a signed WebSocket for a user. */
  async ws(user: TestUser | number = 0): Promise<WsClient> {
    const u = typeof user === 'number' ? this.users[user]! : user;
    const headers = await signRequest({ signer: u.signer, apiKeyId: u.apiKeyId, method: 'GET', path: this.mock.wsUrl, timestampMs: this.now() });
    const ws = new WebSocket(this.mock.wsUrl, { headers: { ...headers } });
    const client = new WsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.sockets.push(client);
    return client;
  }

  /** Fails the current test if anything emitted so far broke the specs. */
  assertConformance(): void {
    expect(this.conformance.take()).toEqual([]);
  }

  /** Stops the simulator; fails if nothing it sent was ever validated (a vacuous conformance check). */
  async close(): Promise<void> {
    for (const s of this.sockets) s.ws.terminate();
    await this.mock.close();
    expect(this.conformance.counts.rest).toBeGreaterThan(0);
  }
}

/** Options of {@link startHarness}: simulator options plus how many users (each with $10,000). */
export type HarnessOptions = Omit<MockExchangeOptions, 'users' | 'onEmit' | 'clock'> & {
  readonly userCount?: number;
  readonly balanceDollars?: string;
  readonly clock?: Clock;
};

/** Starts a simulator whose every emitted message is validated against the specs. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const harness = new Harness(options.clock);
  const { userCount = 2, balanceDollars = '10000', ...rest } = options;
  harness.users = keys(userCount).map((k, i) => ({
    apiKeyId: `key-${i + 1}`,
    privateKey: k.privateKey,
    publicKeyPem: k.publicKeyPem,
    signer: createNodeSigner(k.privateKey),
  }));
  harness.mock = await startMockExchange({
    pingIntervalMs: 0,
    ...rest,
    users: harness.users.map((u) => ({ apiKeyId: u.apiKeyId, publicKeyPem: u.publicKeyPem, balanceDollars })),
    onEmit: harness.conformance.check,
  });
  return harness;
}

/**
 * One harness for the tests of a file (2 users, no markets), started before them, closed after them and
 * checked for spec conformance after each; `market()` adds a fresh market `<prefix>-M<n>`.
 */
export function useFileHarness(prefix: string): { readonly h: Harness; market(): string } {
  let harness: Harness | undefined;
  let n = 0;
  beforeAll(async () => {
    harness = await startHarness({ userCount: 2, markets: [] });
  });
  afterEach(() => harness?.assertConformance());
  afterAll(() => harness?.close());
  const file = {
    get h(): Harness {
      if (!harness) throw new Error('the file harness is used before beforeAll started it');
      return harness;
    },
    market(): string {
      const ticker = `${prefix}-M${++n}`;
      file.h.mock.exchange.addMarket({ ticker });
      return ticker;
    },
  };
  return file;
}
