import { homedir } from 'node:os';
import { join } from 'node:path';
import { createNodeSigner, loadPrivateKey, type Signer } from '@kalshi-sdk/auth';
import type { Profile } from './config.js';
import { KalshiCliError } from './errors.js';

/**
 * Where the credentials come from, in order: `--key-id` / `--private-key-path`, then the
 * environment (`KALSHI_API_KEY_ID`; `KALSHI_PRIVATE_KEY` with the PEM text, or
 * `KALSHI_PRIVATE_KEY_PATH`), then the profile's `key_id` / `private_key_path`. Each half is
 * looked up on its own. This is the only file that reads credentials.
 */
export interface CredentialSources {
  readonly keyIdFlag?: string | undefined;
  readonly privateKeyPathFlag?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly profile?: { readonly name: string; readonly profile: Profile } | undefined;
}

/** Loaded credentials: the key id and a signer over the parsed key. The PEM text is not kept. */
export interface Credentials {
  readonly apiKeyId: string;
  readonly signer: Signer;
  /** `'rsa-pss-sha256'` or `'ed25519'`, from the key. */
  readonly algorithm: string;
  /** RSA modulus length in bits (undefined for Ed25519). */
  readonly modulusBits: number | undefined;
  /** Where the key id and the key were found, for messages: e.g. `--key-id`, `KALSHI_PRIVATE_KEY`. */
  readonly from: { readonly keyId: string; readonly privateKey: string };
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function pick(...candidates: Array<[string | undefined, string]>): [string, string] | undefined {
  for (const [value, from] of candidates) if (value !== undefined && value !== '') return [value, from];
  return undefined;
}

const HOW = 'pass --key-id and --private-key-path, set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY (or KALSHI_PRIVATE_KEY_PATH), or use a profile in ~/.config/kalshi/config.toml';

/**
 * Resolves and loads the credentials; undefined when none of the sources names a key id or a key.
 * @throws KalshiCliError `CLI_NO_CREDENTIALS` when only one half is given; `CLI_AUTH` when the key
 *   cannot be read or parsed (the message names where it came from, never its content).
 */
export function resolveCredentials(sources: CredentialSources): Credentials | undefined {
  const p = sources.profile;
  const profileFrom = (key: string): string => `${key} of profile ${p?.name ?? ''}`;
  const keyId = pick([sources.keyIdFlag, '--key-id'], [sources.env['KALSHI_API_KEY_ID'], 'KALSHI_API_KEY_ID'], [p?.profile.key_id, profileFrom('key_id')]);
  const key = pick(
    [sources.privateKeyPathFlag, '--private-key-path'],
    [sources.env['KALSHI_PRIVATE_KEY'], 'KALSHI_PRIVATE_KEY'],
    [sources.env['KALSHI_PRIVATE_KEY_PATH'], 'KALSHI_PRIVATE_KEY_PATH'],
    [p?.profile.private_key_path, profileFrom('private_key_path')],
  );
  if (sources.privateKeyPathFlag === undefined && sources.env['KALSHI_PRIVATE_KEY'] && sources.env['KALSHI_PRIVATE_KEY_PATH']) {
    throw new KalshiCliError('CLI_NO_CREDENTIALS', 'both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH are set: set one of them');
  }
  if (keyId === undefined && key === undefined) return undefined;
  if (keyId === undefined) throw new KalshiCliError('CLI_NO_CREDENTIALS', `a private key was given (${key![1]}) but no API key id: ${HOW}`);
  if (key === undefined) throw new KalshiCliError('CLI_NO_CREDENTIALS', `an API key id was given (${keyId[1]}) but no private key: ${HOW}`);
  const [value, from] = key;
  const isText = from === 'KALSHI_PRIVATE_KEY';
  if (isText && !value.includes('-----BEGIN')) throw new KalshiCliError('CLI_AUTH', 'KALSHI_PRIVATE_KEY does not hold a PEM key (use KALSHI_PRIVATE_KEY_PATH for a file path)');
  let keyObject;
  try {
    keyObject = loadPrivateKey(isText ? value : expandHome(value));
  } catch (error) {
    const what = isText ? 'KALSHI_PRIVATE_KEY' : `${JSON.stringify(value)} (${from})`;
    const code = (error as { code?: string }).code ?? 'KEY_UNREADABLE';
    throw new KalshiCliError('CLI_AUTH', `cannot load the private key from ${what}: ${code}`, { cause: error });
  }
  const signer = createNodeSigner(keyObject);
  return {
    apiKeyId: keyId[0],
    signer,
    algorithm: signer.algorithm ?? 'rsa-pss-sha256',
    modulusBits: keyObject.asymmetricKeyDetails?.modulusLength,
    from: { keyId: keyId[1], privateKey: from },
  };
}

/** The key id shortened for display: its first 8 characters and an ellipsis. */
export function maskKeyId(apiKeyId: string): string {
  return apiKeyId.length <= 8 ? '…' : `${apiKeyId.slice(0, 8)}…`;
}

/** The error for a command that needs credentials when none were found. */
export function noCredentials(): KalshiCliError {
  return new KalshiCliError('CLI_NO_CREDENTIALS', `this command needs an API key: ${HOW}`);
}
