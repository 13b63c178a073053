/**
 * The drift checks can fail: each runs against a mutated copy of the real spec (with the real
 * SDK) and must report the drift by name. Also the exception rules (excused, stale).
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../lib/refs.ts';
import { driftExceptions } from '../../drift/exceptions.ts';
import { checkFixMessages, parseFixSpec } from '../../drift/fix-messages.ts';
import { asyncApiFields, checkFixedPointFields, openApiFields, type FixedPointKind } from '../../drift/fixed-point.ts';
import { checkPagination } from '../../drift/pagination.ts';
import { checkRateLimitCosts } from '../../drift/rate-limits.ts';
import { createSdkFacts } from '../../drift/sdk-facts.ts';
import { loadDriftSpecs } from '../../drift/specs.ts';
import type { DriftProblem } from '../../drift/types.ts';
import { applyExceptions, verdictLines } from '../../drift/verdict.ts';
import { checkWsChannels } from '../../drift/ws-channels.ts';

type Json = Record<string, unknown>;

const specs = await loadDriftSpecs();
const facts = createSdkFacts();

/** The object at `path` inside `doc`; throws if absent, so a reshuffled spec fails loudly. */
function at(doc: Json, path: readonly string[]): Json {
  let node: unknown = doc;
  for (const key of path) {
    node = (node as Json | undefined)?.[key];
    if (typeof node !== 'object' || node === null) throw new Error(`spec has no ${path.join(' ')} (at ${key})`);
  }
  return node as Json;
}

/** A deep copy of a spec, changed by `edit`. */
function mutated(doc: Node, edit: (d: Json) => void): Json {
  const copy = structuredClone(doc) as Json;
  edit(copy);
  return copy;
}

/** `subject: message` of each problem whose subject is `subject`. */
function about(problems: readonly DriftProblem[], subject: string): string[] {
  return problems.filter((p) => p.subject === subject).map((p) => `${p.subject}: ${p.message}`);
}

/** Fixed-point problems of one owner's fields (a subject prefix), for a mutated OpenAPI or AsyncAPI document. */
function fixedPoint(kind: FixedPointKind, prefix: string, openapi: Json | Node, asyncapi: Json | Node = specs.asyncapi): DriftProblem[] {
  const fields = [...openApiFields(openapi), ...asyncApiFields(asyncapi)].filter((f) => f.subject.startsWith(prefix));
  expect(fields.length).toBeGreaterThan(0);
  return checkFixedPointFields(fields, kind, facts);
}

const market = ['components', 'schemas', 'Market', 'properties'];
const createdV2 = ['components', 'schemas', 'CreateOrderV2Response', 'properties'];
const tickerMsg = ['components', 'schemas', 'tickerPayload', 'properties', 'msg', 'properties'];
const rfqLeg = ['components', 'schemas', 'rfqCreatedPayload', 'properties', 'msg', 'properties', 'mve_selected_legs', 'items', 'properties'];
const priceBand = ['components', 'schemas', 'marketLifecycleV2Payload', 'properties', 'msg', 'properties', 'price_ranges', 'items', 'properties'];

describe('fixed-point fields are found by the facts of the spec', () => {
  const fields = [...openApiFields(specs.openapi), ...asyncApiFields(specs.asyncapi)];
  it.each<[string, { subject: string; want: FixedPointKind | null | 'not listed' }]>([
    ['a *_dollars name', { subject: 'openapi:Market.yes_bid_dollars', want: 'dollars' }],
    ['a *_fp name', { subject: 'openapi:Market.volume_fp', want: 'count' }],
    ['a V2 count typed FixedPointCount', { subject: 'openapi:CreateOrderV2Response.fill_count', want: 'count' }],
    ['a V2 price typed FixedPointDollars, with its own description', { subject: 'openapi:CreateOrderV2Response.average_fill_price', want: 'dollars' }],
    ['an inline V2 batch item', { subject: 'openapi:BatchCancelOrdersV2Response.orders[].reduced_by', want: 'count' }],
    ['a string described "in dollars"', { subject: 'openapi:PriceRange.start', want: 'dollars' }],
    ['a nested WebSocket string described "in dollars"', { subject: 'asyncapi:marketLifecycleV2.msg.price_ranges[].step', want: 'dollars' }],
    ['a WebSocket string described "in fixed-point dollars"', { subject: 'asyncapi:fill.msg.fee_cost', want: 'dollars' }],
    ['a plain string', { subject: 'openapi:CreateOrderV2Response.order_id', want: null }],
    ['an integer balance in cents', { subject: 'openapi:GetBalanceResponse.balance', want: 'not listed' }],
    ['an array described as holding fixed-point dollar strings', { subject: 'openapi:GetPortfolioRestingOrderTotalValueResponse.resting_order_value_breakdown', want: 'not listed' }],
  ])('%s', (_, { subject, want }) => {
    const found = fields.filter((f) => f.subject === subject).map((f) => f.kind);
    expect(found).toEqual(want === 'not listed' ? [] : [want]);
  });
});

describe('fixed-point drift is reported', () => {
  it.each<[string, { kind: FixedPointKind; prefix: string; openapi?: (d: Json) => void; asyncapi?: (d: Json) => void; subject: string; want: RegExp }]>([
    ['a new *_dollars field in a component schema', {
      kind: 'dollars', prefix: 'openapi:Market.', subject: 'openapi:Market.foo_dollars', want: /no accessor accepts it \(dollars\(…, "foo_dollars"\)/,
      openapi: (d) => { at(d, market)['foo_dollars'] = { $ref: '#/components/schemas/FixedPointDollars' }; },
    }],
    ['a new *_fp field in a component schema', {
      kind: 'count', prefix: 'openapi:Market.', subject: 'openapi:Market.foo_fp', want: /no accessor accepts it \(contracts\(…, "foo_fp"\)/,
      openapi: (d) => { at(d, market)['foo_fp'] = { $ref: '#/components/schemas/FixedPointCount' }; },
    }],
    ['a new *_dollars field in an inline response schema', {
      kind: 'dollars', prefix: 'openapi:GetMarkets.', subject: 'openapi:GetMarkets.response.200.bar_dollars', want: /no accessor accepts it/,
      openapi: (d) => {
        at(d, ['paths', '/markets', 'get', 'responses', '200', 'content', 'application/json'])['schema'] = {
          allOf: [{ $ref: '#/components/schemas/GetMarketsResponse' }],
          properties: { bar_dollars: { type: 'string' } },
        };
      },
    }],
    ['a *_dollars field that turns into a number', {
      kind: 'dollars', prefix: 'openapi:Market.', subject: 'openapi:Market.yes_bid_dollars', want: /is a number; the fixed-point accessors read decimal strings/,
      openapi: (d) => { at(d, market)['yes_bid_dollars'] = { type: 'number', example: 0.56 }; },
    }],
    ['a *_dollars example with more decimals than the accessor reads', {
      kind: 'dollars', prefix: 'openapi:Market.', subject: 'openapi:Market.yes_bid_dollars', want: /misreads the spec example "0.1234567": throws FIXED_POINT_PRECISION/,
      openapi: (d) => { at(d, market)['yes_bid_dollars'] = { type: 'string', example: '0.1234567' }; },
    }],
    ['a new dollar field named without the suffix, typed FixedPointDollars', {
      kind: 'dollars', prefix: 'openapi:Market.', subject: 'openapi:Market.strike_price', want: /no accessor accepts it \(dollars\(…, "strike_price"\)/,
      openapi: (d) => { at(d, market)['strike_price'] = { $ref: '#/components/schemas/FixedPointDollars', description: 'Strike.' }; },
    }],
    ['a new V2 count named without the suffix, typed FixedPointCount', {
      kind: 'count', prefix: 'openapi:CreateOrderV2Response.', subject: 'openapi:CreateOrderV2Response.canceled_count', want: /no accessor accepts it \(contracts\(…, "canceled_count"\)/,
      openapi: (d) => { at(d, createdV2)['canceled_count'] = { $ref: '#/components/schemas/FixedPointCount', nullable: true }; },
    }],
    ['a new string described in dollars', {
      kind: 'dollars', prefix: 'openapi:Market.', subject: 'openapi:Market.reserve', want: /no accessor accepts it \(dollars\(…, "reserve"\)/,
      openapi: (d) => { at(d, market)['reserve'] = { type: 'string', description: 'Reserve price in dollars' }; },
    }],
    ['a dollar field of the accessor that stops being fixed-point', {
      kind: 'dollars', prefix: 'openapi:CreateOrderV2Response.', subject: 'openapi:CreateOrderV2Response.average_fill_price',
      want: /: dollars\(…, "average_fill_price"\) accepts it, but the spec does not describe it as fixed-point dollars: it is a plain string$/,
      openapi: (d) => { at(d, createdV2)['average_fill_price'] = { type: 'string', description: 'Opaque reference to the fill report' }; },
    }],
    ['a count field of the accessor that stops being fixed-point', {
      kind: 'count', prefix: 'openapi:CreateOrderV2Response.', subject: 'openapi:CreateOrderV2Response.fill_count',
      want: /: contracts\(…, "fill_count"\) accepts it, but the spec does not describe it as a fixed-point count: it is a plain string$/,
      openapi: (d) => { at(d, createdV2)['fill_count'] = { type: 'string', enum: ['none', 'partial', 'full'] }; },
    }],
    ['an order book ladder the accessor cannot read', {
      kind: 'dollars', prefix: 'openapi:OrderbookCountFp.', subject: 'openapi:OrderbookCountFp.yes_dollars', want: /: levels\(…, "yes_dollars"\) misreads the spec example \[\["0.1500","1.005"\]\]: throws FIXED_POINT_PRECISION$/,
      openapi: (d) => { at(d, ['components', 'schemas', 'OrderbookCountFp', 'properties', 'yes_dollars'])['example'] = [['0.1500', '1.005']]; },
    }],
    ['a new *_dollars field in a WebSocket message', {
      kind: 'dollars', prefix: 'asyncapi:ticker.', subject: 'asyncapi:ticker.msg.foo_dollars', want: /no accessor accepts it \(WsMessage<TickerPayload>\.dollars\("foo_dollars"\)/,
      asyncapi: (d) => { at(d, tickerMsg)['foo_dollars'] = { type: 'string' }; },
    }],
    ['a WebSocket count that may now be negative', {
      kind: 'count', prefix: 'asyncapi:ticker.', subject: 'asyncapi:ticker.msg.volume_fp', want: /no accessor accepts it \(WsMessage<TickerPayload>\.signedContracts\("volume_fp"\)/,
      asyncapi: (d) => { at(d, tickerMsg)['volume_fp'] = { type: 'string', description: 'Net volume; negative when more contracts closed than opened' }; },
    }],
    ['a new *_dollars field nested in a WebSocket message', {
      kind: 'dollars', prefix: 'asyncapi:rfqCreated.', subject: 'asyncapi:rfqCreated.msg.mve_selected_legs[].no_settlement_value_dollars',
      want: /no accessor accepts it \(ws dollars\(<RfqCreatedPayload\.msg\.mve_selected_legs\[\]>, "no_settlement_value_dollars"\)/,
      asyncapi: (d) => { at(d, rfqLeg)['no_settlement_value_dollars'] = { type: 'string' }; },
    }],
    ['a nested WebSocket dollar field that stops being fixed-point', {
      kind: 'dollars', prefix: 'asyncapi:marketLifecycleV2.', subject: 'asyncapi:marketLifecycleV2.msg.price_ranges[].start',
      want: /: ws dollars\(<MarketLifecycleV2Payload\.msg\.price_ranges\[\]>, "start"\) accepts it, but the spec does not describe it as fixed-point dollars: it is a plain string$/,
      asyncapi: (d) => { at(d, priceBand)['start'] = { type: 'string', description: 'When the band starts to apply (RFC 3339)' }; },
    }],
    ['a nested WebSocket example the accessor cannot read', {
      kind: 'dollars', prefix: 'asyncapi:rfqCreated.', subject: 'asyncapi:rfqCreated.msg.mve_selected_legs[].yes_settlement_value_dollars',
      want: /misreads the spec example "0\.33\.0": throws FIXED_POINT_INVALID/,
      asyncapi: (d) => { at(d, rfqLeg)['yes_settlement_value_dollars'] = { type: 'string', example: '0.33.0' }; },
    }],
    ['a WebSocket example the accessor cannot read', {
      kind: 'dollars', prefix: 'asyncapi:ticker.', subject: 'asyncapi:ticker.msg.yes_bid_dollars', want: /misreads the spec example "\$0\.45": throws FIXED_POINT_INVALID/,
      asyncapi: (d) => { at(d, tickerMsg)['yes_bid_dollars'] = { type: 'string', example: '$0.45' }; },
    }],
  ])('%s', (_, { kind, prefix, openapi, asyncapi, subject, want }) => {
    const problems = fixedPoint(kind, prefix, openapi ? mutated(specs.openapi, openapi) : specs.openapi, asyncapi ? mutated(specs.asyncapi, asyncapi) : specs.asyncapi);
    expect(about(problems, subject)).toEqual([expect.stringMatching(want)]);
  });
});

/** A GET operation with a `cursor` query parameter whose 200 body has a `cursor`. */
function pagedGet(operationId: string, cursorInResponse = true): Json {
  return {
    operationId,
    parameters: [{ $ref: '#/components/parameters/CursorQuery' }],
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { type: 'object', properties: cursorInResponse ? { cursor: { type: 'string' } } : { items: { type: 'array' } } } } },
      },
    },
  };
}

describe('pagination drift is reported', () => {
  it.each<[string, { edit: (d: Json) => void; subject: string; want: string }]>([
    ['a new cursor-paginated GET', {
      edit: (d) => { at(d, ['paths'])['/widgets'] = { get: pagedGet('GetWidgets') }; },
      subject: 'GetWidgets', want: 'GetWidgets: GET /widgets takes and returns a cursor, but paginate does not accept /widgets',
    }],
    ['a cursor-paginated POST', {
      edit: (d) => { at(d, ['paths'])['/widgets/search'] = { post: pagedGet('SearchWidgets') }; },
      subject: 'SearchWidgets', want: 'SearchWidgets: POST /widgets/search takes and returns a cursor, but paginate only sends GET',
    }],
    ['a paginated list that stops returning a cursor', {
      edit: (d) => { delete at(d, ['components', 'schemas', 'GetMarketsResponse', 'properties'])['cursor']; },
      subject: 'GetMarkets', want: 'GetMarkets: paginate accepts /markets, but GET /markets returns no cursor',
    }],
    ['a paginated list that stops taking a cursor', {
      edit: (d) => {
        const get = at(d, ['paths', '/markets', 'get']);
        get['parameters'] = (get['parameters'] as Json[]).filter((p) => p['$ref'] !== '#/components/parameters/CursorQuery');
      },
      subject: 'GetMarkets', want: 'GetMarkets: paginate accepts /markets, but GET /markets takes no cursor query parameter',
    }],
    ['a paginated path removed from the spec', {
      edit: (d) => { delete at(d, ['paths'])['/markets']; },
      subject: 'GET /markets', want: 'GET /markets: paginate accepts /markets, but the spec has no GET /markets',
    }],
  ])('%s', (_, { edit, subject, want }) => {
    expect(about(checkPagination(mutated(specs.openapi, edit), facts), subject)).toEqual([want]);
  });
});

const subscribeEnum = ['components', 'schemas', 'subscribeCommandPayload', 'properties', 'params', 'properties', 'channels', 'items'];

describe('WebSocket channel drift is reported', () => {
  it('a new data channel', () => {
    const spec = mutated(specs.asyncapi, (d) => {
      const items = at(d, subscribeEnum);
      items['enum'] = [...(items['enum'] as string[]), 'widgets'];
      at(d, ['channels'])['widgets'] = { address: 'widgets', messages: { ticker: { $ref: '#/components/messages/ticker' } } };
    });
    expect(about(checkWsChannels(spec, facts), 'widgets')).toEqual([
      "widgets: is in the spec's subscribe channels enum but not in the ws package's dataChannels",
      expect.stringMatching(/^widgets: client\.subscribe\(\{ channel: "widgets" \}\) is not typed: /),
      expect.stringMatching(/^widgets: ChannelMessageMap\["widgets"\] is not typed: /),
      expect.stringMatching(/^widgets: the "ticker" message \(ticker\) is not typed: /),
    ]);
  });

  it('a new message on an existing channel', () => {
    const spec = mutated(specs.asyncapi, (d) => {
      at(d, ['components', 'messages'])['tickerV3'] = { name: 'ticker_v3', payload: { type: 'object', properties: { type: { type: 'string', const: 'ticker_v3' } } } };
      at(d, ['channels', 'ticker', 'messages'])['tickerV3'] = { $ref: '#/components/messages/tickerV3' };
    });
    expect(about(checkWsChannels(spec, facts), 'ticker')).toEqual([expect.stringMatching(/^ticker: the "ticker_v3" message \(tickerV3\) is not typed: /)]);
  });

  it('a channel the spec no longer lists', () => {
    const spec = mutated(specs.asyncapi, (d) => {
      const items = at(d, subscribeEnum);
      items['enum'] = (items['enum'] as string[]).filter((c) => c !== 'trade');
    });
    expect(about(checkWsChannels(spec, facts), 'trade')).toEqual([
      "trade: is a data channel of the ws package, but the spec's subscribe channels enum no longer lists it",
    ]);
  });
});

describe('FIX dictionary drift is reported', () => {
  const withMessage = (xml: string) => specs.fixXml.replace('</messages>', `${xml}</messages>`);
  it.each<[string, { xml: string; want: string }]>([
    ['a message with a MsgType the codec does not know', {
      xml: withMessage("<message msgcat='app' msgtype='UZZ' name='Widget'><field name='ClOrdID' required='Y'/></message>"),
      want: 'Widget (35=UZZ): the codec cannot encode a minimal instance: FIX_ENCODE_UNKNOWN_MSG_TYPE',
    }],
    ['a new required field in a known message', {
      xml: specs.fixXml
        .replace("<message msgcat='admin' msgtype='0' name='Heartbeat'>", "<message msgcat='admin' msgtype='0' name='Heartbeat'><field name='WidgetID' required='Y'/>")
        .replace('</fields>', "<field number='29999' name='WidgetID' type='STRING'/></fields>"),
      want: 'Heartbeat (35=0): the codec cannot encode a minimal instance: FIX_ENCODE_UNKNOWN_FIELD (WidgetID)',
    }],
    ['a message using an undefined field', {
      xml: withMessage("<message msgcat='app' msgtype='UZY' name='Gadget'><field name='NoSuchField' required='Y'/></message>"),
      want: 'Gadget (35=UZY): no instance can be built from the dictionary: field NoSuchField is not defined',
    }],
  ])('%s', (_, { xml, want }) => {
    const subject = want.slice(0, want.indexOf(':'));
    expect(about(checkFixMessages(parseFixSpec(xml), facts), subject)).toEqual([want]);
  });
});

describe('rate-limit cost table drift is reported', () => {
  const getOrder = ['paths', '/portfolio/orders/{order_id}', 'get'];
  it.each<[string, { edit: (d: Json) => void; subject: string; want: string }]>([
    ['an operation of the cost table removed from the spec', {
      edit: (d) => { delete at(d, ['paths', '/portfolio/orders/{order_id}'])['get']; },
      subject: 'GetOrder', want: 'GetOrder: is in the rate-limit cost table (GET /portfolio/orders/{order_id}) but not in the spec',
    }],
    ['an operation moved to another path', {
      edit: (d) => {
        const paths = at(d, ['paths']);
        paths['/portfolio/order/{order_id}'] = { get: at(d, getOrder) };
        delete at(d, ['paths', '/portfolio/orders/{order_id}'])['get'];
      },
      subject: 'GetOrder', want: 'GetOrder: is GET /portfolio/orders/{order_id} in the rate-limit cost table but GET /portfolio/order/{order_id} in the spec',
    }],
    ['a new operation', {
      edit: (d) => { at(d, ['paths'])['/widgets'] = { get: pagedGet('GetWidgets') }; },
      subject: 'GetWidgets', want: 'GetWidgets: is in the spec but not in the rate-limit cost table',
    }],
    ['a changed documented cost', {
      edit: (d) => {
        const mint = at(d, [...getOrder, 'x-mint']);
        mint['content'] = String(mint['content']).replace('**Rate limit:** 2 tokens', '**Rate limit:** 5 tokens');
      },
      subject: 'GetOrder', want: 'GetOrder: costs 5 tokens per the spec, but the rate limiter takes 2',
    }],
    ['a changed default cost', {
      edit: (d) => {
        const r = at(d, ['components', 'responses', 'RateLimitError']);
        r['description'] = String(r['description']).replace('default cost is 10 tokens', 'default cost is 12 tokens');
      },
      subject: 'default cost', want: 'default cost: the spec states 12 tokens, DEFAULT_TOKEN_COST is 10',
    }],
  ])('%s', (_, { edit, subject, want }) => {
    expect(about(checkRateLimitCosts(mutated(specs.openapi, edit), facts), subject)).toEqual([want]);
  });
});

describe('exceptions', () => {
  const problems: DriftProblem[] = [
    { subject: 'openapi:Market.foo_dollars', message: 'no accessor accepts it' },
    { subject: 'GetWidgets', message: 'paginate does not accept /widgets' },
  ];
  it.each<[string, { exceptions: { subject: string; reason: string }[]; want: string[] }]>([
    ['none: every problem fails', { exceptions: [], want: ['openapi:Market.foo_dollars: no accessor accepts it', 'GetWidgets: paginate does not accept /widgets'] }],
    ['an exception excuses its subject only', { exceptions: [{ subject: 'GetWidgets', reason: 'walks by offset' }], want: ['openapi:Market.foo_dollars: no accessor accepts it'] }],
    ['a stale exception fails, naming it', {
      exceptions: [{ subject: 'GetWidgets', reason: 'walks by offset' }, { subject: 'GetGadgets', reason: 'gone' }],
      want: ['openapi:Market.foo_dollars: no accessor accepts it', 'stale exception GetGadgets: no longer applies (gone)'],
    }],
  ])('%s', (_, { exceptions, want }) => {
    expect(verdictLines(applyExceptions(problems, exceptions))).toEqual(want);
  });

  it('every committed exception gives a reason', () => {
    const bare = Object.entries(driftExceptions).flatMap(([check, list]) => list.filter((e) => e.reason.trim().length < 10).map((e) => `${check}: ${e.subject}`));
    expect(bare).toEqual([]);
  });
});
