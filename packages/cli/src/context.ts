import { createInterface } from 'node:readline/promises';
import { type components, createClient, ENVIRONMENTS, type KalshiClient, type KalshiEnvironment, MemoryRateLimitStore } from '@kalshi-sdk/rest';
import { createWebSocketClient, type KalshiWebSocketClient, WS_ENVIRONMENTS } from '@kalshi-sdk/ws';
import { defaultConfigPath, loadConfig, selectProfile, type Profile } from './config.js';
import { noCredentials, resolveCredentials, type Credentials } from './credentials.js';
import { KalshiCliError, oneLine, toCliError } from './errors.js';
import { Output, type CliIO } from './output.js';

/** The options every command takes (commander's camel-cased names). */
export interface GlobalOptions {
  readonly env?: string;
  readonly profile?: string;
  readonly config?: string;
  readonly keyId?: string;
  readonly privateKeyPath?: string;
  readonly baseUrl?: string;
  readonly wsUrl?: string;
  readonly json?: boolean;
  readonly yes?: boolean;
}

type AccountLimits = components['schemas']['GetAccountApiLimitsResponse'];

/** The rate-limit budgets a command paces on: the account's (`GET /account/limits`), or Basic by default. */
export interface Pacing {
  /** The usage tier, as `GET /account/limits` names it (`basic`, `advanced`, …). */
  readonly tier: string;
  /** `account`: read from `GET /account/limits`; `default`: Basic, because it could not be read. */
  readonly from: 'account' | 'default';
  /** The account's read bucket: tokens per second and capacity (absent for the default). */
  readonly read?: AccountLimits['read'];
  /** The account's write bucket (absent for the default). */
  readonly write?: AccountLimits['write'];
}

/** The WebSocket URL of a REST base URL on the same host (`http://h/trade-api/v2` → `ws://h/trade-api/ws/v2`). */
export function wsUrlFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = url.pathname.replace(/\/trade-api\/v2\/?$/, '/trade-api/ws/v2');
  return url.toString().replace(/\/$/, '');
}

/**
 * What a command runs with: the environment (demo unless asked), the URLs, credentials (loaded on
 * first use), the output mode, and the production write confirmation.
 */
export class CliContext {
  readonly io: CliIO;
  readonly out: Output;
  readonly environment: KalshiEnvironment;
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly #options: GlobalOptions;
  readonly #profile: { readonly name: string; readonly profile: Profile } | undefined;
  #credentials: Credentials | undefined | null = null;
  #rest: KalshiClient | undefined;
  #limits: AccountLimits | undefined;
  /** The key's buckets, kept across the client rebuilt on the account's limits: what the Basic-paced client spent still counts. */
  readonly #buckets = new MemoryRateLimitStore();

  constructor(options: GlobalOptions, io: CliIO) {
    this.io = io;
    this.#options = options;
    this.out = new Output(io, options.json === true);
    const configPath = options.config ?? defaultConfigPath();
    this.#profile = selectProfile(loadConfig(configPath), options.profile ?? io.env['KALSHI_PROFILE'], configPath);
    const env = options.env ?? io.env['KALSHI_ENV'] ?? this.#profile?.profile.env ?? 'demo';
    if (env !== 'demo' && env !== 'production') throw new KalshiCliError('CLI_USAGE', `--env must be demo or production, got ${JSON.stringify(env)}`);
    this.environment = env;
    const profile = this.#profile?.profile;
    this.baseUrl = options.baseUrl ?? profile?.base_url ?? ENVIRONMENTS[env];
    this.wsUrl = options.wsUrl ?? profile?.ws_url ?? (options.baseUrl ?? profile?.base_url ? wsUrlFor(this.baseUrl) : WS_ENVIRONMENTS[env]);
  }

  /** The credentials, or undefined when none are configured. Loaded once. */
  credentials(): Credentials | undefined {
    if (this.#credentials === null) {
      this.#credentials = resolveCredentials({
        keyIdFlag: this.#options.keyId,
        privateKeyPathFlag: this.#options.privateKeyPath,
        env: this.io.env,
        profile: this.#profile,
      });
    }
    return this.#credentials;
  }

  /** The credentials of a command that cannot run without them. */
  requireCredentials(): Credentials {
    const credentials = this.credentials();
    if (credentials === undefined) throw noCredentials();
    return credentials;
  }

  /**
   * The REST client. It signs with the credentials when any are configured (the CLI's own order:
   * flags, environment, profile); `'signed'` requires them, for the portfolio and order endpoints.
   */
  rest(auth: 'public' | 'signed' = 'public'): KalshiClient {
    const credentials = auth === 'signed' ? this.requireCredentials() : this.credentials();
    this.#rest ??= createClient({
      baseUrl: this.baseUrl,
      ...(credentials === undefined ? {} : { credentials: { apiKeyId: credentials.apiKeyId, signer: credentials.signer } }),
      rateLimit: { store: this.#buckets, ...(this.#limits === undefined ? {} : { limits: { read: this.#limits.read, write: this.#limits.write } }) },
    });
    return this.#rest;
  }

  /**
   * Paces the REST client on the account's own budgets: with credentials, reads `GET
   * /account/limits` (its tier and read/write buckets, /getting_started/rate_limits) and rebuilds
   * the client's rate limiter from them. Without credentials, or when the limits cannot be read
   * (one note on stderr then), the client stays on the Basic tier's budgets, the lowest.
   * @returns the tier paced on and where it came from.
   */
  async adoptAccountLimits(): Promise<Pacing> {
    if (this.credentials() === undefined) return { tier: 'basic', from: 'default' };
    try {
      const { data } = await this.rest().GET('/account/limits');
      this.#limits = data;
      this.#rest = undefined;
      return { tier: data.usage_tier, from: 'account', read: data.read, write: data.write };
    } catch (error) {
      this.out.note(`note: could not read the account's rate limits (${oneLine(toCliError(error).message)}); pacing on the Basic tier's budgets`);
      return { tier: 'basic', from: 'default' };
    }
  }

  /** A WebSocket client (Kalshi signs every WebSocket handshake, so credentials are required). */
  ws(): KalshiWebSocketClient {
    const { apiKeyId, signer } = this.requireCredentials();
    return createWebSocketClient({ url: this.wsUrl, credentials: { apiKeyId, signer } });
  }

  /**
   * Asks before a write on production: passes with `--yes` or on demo; on a terminal asks
   * `[y/N]`; without a terminal refuses (no prompt that nobody can answer).
   * @throws KalshiCliError `CLI_CONFIRMATION_REQUIRED` when refused.
   */
  async confirmWrite(what: string): Promise<void> {
    if (this.environment !== 'production' || this.#options.yes === true) return;
    const refuse = new KalshiCliError('CLI_CONFIRMATION_REQUIRED', `refusing to ${what} on production without confirmation: pass --yes`);
    if (this.io.stdin.isTTY !== true || this.io.stderr.isTTY !== true) throw refuse;
    const rl = createInterface({ input: this.io.stdin, output: this.io.stderr });
    try {
      const answer = await rl.question(`${what} on PRODUCTION (real money)? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) throw refuse;
    } finally {
      rl.close();
    }
  }
}
