/**
 * One credentials shape for the REST, WebSocket and FIX clients, and the `KALSHI_*` environment
 * variables that stand in for it. No `node:` imports: the resolvers that turn credentials into a
 * {@link Signer} are in `resolve-signer-node.ts` and `resolve-signer-web.ts`.
 */
import type { WebCryptoSigningKey } from './crypto-key-signer.js';
import { KalshiAuthError } from './errors.js';
import { hasPemArmor } from './pem.js';
import type { Signer } from './signer.js';

/**
 * A `node:crypto` `KeyObject`, by shape, so this type needs no Node typings (a real `KeyObject`
 * from `loadPrivateKey` or `crypto.createPrivateKey` fits).
 */
export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
}

/**
 * A Kalshi API key's private key, in any form the clients take:
 * - `string`: PEM text (PKCS#1 `BEGIN RSA PRIVATE KEY` or PKCS#8 `BEGIN PRIVATE KEY`), or on
 *   Node, Bun and Deno the path of a PEM file;
 * - a `node:crypto` `KeyObject` (Node, Bun, Deno);
 * - a WebCrypto `CryptoKey` imported for signing as `RSA-PSS`/`SHA-256` or `Ed25519`.
 */
export type KalshiPrivateKey = string | NodeKeyObject | WebCryptoSigningKey;

/**
 * The credentials option of `@kalshi-sdk/rest`, `@kalshi-sdk/ws` and `@kalshi-sdk/fix`: an API
 * key id with its private key, or with any {@link Signer} (an HSM, a cloud KMS,
 * `createWebCryptoSigner`). Doc page: /getting_started/api_keys.
 */
export type KalshiCredentials =
  | {
      /** The API key id (a UUID), sent as `KALSHI-ACCESS-KEY` / SenderCompID(49). */
      readonly apiKeyId: string;
      readonly privateKey: KalshiPrivateKey;
      /** Passphrase of an encrypted PEM (Node, Bun and Deno only). */
      readonly passphrase?: string;
      readonly signer?: undefined;
    }
  | {
      readonly apiKeyId: string;
      readonly signer: Signer;
      readonly privateKey?: undefined;
      readonly passphrase?: undefined;
    };

/** The environment variables {@link credentialsFromEnv} reads, and nothing else. */
export const CREDENTIAL_ENV_VARS = ['KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY_PATH'] as const;

function invalid(field: string, message: string): KalshiAuthError {
  return new KalshiAuthError('CREDENTIALS_INVALID', message, { field });
}

/** The process environment where there is one (Node, Bun, Deno with `process`), else an empty record. */
function processEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/**
 * Credentials from the environment: `KALSHI_API_KEY_ID` with `KALSHI_PRIVATE_KEY` (the PEM text;
 * literal `\n` escapes are fine) or `KALSHI_PRIVATE_KEY_PATH` (a PEM file, Node/Bun/Deno). Reads
 * only those three variables; empty ones count as unset.
 *
 * @param env Where to read; default the process environment (`env` of `globalThis.process`), or nothing in runtimes without `process`.
 * @returns undefined when none of the three is set.
 * @throws KalshiAuthError `CREDENTIALS_INVALID` naming the variable (`field`): both key variables
 *   set, a key without `KALSHI_API_KEY_ID` or the id without a key, `KALSHI_PRIVATE_KEY` without
 *   PEM armor. Values are never echoed.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>> = processEnv()): KalshiCredentials | undefined {
  const read = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const apiKeyId = read('KALSHI_API_KEY_ID');
  const pem = read('KALSHI_PRIVATE_KEY');
  const path = read('KALSHI_PRIVATE_KEY_PATH');
  if (apiKeyId === undefined && pem === undefined && path === undefined) return undefined;
  if (pem !== undefined && path !== undefined) {
    throw invalid('KALSHI_PRIVATE_KEY_PATH', 'Both KALSHI_PRIVATE_KEY and KALSHI_PRIVATE_KEY_PATH are set; set only one.');
  }
  if (apiKeyId === undefined) throw invalid('KALSHI_API_KEY_ID', 'A Kalshi private key is set in the environment but KALSHI_API_KEY_ID is not.');
  if (pem === undefined && path === undefined) {
    throw invalid('KALSHI_PRIVATE_KEY', 'KALSHI_API_KEY_ID is set but neither KALSHI_PRIVATE_KEY (PEM text) nor KALSHI_PRIVATE_KEY_PATH (a PEM file).');
  }
  if (pem !== undefined && !hasPemArmor(pem)) {
    throw invalid('KALSHI_PRIVATE_KEY', 'KALSHI_PRIVATE_KEY must hold the PEM text ("-----BEGIN ...-----"); put a file path in KALSHI_PRIVATE_KEY_PATH.');
  }
  return { apiKeyId, privateKey: (pem ?? path)! };
}

/**
 * @internal Checks the shape of `credentials` and returns them typed.
 * @param option What the caller calls the value, for `field` (default `'credentials'`).
 * @throws KalshiAuthError `CREDENTIALS_INVALID` naming the field.
 */
export function checkCredentials(credentials: unknown, option = 'credentials'): KalshiCredentials {
  if (typeof credentials !== 'object' || credentials === null) throw invalid(option, `${option} must be { apiKeyId, privateKey } or { apiKeyId, signer }.`);
  const c = credentials as { apiKeyId?: unknown; privateKey?: unknown; signer?: unknown; passphrase?: unknown };
  if (typeof c.apiKeyId !== 'string' || c.apiKeyId === '') {
    throw invalid(`${option}.apiKeyId`, `${option}.apiKeyId is required: the API key id (UUID) shown when the key was created.`);
  }
  if (c.privateKey !== undefined && c.signer !== undefined) throw invalid(`${option}.signer`, `Pass either ${option}.privateKey or ${option}.signer, not both.`);
  if (c.signer !== undefined) {
    if (typeof (c.signer as { sign?: unknown } | null)?.sign !== 'function') throw invalid(`${option}.signer`, `${option}.signer must have a sign(message) method.`);
    if (c.passphrase !== undefined) throw invalid(`${option}.passphrase`, `${option}.passphrase applies to a privateKey, not to a signer.`);
    return c as KalshiCredentials;
  }
  if (c.privateKey === undefined || c.privateKey === null || (typeof c.privateKey !== 'string' && typeof c.privateKey !== 'object')) {
    throw invalid(`${option}.privateKey`, `${option} needs privateKey (PEM text, a file path, a KeyObject or a CryptoKey) or signer.`);
  }
  if (c.passphrase !== undefined && typeof c.passphrase !== 'string') throw invalid(`${option}.passphrase`, `${option}.passphrase must be a string.`);
  return c as KalshiCredentials;
}
