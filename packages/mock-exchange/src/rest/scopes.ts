import type { ApiKey, ApiKeyScope } from '../auth.js';
import type { operations } from '../spec-types.js';
import type { ErrorBody } from './errors.js';
import type { Reply, Route } from './route.js';

/** An operation whose spec declares a 403 answer. */
type Declares403 = { [Op in keyof operations]: 403 extends keyof operations[Op]['responses'] ? Op : never }[keyof operations];

/** The authenticated operations whose spec declares 403 (type-checked: listing one without it fails to compile). */
const WITH_403: ReadonlySet<string> = new Set<Declares403>([
  'AmendOrderV2',
  'BatchCancelOrdersV2',
  'BatchCreateOrdersV2',
  'CreateApiKey',
  'CreateFCMSubtrader',
  'CreateOrderV2',
  'DeleteFCMEventContractDailyCap',
  'GenerateApiKey',
  'GetFCMEventContractDailyCap',
  'GetFCMFills',
  'GetFCMOrders',
  'GetFCMPositions',
  'GetFCMSubtraderBlockedCategories',
  'GetTargetBalanceAllocation',
  'IntraExchangeInstanceTransfer',
  'ListFCMSubtraders',
  'ProposeBlockTrade',
  'SetTargetBalanceAllocation',
  'UpdateFCMEventContractDailyCap',
  'UpdateFCMSubtraderBlockedCategories',
  'UpgradeAccountApiUsageLevel',
]);

/**
 * Child scopes and the operations each grants without its parent (Spec: the `ApiKeyScope`
 * description names the groups: the balance, block trade acceptance, transfers, FCM risk
 * controls and trading).
 */
const CHILD_GRANTS: ReadonlyArray<readonly [ApiKeyScope, (route: Route) => boolean]> = [
  ['read::portfolio_balance', (r) => r.operationId === 'GetBalance'],
  ['read::block_trade_accept', (r) => r.operationId === 'GetBlockTradeProposals'],
  ['write::block_trade_accept', (r) => r.operationId === 'AcceptBlockTradeProposal'],
  ['write::transfer', (r) => r.operationId === 'ApplySubaccountTransfer' || r.operationId === 'IntraExchangeInstanceTransfer'],
  [
    'write::fcm_risk',
    (r) => ['CreateFCMSubtrader', 'UpdateFCMEventContractDailyCap', 'DeleteFCMEventContractDailyCap', 'UpdateFCMSubtraderBlockedCategories'].includes(r.operationId),
  ],
  // Trading: orders, order groups, and the RFQ and quote flow.
  ['write::trade', (r) => /^\/(portfolio\/(events\/)?orders|portfolio\/order_groups|communications\/(rfqs|quotes))(\/|$)/.test(r.path)],
];

/**
 * The refusal of a request by `key` to `route` when the key's scopes do not grant it, or
 * undefined when they do. A key without scopes has full access. A read (GET) needs `read`, a write
 * (any other method) needs `write`, or the child scope of the operation's group. The refusal is 403
 * where the operation's spec declares it, else 401 (the one error status every authenticated
 * operation has).
 */
export function scopeRefusal(route: Route, key: ApiKey): Reply | undefined {
  const scopes = key.scopes;
  if (scopes === undefined) return undefined;
  const parent: ApiKeyScope = route.method === 'GET' ? 'read' : 'write';
  if (scopes.includes(parent)) return undefined;
  if (CHILD_GRANTS.some(([scope, grants]) => scopes.includes(scope) && grants(route))) return undefined;
  const details = `API key ${key.apiKeyId} has no ${parent} scope for ${route.operationId} (scopes: ${scopes.join(', ') || 'none'})`;
  const body: ErrorBody = WITH_403.has(route.operationId)
    ? { code: 'forbidden', message: 'forbidden', details }
    : { code: 'unauthorized', message: 'unauthorized', details };
  return { status: WITH_403.has(route.operationId) ? 403 : 401, body };
}
