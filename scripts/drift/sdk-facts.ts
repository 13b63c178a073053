import { join } from 'node:path';
import { FixCodec } from '@kalshi-sdk/fix';
import { contracts, DEFAULT_TOKEN_COST, dollars, levels, operationIndex, RateLimiter, signedContracts } from '@kalshi-sdk/rest';
import * as ws from '@kalshi-sdk/ws';
import { repoRoot } from '../lib/repo.ts';
import type { FixFacts } from './fix-messages.ts';
import type { FixedPointFacts, RestAccessor, ScalarAccessor, WsAccessor } from './fixed-point.ts';
import type { PaginationFacts } from './pagination.ts';
import type { RateLimitFacts } from './rate-limits.ts';
import { createTypeProbe } from './type-probe.ts';
import type { WsChannelFacts } from './ws-channels.ts';

/**
 * What the probe statements can use: the packages' public entry points, path helpers for inline
 * schemas (`Prop`/`Item`/`Val` distribute over unions and drop null), `mapped<T>()` (compiles
 * only when `T` is not `never`), `rejects<K, F>()` (compiles only when `K` is not in `F`), and a
 * WebSocket client.
 */
const PRELUDE = `import { contracts, dollars, levels, signedContracts, type components, type CountField, type DollarsField, type PaginatedPath, type paths } from '@kalshi-sdk/rest';
import * as ws from '@kalshi-sdk/ws';
type Prop<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? NonNullable<T[K]> : never) : never;
type Item<T> = T extends readonly (infer I)[] ? NonNullable<I> : never;
type Val<T> = T extends { readonly [key: string]: infer V } ? NonNullable<V> : never;
declare function mapped<T>(...missing: [T] extends [never] ? [never] : []): void;
declare function rejects<K, F>(...accepted: [K] extends [F] ? [never] : []): void;
declare const client: ws.KalshiWebSocketClient;`;

/** Everything the drift checks read from the SDK: its public entry points, run and type-checked. */
export type SdkFacts = FixedPointFacts & PaginationFacts & WsChannelFacts & FixFacts & RateLimitFacts;

/**
 * Collects the facts from the built packages (`@kalshi-sdk/rest`, `ws`, `fix`): run-time values
 * and a type probe over their declarations. Build them first (turbo does, before `test`).
 * @throws Error from the first type check when the packages no longer export what the prelude imports.
 */
export function createSdkFacts(): SdkFacts {
  const probe = createTypeProbe({ prelude: PRELUDE, dir: join(repoRoot, 'scripts', 'drift'), tsconfig: join(repoRoot, 'scripts', 'tsconfig.json') });
  let paginatePaths: readonly string[] | undefined;
  const payloads = new Map<string, string>();
  for (const channel of Object.values(ws.channelInfo)) for (const m of channel.messages) payloads.set(m.key, m.payload);
  const codec = new FixCodec();
  const limiter = new RateLimiter();
  // The key types are what the type probe checks; at run time any field name goes.
  const rest = { dollars, contracts, signedContracts, levels } as unknown as Record<RestAccessor, (obj: object, field: string) => unknown>;
  const wsObject = { dollars: ws.dollars, contracts: ws.contracts, signedContracts: ws.signedContracts } as unknown as Record<ScalarAccessor, (obj: object, field: string) => unknown>;
  return {
    typecheck: (statements) => probe.check(statements),
    get paginatePaths() {
      paginatePaths ??= probe.stringLiterals('PaginatedPath');
      return paginatePaths;
    },
    wsPayloadType: (key) => payloads.get(key),
    readRest: (accessor, obj, field) => rest[accessor](obj, field),
    readWs: (accessor: WsAccessor, raw, field) => {
      const message = new ws.WsMessage(raw as never) as unknown as Record<WsAccessor, (field: string) => unknown>;
      return message[accessor](field);
    },
    readWsObject: (accessor, obj, field) => wsObject[accessor](obj, field),
    dataChannels: ws.dataChannels,
    encode: (message) => codec.encode(message as never),
    decode: (frame) => codec.decode(frame),
    table: operationIndex,
    defaultCost: DEFAULT_TOKEN_COST,
    costOf: (operationId, body) => limiter.costOf(operationId, body).tokens,
  };
}
