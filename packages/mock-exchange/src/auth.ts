import type { IncomingMessage } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { requestSigningMessage, verifySignature } from '@kalshi-sdk/auth';

/** A registered API key: who it belongs to and the public half that checks its signatures. */
export interface ApiKey {
  readonly apiKeyId: string;
  readonly userId: string;
  readonly publicKey: KeyObject;
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
