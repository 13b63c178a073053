/**
 * Renders channels.ts: the channel table as runtime data (`dataChannels`, `channelInfo`,
 * `commands`, `responses`) plus type maps over the generated models (`ChannelMessageMap`,
 * `DataMessageTypeMap`, `CommandMap`, `ResponseMap`).
 */
import type { ChannelTable, MessageRow } from './channel-table.ts';

/** A TypeScript string literal (also a valid quoted property name). */
const lit = (text: string) => JSON.stringify(text);

/** Distinct values, first occurrence order. */
const distinct = (values: readonly string[]) => [...new Set(values)];

/** Groups rows by a key, keeping first-seen order of keys and of payload names per key. */
function unionsBy(rows: readonly MessageRow[], key: (row: MessageRow) => string | null, payload: (row: MessageRow) => string) {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    groups.set(k, distinct([...(groups.get(k) ?? []), payload(row)]));
  }
  return groups;
}

/** `  "key": A | B;` lines of an interface body. */
function mapBody(groups: ReadonlyMap<string, readonly string[]>): string {
  return [...groups].map(([key, names]) => `  ${lit(key)}: ${names.join(' | ')};\n`).join('');
}

/**
 * @param table - what describeChannels read from the spec.
 * @param modelName - the models.ts type name for a payload schema id; throws if there is none.
 */
export function renderChannels(input: {
  readonly header: string;
  readonly specVersion: string;
  readonly table: ChannelTable;
  readonly modelName: (payloadId: string) => string;
}): string {
  const { header, specVersion, table, modelName } = input;
  const payload = (row: MessageRow) => modelName(row.payloadId);
  const dataRows = table.dataChannels.flatMap((channel) => channel.messages);
  const imported = distinct([...dataRows, ...table.commands, ...table.responses].map(payload)).sort();

  const messageInfo = (row: MessageRow, discriminator: 'type' | 'cmd') =>
    `{ key: ${lit(row.key)}, name: ${lit(row.name)}, ${discriminator}: ${row[discriminator] === null ? 'null' : lit(row[discriminator])}, payload: ${lit(payload(row))} }`;

  const channelEntries = table.dataChannels
    .map((channel) => {
      const messages = channel.messages.map((row) => `      ${messageInfo(row, 'type')},\n`).join('');
      const title = channel.title === null ? 'null' : lit(channel.title);
      return `  ${lit(channel.address)}: {\n    address: ${lit(channel.address)},\n    title: ${title},\n    messages: [\n${messages}    ],\n  },\n`;
    })
    .join('');

  const channelMap = new Map(table.dataChannels.map((c) => [c.address, distinct(c.messages.map(payload))]));
  const typeMap = unionsBy(dataRows, (row) => row.type, payload);
  const commandMap = unionsBy(table.commands, (row) => row.cmd, payload);
  const responseMap = unionsBy(table.responses, (row) => row.type, payload);
  const never = (groups: ReadonlyMap<string, unknown>) => (groups.size === 0 ? 'never' : null);

  return `${header}import type {\n${imported.map((name) => `  ${name},\n`).join('')}} from './models.js';

/** \`info.version\` of the spec this was generated from. Kalshi edits the file without bumping it; summary.json has the sha256. */
export const specVersion = ${lit(specVersion)};

/** A JSON message the server sends on a data channel. */
export interface MessageInfo {
  /** Key of the message under \`components.messages\` in the spec, e.g. \`orderbookDelta\`. */
  readonly key: string;
  /** The message's \`name\` in the spec, e.g. \`orderbook_delta\`. */
  readonly name: string;
  /** The payload's \`type\` field value, or null when the spec does not pin one. */
  readonly type: string | null;
  /** Name of the payload interface in models.ts. */
  readonly payload: string;
}

/** A data channel: a name \`subscribe\` takes in \`params.channels\`, and what arrives on it. */
export interface ChannelInfo {
  /** The channel name, as sent in \`subscribe\` and returned in \`subscribed.msg.channel\`. */
  readonly address: string;
  readonly title: string | null;
  readonly messages: readonly MessageInfo[];
}

/** Every data channel in the spec, in spec order. */
export const dataChannels = [\n${table.dataChannels.map((c) => `  ${lit(c.address)},\n`).join('')}] as const;

/** A data channel name, as \`subscribe\` takes it in \`params.channels\`. */
export type DataChannel = (typeof dataChannels)[number];

/** Each data channel with the messages the server sends on it. */
export const channelInfo = {\n${channelEntries}} as const satisfies Record<DataChannel, ChannelInfo>;

/** Data channel → the payloads the server sends on it. */
export interface ChannelMessageMap {\n${mapBody(channelMap)}}

/** Any payload the server sends on a data channel. */
export type DataMessage = ChannelMessageMap[DataChannel];

/** A data message's \`type\` value → its payload(s). */
export interface DataMessageTypeMap {\n${mapBody(typeMap)}}

/** A data message \`type\` value. */
export type DataMessageType = ${never(typeMap) ?? 'keyof DataMessageTypeMap'};

/** A command the client sends; \`cmd\` is the payload's \`cmd\` value. */
export interface CommandInfo {
  readonly key: string;
  readonly name: string;
  readonly cmd: string;
  readonly payload: string;
}

/** Every command message in the spec (subscribe, unsubscribe, list_subscriptions, update_subscription variants). */
export const commands = [\n${table.commands.map((row) => `  ${messageInfo(row, 'cmd')},\n`).join('')}] as const satisfies readonly CommandInfo[];

/** \`cmd\` value → the command payload(s) that carry it. */
export interface CommandMap {\n${mapBody(commandMap)}}

/** A reply the server sends to a command; \`type\` is the payload's \`type\` value. */
export interface ResponseInfo {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly payload: string;
}

/** Every command reply in the spec (subscribed, unsubscribed, ok, error, list_subscriptions). */
export const responses = [\n${table.responses.map((row) => `  ${messageInfo(row, 'type')},\n`).join('')}] as const satisfies readonly ResponseInfo[];

/** Reply \`type\` value → the reply payload(s) that carry it. */
export interface ResponseMap {\n${mapBody(responseMap)}}

/** Any reply to a command. */
export type CommandResponse = ${never(responseMap) ?? 'ResponseMap[keyof ResponseMap]'};
`;
}
