import { child, entries, isNode, type Node, RefResolver } from '../lib/refs.ts';
import { resolveSchema } from './schema-walk.ts';

/** A message of the AsyncAPI spec, under `components.messages`. */
export interface AsyncMessage {
  /** Its key under `components.messages`, e.g. `orderbookDelta`. */
  readonly key: string;
  /** The payload's `type` value (`const` or one-value `enum`), e.g. `orderbook_delta`; null when not pinned. */
  readonly type: string | null;
  /** The payload schema as written (usually a `$ref`). */
  readonly payload: unknown;
  /** `examples[].payload`. */
  readonly examples: readonly unknown[];
}

/** What the drift checks read from an AsyncAPI document. */
export interface AsyncApiFacts {
  /** `params.channels` enum of the `subscribe` command: the channels a client may subscribe to; undefined when the spec has none. */
  readonly subscribeChannels: readonly string[] | undefined;
  /** Channel address → the keys of the messages the spec lists on it. */
  readonly channelMessages: ReadonlyMap<string, readonly string[]>;
  /** Every message under `components.messages`. */
  readonly messages: ReadonlyMap<string, AsyncMessage>;
  /** Keys of the messages sent on a subscribable channel (data messages). */
  readonly dataMessages: ReadonlySet<string>;
  readonly refs: RefResolver;
}

function pinned(schema: Node): string | null {
  if (typeof schema['const'] === 'string') return schema['const'];
  const values = schema['enum'];
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : null;
}

/** The key a `$ref: '#/components/messages/<key>'` names (or a channel's own message key). */
function messageKey(name: string, ref: unknown): string {
  return typeof ref === 'string' && ref.startsWith('#/components/messages/') ? ref.slice('#/components/messages/'.length) : name;
}

/**
 * Reads the channels, messages and subscribe enum of an AsyncAPI 3 document.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function readAsyncApi(doc: Node): AsyncApiFacts {
  const refs = new RefResolver(doc, 'asyncapi.yaml');
  const messages = new Map<string, AsyncMessage>();
  let subscribeChannels: string[] | undefined;
  for (const [key, raw] of entries(child(doc, 'components'), 'messages')) {
    const message = refs.resolve(raw).node;
    const payload = message['payload'];
    const body = isNode(payload) ? resolveSchema(refs, payload) : {};
    const props = child(body, 'properties');
    const examples = Array.isArray(message['examples']) ? message['examples'].filter(isNode).map((e) => e['payload']) : [];
    messages.set(key, { key, type: isNode(props['type']) ? pinned(resolveSchema(refs, props['type'])) : null, payload, examples });
    const cmd = isNode(props['cmd']) ? pinned(resolveSchema(refs, props['cmd'])) : null;
    if (cmd === 'subscribe' && isNode(props['params'])) {
      const channels = child(resolveSchema(refs, props['params']), 'properties')['channels'];
      const items = isNode(channels) ? resolveSchema(refs, channels)['items'] : undefined;
      const values = isNode(items) ? resolveSchema(refs, items)['enum'] : undefined;
      if (Array.isArray(values)) subscribeChannels = values.map(String);
    }
  }
  const channelMessages = new Map<string, string[]>();
  for (const [name, channel] of entries(doc, 'channels')) {
    const address = typeof channel['address'] === 'string' ? channel['address'] : name;
    const keys = entries(channel, 'messages').map(([k, m]) => messageKey(k, m['$ref']));
    channelMessages.set(address, [...(channelMessages.get(address) ?? []), ...keys]);
  }
  const dataMessages = new Set((subscribeChannels ?? []).flatMap((c) => channelMessages.get(c) ?? []));
  return { subscribeChannels, channelMessages, messages, dataMessages, refs };
}
