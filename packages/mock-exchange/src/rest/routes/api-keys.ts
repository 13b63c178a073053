import { MockExchangeError } from '../../errors.js';
import type { ApiKeyRequest, ApiKeyScope } from '../../auth.js';
import { bodyObject, optionalInteger, optionalString, requiredString, type JsonObject } from '../parse.js';
import { reply, route, type RequestContext, type Route } from '../route.js';
import { TIER_ORDER } from '../tiers.js';

const SCOPES: readonly ApiKeyScope[] = ['read', 'write', 'read::block_trade_accept', 'read::portfolio_balance', 'write::trade', 'write::transfer', 'write::fcm_risk', 'write::block_trade_accept'];
const FULL_ACCESS: readonly ApiKeyScope[] = ['read', 'write'];

function scopesOf(obj: JsonObject): readonly ApiKeyScope[] | undefined {
  const value = obj['scopes'];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string' || !(SCOPES as readonly string[]).includes(s))) {
    throw new MockExchangeError('INVALID_PARAMETER', `scopes must be a list of ${SCOPES.join(', ')}`, { field: 'scopes', value });
  }
  const scopes = value as ApiKeyScope[];
  // Spec: the broad write scope needs the broad read scope alongside it.
  if (scopes.includes('write') && !scopes.includes('read')) {
    throw new MockExchangeError('INVALID_PARAMETER', 'scopes with write must include read', { field: 'scopes', value });
  }
  return scopes;
}

function keyRequest(ctx: RequestContext, obj: JsonObject): ApiKeyRequest {
  const scopes = scopesOf(obj);
  const subaccount = optionalInteger(obj, 'subaccount', 0);
  const fcmSubtraderId = optionalString(obj, 'fcm_subtrader_id');
  const userId = fcmSubtraderId === undefined ? ctx.userId : ctx.engine.fcm.subtrader(ctx.userId, fcmSubtraderId).subtraderId;
  if (subaccount !== undefined) ctx.engine.subaccounts.wallet(userId, subaccount);
  return {
    userId,
    ...(fcmSubtraderId === undefined ? {} : { fcmSubtraderId }),
    name: requiredString(obj, 'name', 'MISSING_PARAMETER'),
    ...(scopes === undefined ? {} : { scopes }),
    ...(subaccount === undefined ? {} : { subaccount }),
  };
}

// The spec lists 404 only for DeleteApiKey: elsewhere an unknown subtrader is a 400.
const WRITE = { auth: true, write: true, notFound: 400 } as const;

/** The spec's `warning` for a key bound to a subtrader that has no event-contract daily cap yet. */
function capWarning(ctx: RequestContext, request: ApiKeyRequest): { warning?: string } {
  if (request.fcmSubtraderId === undefined || ctx.engine.fcm.subtrader(ctx.userId, request.fcmSubtraderId).dailyCap !== undefined) return {};
  return { warning: `subtrader ${request.fcmSubtraderId} has no event-contract daily cap: its orders through this key are refused until one is set` };
}

/** API keys of the caller (/api-reference/api-keys/*): list, create from a public key, generate a pair, delete. */
export const apiKeyRoutes: Route[] = [
  route(
    'GetApiKeys',
    'GET',
    '/api_keys',
    (ctx) => {
      const subtraderId = ctx.query.get('fcm_subtrader_id');
      const owner = subtraderId === null || subtraderId === '' ? ctx.userId : ctx.engine.fcm.subtrader(ctx.userId, subtraderId).subtraderId;
      return reply('GetApiKeys', 200, {
        api_keys: ctx.apiKeys.list(owner).map((k) => ({
          api_key_id: k.apiKeyId,
          name: k.name ?? k.apiKeyId,
          scopes: [...(k.scopes ?? FULL_ACCESS)],
          ...(k.subaccount === undefined ? {} : { subaccount: k.subaccount }),
          ...(k.fcmSubtraderId === undefined ? {} : { fcm_subtrader_id: k.fcmSubtraderId }),
        })),
      });
    },
    { auth: true, notFound: 400 },
  ),

  route(
    'CreateApiKey',
    'POST',
    '/api_keys',
    (ctx) => {
      // /api-reference/api-keys/create-api-key: own public keys are for Premier (or market maker) usage levels.
      if (TIER_ORDER.indexOf(ctx.usage.effective(ctx.userId)) < TIER_ORDER.indexOf('premier')) {
        throw new MockExchangeError('FORBIDDEN', 'creating an API key from your own public key needs the Premier usage level', { field: 'public_key' });
      }
      const body = bodyObject(ctx.body);
      const publicKeyPem = requiredString(body, 'public_key', 'MISSING_PARAMETER');
      const request = keyRequest(ctx, body);
      return reply('CreateApiKey', 201, { api_key_id: ctx.apiKeys.create(request, publicKeyPem), ...capWarning(ctx, request) });
    },
    WRITE,
  ),

  route(
    'GenerateApiKey',
    'POST',
    '/api_keys/generate',
    (ctx) => {
      const body = bodyObject(ctx.body);
      const keyType = optionalString(body, 'key_type') ?? 'rsa';
      if (keyType !== 'rsa' && keyType !== 'ed25519') {
        throw new MockExchangeError('INVALID_PARAMETER', 'key_type must be rsa or ed25519', { field: 'key_type', value: keyType });
      }
      const request = keyRequest(ctx, body);
      const { apiKeyId, privateKeyPem } = ctx.apiKeys.generate(request, keyType);
      return reply('GenerateApiKey', 201, { api_key_id: apiKeyId, key_type: keyType, private_key: privateKeyPem, ...capWarning(ctx, request) });
    },
    WRITE,
  ),

  route(
    'DeleteApiKey',
    'DELETE',
    '/api_keys/{api_key}',
    (ctx) => {
      ctx.apiKeys.delete(ctx.userId, ctx.params['api_key']!);
      return { status: 204 };
    },
    { ...WRITE, notFound: 404 },
  ),
];
