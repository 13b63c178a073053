import type { IncomingMessage } from 'node:http';
import { createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { requestSigningMessage, verifySignature } from '@kalshi-sdk/auth';
import { MockExchangeError } from './errors.js';

/** Scopes an API key may carry (the spec's `ApiKeyScope` values). */
export type ApiKeyScope = 'read' | 'write' | 'read::block_trade_accept' | 'read::portfolio_balance' | 'write::trade' | 'write::transfer' | 'write::fcm_risk' | 'write::block_trade_accept';

/** A registered API key: who it belongs to and the public half that checks its signatures. */
export interface ApiKey {
  readonly apiKeyId: string;
  readonly userId: string;
  readonly publicKey: KeyObject;
  /** Name given at creation (GetApiKeys); keys registered through `users` are named after their id. */
  readonly name?: string;
  /** Granted scopes; default full access (`read`, `write`). */
  readonly scopes?: readonly ApiKeyScope[];
  /** The one subaccount the key is restricted to, if any. */
  readonly subaccount?: number;
  /** The FCM subtrader the key is bound to (then `userId` is the subtrader's). */
  readonly fcmSubtraderId?: string;
}

/** The public key of PEM text, RSA or Ed25519 only. Throws `INVALID_PARAMETER` naming `field`; the PEM never appears in the error. */
export function parsePublicKey(pem: string, field: string): KeyObject {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new MockExchangeError('INVALID_PARAMETER', `${field} is not a PEM public key`, { field });
  }
  if (publicKey.asymmetricKeyType !== 'rsa' && publicKey.asymmetricKeyType !== 'ed25519') {
    throw new MockExchangeError('INVALID_PARAMETER', `${field} is neither RSA nor Ed25519, Kalshi's key types`, { field });
  }
  return publicKey;
}

/** What {@link ApiKeyRegistry.create} and {@link ApiKeyRegistry.generate} take besides the key. */
export interface ApiKeyRequest {
  readonly userId: string;
  readonly name: string;
  readonly scopes?: readonly ApiKeyScope[];
  readonly subaccount?: number;
  /** Binds the key to this FCM subtrader, whose user id is then `userId`. */
  readonly fcmSubtraderId?: string;
}

/**
 * The API keys of every user, shared with the REST, WebSocket and FIX authenticators: a key
 * created or generated here signs its next request, and a deleted one is refused at once
 * (/api-reference/api-keys/create-api-key, /api-reference/api-keys/generate-api-key,
 * /api-reference/api-keys/delete-api-key).
 */
export class ApiKeyRegistry {
  constructor(private readonly keys: Map<string, ApiKey>) {}

  /** The user's keys, in the order they were registered. */
  list(userId: string): ApiKey[] {
    return [...this.keys.values()].filter((k) => k.userId === userId);
  }

  /** Registers a key for a user-supplied public key PEM. @returns the new key id. Throws `INVALID_PARAMETER` for a bad PEM. */
  create(request: ApiKeyRequest, publicKeyPem: string): string {
    return this.add(request, parsePublicKey(publicKeyPem, 'public_key'));
  }

  /**
   * Makes a key pair, registers its public half, and returns the private half as PEM (PKCS#1 for
   * RSA, PKCS#8 for Ed25519), which the registry does not keep.
   */
  generate(request: ApiKeyRequest, keyType: 'rsa' | 'ed25519'): { readonly apiKeyId: string; readonly privateKeyPem: string } {
    const pair =
      keyType === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
    const privateKeyPem = pair.privateKey.export({ type: keyType === 'rsa' ? 'pkcs1' : 'pkcs8', format: 'pem' }).toString();
    return { apiKeyId: this.add(request, pair.publicKey), privateKeyPem };
  }

  /** Deletes one of the user's keys; it is refused from the next request on. Throws `API_KEY_NOT_FOUND` (404) for a key the user does not own. */
  delete(userId: string, apiKeyId: string): void {
    const key = this.keys.get(apiKeyId);
    if (key === undefined || key.userId !== userId) {
      throw new MockExchangeError('API_KEY_NOT_FOUND', `no API key ${apiKeyId}`, { field: 'api_key', value: apiKeyId });
    }
    this.keys.delete(apiKeyId);
  }

  private add(request: ApiKeyRequest, publicKey: KeyObject): string {
    const apiKeyId = randomUUID();
    this.keys.set(apiKeyId, {
      apiKeyId,
      userId: request.userId,
      publicKey,
      name: request.name,
      ...(request.scopes === undefined ? {} : { scopes: request.scopes }),
      ...(request.subaccount === undefined ? {} : { subaccount: request.subaccount }),
      ...(request.fcmSubtraderId === undefined ? {} : { fcmSubtraderId: request.fcmSubtraderId }),
    });
    return apiKeyId;
  }
}

/** The outcome of checking a request's `KALSHI-ACCESS-*` headers. */
export type AuthResult = { readonly ok: true; readonly key: ApiKey } | { readonly ok: false; readonly details: string };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies a REST request or WebSocket handshake the way Kalshi does: the key must be known, the
 * timestamp within `toleranceMs` of `nowMs`, and the signature an RSA-PSS-SHA256 (salt 32) or
 * Ed25519 signature, per the key's type, of `timestamp + METHOD + path` with the query string stripped.
 * Doc page: /getting_started/api_keys. Failure details never include the signature.
 */
export function authenticate(req: IncomingMessage, keys: ReadonlyMap<string, ApiKey>, nowMs: number, toleranceMs: number): AuthResult {
  const apiKeyId = header(req, 'kalshi-access-key');
  const signature = header(req, 'kalshi-access-signature');
  const timestamp = header(req, 'kalshi-access-timestamp');
  if (apiKeyId === undefined || signature === undefined || timestamp === undefined) {
    return { ok: false, details: 'KALSHI-ACCESS-KEY, KALSHI-ACCESS-SIGNATURE and KALSHI-ACCESS-TIMESTAMP are required' };
  }
  const key = keys.get(apiKeyId);
  if (key === undefined) return { ok: false, details: 'unknown API key' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, details: 'KALSHI-ACCESS-TIMESTAMP must be Unix milliseconds' };
  const timestampMs = Number(timestamp);
  if (Math.abs(nowMs - timestampMs) > toleranceMs) {
    return { ok: false, details: `KALSHI-ACCESS-TIMESTAMP is more than ${toleranceMs / 1000} s from server time` };
  }
  const message = requestSigningMessage({ method: req.method ?? 'GET', path: req.url ?? '/', timestampMs });
  if (!verifySignature({ publicKey: key.publicKey, message, signature })) return { ok: false, details: 'invalid signature' };
  return { ok: true, key };
}
