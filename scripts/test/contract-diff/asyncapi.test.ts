import { describe, expect, it } from 'vitest';
import { diffSpecs, parseSpec, type DiffReport } from '../../contract-diff/index.ts';

type Json = Record<string, unknown>;

const str: Json = { type: 'string' };
const obj = (properties: Json, required: string[] = []): Json => ({ type: 'object', properties, required });

interface Doc {
  /** channel → message key → payload schema */
  readonly channels: Record<string, Record<string, Json>>;
  /** message keys the client sends (operation action `receive` in Kalshi's server-side file) */
  readonly commands?: readonly string[];
  readonly addresses?: Record<string, string>;
}

/** An AsyncAPI 3 document written from the server's point of view, like Kalshi's. */
function asyncapi({ channels, commands = [], addresses = {} }: Doc): Json {
  const operations: Json = {};
  for (const [channel, messages] of Object.entries(channels)) {
    for (const key of Object.keys(messages)) {
      operations[`op_${channel}_${key}`] = {
        action: commands.includes(key) ? 'receive' : 'send',
        channel: { $ref: `#/channels/${channel}` },
        messages: [{ $ref: `#/channels/${channel}/messages/${key}` }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 't', version: '2.0.0' },
    channels: Object.fromEntries(
      Object.entries(channels).map(([name, messages]) => [
        name,
        { address: addresses[name] ?? name, messages: Object.fromEntries(Object.keys(messages).map((k) => [k, { $ref: `#/components/messages/${k}` }])) },
      ]),
    ),
    operations,
    components: { messages: Object.fromEntries(Object.values(channels).flatMap((m) => Object.entries(m)).map(([k, payload]) => [k, { name: k, payload }])) },
  };
}

function diff(a: Json, b: Json): DiffReport {
  return diffSpecs(parseSpec(JSON.stringify(a), 'old.yaml'), parseSpec(JSON.stringify(b), 'new.yaml'));
}

function brief(report: DiffReport): string[] {
  return report.changes.map((c) => `${c.severity} ${c.kind} ${c.direction} ${c.subject} ${c.pointer}`.trimEnd());
}

const ticker = obj({ type: str, msg: obj({ price: { type: 'integer' }, status: { type: 'string', enum: ['open'] } }, ['price']) });
const subscribe = obj({ cmd: { type: 'string', const: 'subscribe' }, params: obj({ channels: { type: 'array', items: { type: 'string', enum: ['ticker', 'trade'] } } }) });

describe('AsyncAPI 3: channels, messages and payloads', () => {
  const base: Doc = { channels: { root: { subscribeCommand: subscribe }, ticker: { ticker } }, commands: ['subscribeCommand'] };

  it.each<[string, { given: Doc; want: string[] }]>([
    ['no change', { given: base, want: [] }],
    ['channel added', { given: { ...base, channels: { ...base.channels, trade: { trade: obj({}) } } }, want: ['non-breaking channel-added received channel trade', 'non-breaking message-added received trade @ trade'] }],
    ['channel removed', { given: { ...base, channels: { root: base.channels['root'] ?? {} } }, want: ['breaking channel-removed received channel ticker', 'breaking message-removed received ticker @ ticker'] }],
    ['channel address changed', { given: { ...base, addresses: { ticker: 'ticker_v2' } }, want: ['breaking channel-address-changed both channel ticker'] }],
    [
      'server message field removed',
      { given: { ...base, channels: { ...base.channels, ticker: { ticker: obj({ type: str, msg: obj({ status: { type: 'string', enum: ['open'] } }) }) } } }, want: ['breaking property-removed received ticker payload/msg/price'] },
    ],
    [
      'server message enum value added',
      { given: { ...base, channels: { ...base.channels, ticker: { ticker: obj({ type: str, msg: obj({ price: { type: 'integer' }, status: { type: 'string', enum: ['open', 'halted'] } }, ['price']) }) } } }, want: ['breaking enum-value-added received ticker payload/msg/status'] },
    ],
    [
      'command enum value added',
      { given: { ...base, channels: { ...base.channels, root: { subscribeCommand: obj({ cmd: { type: 'string', const: 'subscribe' }, params: obj({ channels: { type: 'array', items: { type: 'string', enum: ['ticker', 'trade', 'fill'] } } }) }) } } }, want: ['non-breaking enum-value-added sent subscribeCommand payload/params/channels/[]'] },
    ],
    [
      'command enum value removed',
      { given: { ...base, channels: { ...base.channels, root: { subscribeCommand: obj({ cmd: { type: 'string', const: 'subscribe' }, params: obj({ channels: { type: 'array', items: { type: 'string', enum: ['ticker'] } } }) }) } } }, want: ['breaking enum-value-removed sent subscribeCommand payload/params/channels/[]'] },
    ],
    [
      'command gains a required field',
      { given: { ...base, channels: { ...base.channels, root: { subscribeCommand: { ...subscribe, properties: { ...(subscribe['properties'] as Json), id: { type: 'integer' } }, required: ['id'] } } } }, want: ['breaking property-added-required sent subscribeCommand payload/id'] },
    ],
    ['message added to a channel', { given: { ...base, channels: { ...base.channels, ticker: { ticker, tickerV2: obj({}) } } }, want: ['non-breaking message-added received tickerV2 @ ticker'] }],
  ])('%s', (_, { given, want }) => {
    expect(brief(diff(asyncapi(base), asyncapi(given)))).toEqual(want);
  });

  it('counts channels and message types', () => {
    const report = diff(asyncapi(base), asyncapi({ ...base, channels: { root: base.channels['root'] ?? {}, trade: { trade: obj({}) }, fill: { fill: obj({}) } } }));
    expect(report.summary.units).toEqual({ channels: { added: 2, removed: 1 }, messages: { added: 2, removed: 1 } });
  });
});

describe('AsyncAPI 2: publish is the client sending, subscribe the client receiving', () => {
  const v2 = (pub: Json, sub: Json): Json => ({
    asyncapi: '2.6.0',
    info: { title: 't', version: '1' },
    channels: { orders: { publish: { message: { name: 'placeOrder', payload: pub } }, subscribe: { message: { name: 'orderUpdate', payload: sub } } } },
  });
  const enumOf = (...values: string[]) => obj({ side: { type: 'string', enum: values } });

  it('classifies the same enum change by direction', () => {
    const report = diff(v2(enumOf('yes'), enumOf('yes')), v2(enumOf('yes', 'no'), enumOf('yes', 'no')));
    expect(brief(report)).toEqual(['breaking enum-value-added received orderUpdate payload/side', 'non-breaking enum-value-added sent placeOrder payload/side']);
  });
});
