import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { KalshiCliError } from './errors.js';

/** One `[profiles.NAME]` table of `config.toml`. Every key is optional. */
export interface Profile {
  /** `demo` or `production`. */
  readonly env?: 'demo' | 'production';
  /** API key id. */
  readonly key_id?: string;
  /** Path to the private key PEM; `~/` is the home directory. The key itself is never stored here. */
  readonly private_key_path?: string;
  /** REST base URL overriding `env` (a mock, a proxy). */
  readonly base_url?: string;
  /** WebSocket URL overriding `env`. */
  readonly ws_url?: string;
}

/** `config.toml`: `profile` names the default profile; `[profiles.NAME]` tables hold {@link Profile}s. */
export interface CliConfig {
  readonly profile?: string;
  readonly profiles: Readonly<Record<string, Profile>>;
}

const PROFILE_KEYS = ['env', 'key_id', 'private_key_path', 'base_url', 'ws_url'] as const;

/** `~/.config/kalshi/config.toml` (the home directory is `$HOME` on POSIX). */
export function defaultConfigPath(): string {
  return join(homedir(), '.config', 'kalshi', 'config.toml');
}

function profileOf(name: string, raw: unknown, path: string): Profile {
  const where = `${path}: [profiles.${name}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new KalshiCliError('CLI_CONFIG', `${where} must be a table`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(key)) throw new KalshiCliError('CLI_CONFIG', `${where}: unknown key ${JSON.stringify(key)} (valid: ${PROFILE_KEYS.join(', ')})`);
    if (typeof value !== 'string') throw new KalshiCliError('CLI_CONFIG', `${where}: ${key} must be a string`);
    out[key] = value;
  }
  if (out['env'] !== undefined && out['env'] !== 'demo' && out['env'] !== 'production') {
    throw new KalshiCliError('CLI_CONFIG', `${where}: env must be "demo" or "production", got ${JSON.stringify(out['env'])}`);
  }
  return out as Profile;
}

/**
 * Reads and checks `config.toml` at `path`; a missing file is an empty config.
 * @throws KalshiCliError `CLI_CONFIG` for malformed TOML, an unknown key or a wrong type, naming the file.
 */
export function loadConfig(path: string = defaultConfigPath()): CliConfig {
  if (!existsSync(path)) return { profiles: {} };
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof TomlError) throw new KalshiCliError('CLI_CONFIG', `${path}: not valid TOML at line ${error.line}, column ${error.column}`, { cause: error });
    throw error;
  }
  const { profile, profiles = {}, ...rest } = doc;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new KalshiCliError('CLI_CONFIG', `${path}: unknown key ${JSON.stringify(unknown[0])} (valid: profile, [profiles.NAME])`);
  if (profile !== undefined && typeof profile !== 'string') throw new KalshiCliError('CLI_CONFIG', `${path}: profile must be a string`);
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) throw new KalshiCliError('CLI_CONFIG', `${path}: profiles must be a table`);
  const checked = Object.fromEntries(Object.entries(profiles).map(([name, raw]) => [name, profileOf(name, raw, path)]));
  return profile === undefined ? { profiles: checked } : { profile, profiles: checked };
}

/**
 * The profile to use: `name` (from `--profile` or `KALSHI_PROFILE`), else the config's `profile`,
 * else `[profiles.default]` if present, else none.
 * @throws KalshiCliError `CLI_CONFIG` when a named profile does not exist.
 */
export function selectProfile(config: CliConfig, name: string | undefined, path: string): { name: string; profile: Profile } | undefined {
  const wanted = name ?? config.profile;
  if (wanted === undefined) return config.profiles['default'] === undefined ? undefined : { name: 'default', profile: config.profiles['default'] };
  const profile = config.profiles[wanted];
  if (profile === undefined) {
    const have = Object.keys(config.profiles);
    throw new KalshiCliError('CLI_CONFIG', `no profile ${JSON.stringify(wanted)} in ${path} (have: ${have.length > 0 ? have.join(', ') : 'none'})`);
  }
  return { name: wanted, profile };
}
