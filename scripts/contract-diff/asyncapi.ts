import type { ChangeLog } from './change-log.ts';
import { child, entries, isNode, type Node, RefResolver } from '../lib/refs.ts';
import { SchemaDiffer } from './schema.ts';
import type { Direction } from './types.ts';

/** One message a channel carries. */
export interface AsyncApiMessage {
  /** The message's key in its channel (AsyncAPI 3) or its `name`/`messageId` (AsyncAPI 2). */
  readonly key: string;
  readonly direction: Direction;
  /** The message object, ref resolved. */
  readonly node: Node;
}

/** One channel of an AsyncAPI document. */
export interface AsyncApiChannel {
  readonly key: string;
  readonly address: string;
  readonly node: Node;
  readonly messages: ReadonlyMap<string, AsyncApiMessage>;
}

/**
 * Lists channels and their messages for AsyncAPI 3.x and 2.x.
 *
 * Direction. AsyncAPI 3 `operations[].action` is written from the point of view of the
 * application the file describes; Kalshi's file describes the exchange, so `receive` means the
 * client sends (commands, pongs) and `send` means the client receives. A message named by both
 * kinds of operation is `both`; one named by none is `received` (data channels push to the
 * client). AsyncAPI 2 `publish` is the client publishing (`sent`), `subscribe` the client
 * receiving.
 */
export function asyncApiChannels(doc: Node, refs: RefResolver): Map<string, AsyncApiChannel> {
  return String(doc['asyncapi']).startsWith('2.') ? channelsV2(doc, refs) : channelsV3(doc, refs);
}

function channelsV3(doc: Node, refs: RefResolver): Map<string, AsyncApiChannel> {
  const actions = new Map<string, Set<string>>();
  for (const [, op] of entries(doc, 'operations')) {
    const list = Array.isArray(op['messages']) ? op['messages'] : [];
    for (const m of list) {
      const ref = isNode(m) ? m['$ref'] : undefined;
      if (typeof ref !== 'string') continue;
      const set = actions.get(ref) ?? new Set<string>();
      set.add(String(op['action']));
      actions.set(ref, set);
    }
  }
  const out = new Map<string, AsyncApiChannel>();
  for (const [key, raw] of entries(doc, 'channels')) {
    const channel = refs.resolve(raw).node;
    const messages = new Map<string, AsyncApiMessage>();
    for (const [msgKey, msg] of entries(channel, 'messages')) {
      const seen = actions.get(`#/channels/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/messages/${msgKey}`) ?? new Set();
      const direction: Direction = seen.has('receive') && seen.has('send') ? 'both' : seen.has('receive') ? 'sent' : 'received';
      messages.set(msgKey, { key: msgKey, direction, node: refs.resolve(msg).node });
    }
    out.set(key, { key, address: typeof channel['address'] === 'string' ? channel['address'] : key, node: channel, messages });
  }
  return out;
}

function channelsV2(doc: Node, refs: RefResolver): Map<string, AsyncApiChannel> {
  const out = new Map<string, AsyncApiChannel>();
  for (const [address, raw] of entries(doc, 'channels')) {
    const channel = refs.resolve(raw).node;
    const messages = new Map<string, AsyncApiMessage>();
    for (const [verb, direction] of [['publish', 'sent'], ['subscribe', 'received']] as const) {
      const message = child(channel, verb)['message'];
      if (!isNode(message)) continue;
      const list = Array.isArray(message['oneOf']) ? message['oneOf'] : [message];
      list.forEach((m, i) => {
        if (!isNode(m)) return;
        const r = refs.resolve(m);
        const name = r.node['messageId'] ?? r.node['name'] ?? r.ref?.slice(r.ref.lastIndexOf('/') + 1) ?? `${verb}#${i}`;
        const key = String(name);
        const prior = messages.get(key);
        messages.set(key, { key, direction: prior && prior.direction !== direction ? 'both' : direction, node: r.node });
      });
    }
    out.set(address, { key: address, address, node: channel, messages });
  }
  return out;
}

/** A message type with every channel that carries it. */
interface MessageUse {
  readonly message: AsyncApiMessage;
  readonly channels: readonly string[];
}

/** Messages by key across all channels (one message type may serve several channels). */
function messageTypes(channels: ReadonlyMap<string, AsyncApiChannel>): Map<string, MessageUse> {
  const out = new Map<string, MessageUse>();
  for (const channel of channels.values()) {
    for (const [key, message] of channel.messages) {
      const prior = out.get(key);
      const direction = prior && prior.message.direction !== message.direction ? 'both' : message.direction;
      out.set(key, { message: { ...message, direction }, channels: [...(prior?.channels ?? []), channel.key] });
    }
  }
  return out;
}

/**
 * Diffs two AsyncAPI documents into `log`: channels (by key, with their address), message types
 * (by key, across channels), each payload once through the shared schema engine in the message's
 * direction, and a message joining or leaving a channel that exists in both versions.
 * @throws ContractDiffError `REF_UNRESOLVED` for a dangling ref.
 */
export function diffAsyncApi(oldDoc: Node, newDoc: Node, log: ChangeLog, labels = { old: 'old', new: 'new' }): void {
  const oldRefs = new RefResolver(oldDoc, labels.old);
  const newRefs = new RefResolver(newDoc, labels.new);
  const schemas = new SchemaDiffer(oldRefs, newRefs, log);
  const oldChannels = asyncApiChannels(oldDoc, oldRefs);
  const newChannels = asyncApiChannels(newDoc, newRefs);

  for (const [key, channel] of newChannels) {
    const subject = `channel ${key}`;
    const before = oldChannels.get(key);
    if (!before) {
      log.add({ kind: 'channel-added', direction: 'received', subject, pointer: '' }, key);
      continue;
    }
    if (before.address !== channel.address) {
      log.add({ kind: 'channel-address-changed', direction: 'both', subject, pointer: '', before: before.address, after: channel.address }, key);
    }
    if (before.node['description'] !== channel.node['description']) log.add({ kind: 'description-changed', direction: 'both', subject, pointer: '' }, key);
  }
  for (const key of oldChannels.keys()) {
    if (!newChannels.has(key)) log.add({ kind: 'channel-removed', direction: 'received', subject: `channel ${key}`, pointer: '' }, key);
  }

  const oldTypes = messageTypes(oldChannels);
  const newTypes = messageTypes(newChannels);
  for (const [key, { message, channels }] of newTypes) {
    const old = oldTypes.get(key);
    if (!old) {
      log.add({ kind: 'message-added', direction: message.direction, subject: `${key} @ ${channels.join(', ')}`, pointer: '' }, key);
      continue;
    }
    for (const field of ['summary', 'description'] as const) {
      if (old.message.node[field] !== message.node[field]) log.add({ kind: 'description-changed', direction: message.direction, subject: key, pointer: field }, key);
    }
    schemas.diff(old.message.node['payload'], message.node['payload'], { subject: key, pointer: 'payload', direction: message.direction, root: key });
    const shared = (c: string) => oldChannels.has(c) && newChannels.has(c);
    for (const c of channels) {
      if (shared(c) && !old.channels.includes(c)) log.add({ kind: 'message-added', direction: message.direction, subject: `${key} @ ${c}`, pointer: '' }, key);
    }
    for (const c of old.channels) {
      if (shared(c) && !channels.includes(c)) log.add({ kind: 'message-removed', direction: message.direction, subject: `${key} @ ${c}`, pointer: '' }, key);
    }
  }
  for (const [key, { message, channels }] of oldTypes) {
    if (!newTypes.has(key)) log.add({ kind: 'message-removed', direction: message.direction, subject: `${key} @ ${channels.join(', ')}`, pointer: '' }, key);
  }
}
