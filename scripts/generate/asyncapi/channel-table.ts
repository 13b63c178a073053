/**
 * The channel table behind channels.ts, read from the spec:
 * - data channels: every channel whose `address` is a channel name (not the connection `/`);
 *   the address is what `subscribe` takes in `params.channels`;
 * - each channel's JSON messages, with the `type` value their payload pins by `const`;
 * - commands (payload pins `cmd`) and responses (payload pins `type`) on the connection.
 */
import { componentSchemaKey, isRecord, resolveRef, type AsyncApiDocument, type AsyncApiMessage } from './document.ts';
import { isJsonMessage, SCHEMA_ID } from './prepare-input.ts';

/** One JSON message of a channel. `payloadId` is the payload schema's id (→ model name). */
export interface MessageRow {
  /** Component key (`orderbookDelta`) for a `$ref`'d message, else the channel's key for it. */
  readonly key: string;
  /** The message's `name` (`orderbook_delta`), or `key` when it has none. */
  readonly name: string;
  /** The payload's `type` value when pinned by `const` (or a one-value `enum`). */
  readonly type: string | null;
  /** The payload's `cmd` value when pinned. */
  readonly cmd: string | null;
  readonly payloadId: string;
}

/** A data channel and the messages the server sends on it, in spec order. */
export interface DataChannelRow {
  readonly key: string;
  readonly address: string;
  readonly title: string | null;
  readonly messages: readonly MessageRow[];
}

/** Data channels, plus the commands and responses exchanged on the connection itself. */
export interface ChannelTable {
  readonly dataChannels: readonly DataChannelRow[];
  /** Client → server messages on non-data channels: their payload pins `cmd`. */
  readonly commands: readonly MessageRow[];
  /** Server → client replies on non-data channels: their payload pins `type` (and no `cmd`). */
  readonly responses: readonly MessageRow[];
  /** Distinct messages over all data channels (a message on two channels counts once). */
  readonly dataMessageCount: number;
}

/** The string a payload pins for `property` (`const`, or a one-value `enum`), if any. */
function pinnedValue(doc: AsyncApiDocument, payload: unknown, property: string): string | null {
  const schema = resolveRef(doc, payload);
  const properties = isRecord(schema) ? schema.properties : undefined;
  const field = resolveRef(doc, isRecord(properties) ? properties[property] : undefined);
  if (!isRecord(field)) return null;
  if (typeof field.const === 'string') return field.const;
  const values = field.enum;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : null;
}

/** Id of the payload schema: the component key for `$ref: #/components/schemas/X`, else `x-parser-schema-id`. */
function payloadId(doc: AsyncApiDocument, message: AsyncApiMessage, where: string): string {
  const raw = message.payload;
  const key = isRecord(raw) ? componentSchemaKey(raw.$ref) : undefined;
  if (key !== undefined) return key;
  const schema = resolveRef(doc, raw);
  const id = isRecord(schema) ? schema[SCHEMA_ID] : undefined;
  if (typeof id !== 'string') throw new Error(`asyncapi: ${where} has no payload schema to type`);
  return id;
}

/** Last segment of a JSON Pointer, unescaped. */
function lastSegment(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The JSON messages of one channel, in spec order. */
function channelMessages(doc: AsyncApiDocument, channelKey: string): MessageRow[] {
  const rows: MessageRow[] = [];
  for (const [entryKey, entry] of Object.entries(doc.channels?.[channelKey]?.messages ?? {})) {
    const message = resolveRef(doc, entry);
    if (!isRecord(message) || !isJsonMessage(doc, message)) continue;
    const key = typeof entry.$ref === 'string' ? lastSegment(entry.$ref) : entryKey;
    const typed = message as AsyncApiMessage;
    rows.push({
      key,
      name: typed.name ?? key,
      type: pinnedValue(doc, typed.payload, 'type'),
      cmd: pinnedValue(doc, typed.payload, 'cmd'),
      payloadId: payloadId(doc, typed, `message ${key} on channel ${channelKey}`),
    });
  }
  return rows;
}

/** Reads the channel table from a document whose inline schemas are already named. */
export function describeChannels(doc: AsyncApiDocument): ChannelTable {
  const dataChannels: DataChannelRow[] = [];
  const commands = new Map<string, MessageRow>();
  const responses = new Map<string, MessageRow>();
  for (const [key, channel] of Object.entries(doc.channels ?? {})) {
    const messages = channelMessages(doc, key);
    const address = channel.address;
    if (typeof address === 'string' && address !== '/') {
      dataChannels.push({ key, address, title: channel.title ?? null, messages });
      continue;
    }
    for (const row of messages) {
      if (row.cmd !== null) commands.set(row.key, row);
      else if (row.type !== null) responses.set(row.key, row);
    }
  }
  const dataMessageCount = new Set(dataChannels.flatMap((channel) => channel.messages.map((m) => m.key))).size;
  return { dataChannels, commands: [...commands.values()], responses: [...responses.values()], dataMessageCount };
}
