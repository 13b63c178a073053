import type { Node } from '../lib/refs.ts';
import { readAsyncApi } from './asyncapi.ts';
import type { DriftProblem } from './types.ts';

/** What the channel check needs from the SDK. */
export interface WsChannelFacts {
  /** The ws package's `dataChannels` (run time). */
  readonly dataChannels: readonly string[];
  /**
   * Compiles one-line statements against the packages' public types (names in scope: `ws.*`,
   * `client: ws.KalshiWebSocketClient`, and `mapped<T>()`, which compiles only when `T` is not `never`).
   */
  typecheck(statements: readonly string[]): (string | undefined)[];
}

/**
 * Checks that every channel of the spec's `subscribe` enum has a typed subscription:
 * `client.subscribe({ channel })` compiles, `ChannelMessageMap[channel]` exists, and it maps
 * every message the spec lists on the channel (by its payload `type`); and that the ws package
 * offers no data channel the enum no longer lists.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function checkWsChannels(doc: Node, facts: WsChannelFacts): DriftProblem[] {
  const api = readAsyncApi(doc);
  if (api.subscribeChannels === undefined) {
    return [{ subject: 'subscribe', message: 'the spec has no subscribe command with a params.channels enum to check against' }];
  }
  const problems: DriftProblem[] = [];
  const known = new Set(facts.dataChannels);
  const checks: Array<{ channel: string; what: string; statement: string }> = [];
  for (const channel of api.subscribeChannels) {
    if (!known.has(channel)) problems.push({ subject: channel, message: 'is in the spec\'s subscribe channels enum but not in the ws package\'s dataChannels' });
    const q = JSON.stringify(channel);
    checks.push({ channel, what: `client.subscribe({ channel: ${q} })`, statement: `void client.subscribe({ channel: ${q} });` });
    checks.push({ channel, what: `ChannelMessageMap[${q}]`, statement: `mapped<ws.ChannelMessageMap[${q}]>();` });
    for (const key of api.channelMessages.get(channel) ?? []) {
      const type = api.messages.get(key)?.type;
      if (type === undefined || type === null) continue;
      const t = JSON.stringify(type);
      checks.push({ channel, what: `the ${t} message (${key})`, statement: `mapped<Extract<ws.ChannelMessageMap[${q}], { type: ${t} }>>();` });
    }
  }
  const errors = facts.typecheck(checks.map((c) => c.statement));
  checks.forEach((c, i) => {
    const error = errors[i];
    if (error !== undefined) problems.push({ subject: c.channel, message: `${c.what} is not typed: ${error.slice(0, 200)}` });
  });
  const listed = new Set(api.subscribeChannels);
  for (const channel of facts.dataChannels) {
    if (!listed.has(channel)) problems.push({ subject: channel, message: 'is a data channel of the ws package, but the spec\'s subscribe channels enum no longer lists it' });
  }
  return problems;
}
