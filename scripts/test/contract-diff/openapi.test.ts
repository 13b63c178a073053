import { describe, expect, it } from 'vitest';
import { diffSpecs, parseSpec, type DiffReport } from '../../contract-diff/index.ts';

type Json = Record<string, unknown>;

function openapi(paths: Json, schemas: Json = {}): Json {
  return { openapi: '3.0.3', info: { title: 't', version: '1.0.0' }, paths, components: { schemas } };
}

function diff(a: Json, b: Json): DiffReport {
  return diffSpecs(parseSpec(JSON.stringify(a), 'old.yaml'), parseSpec(JSON.stringify(b), 'new.yaml'));
}

/** `severity kind pointer [before→after]`, one line per change. */
function brief(report: DiffReport): string[] {
  return report.changes.map((c) => {
    const values = c.before !== undefined || c.after !== undefined ? ` ${c.before ?? ''}→${c.after ?? ''}` : '';
    return `${c.severity} ${c.kind} ${c.pointer}${values}`.trimEnd();
  });
}

/** One `POST /orders` whose request body or 200 response is `schema`. */
function withBody(where: 'request' | 'response', schema: Json): Json {
  const content = { 'application/json': { schema } };
  const op =
    where === 'request'
      ? { operationId: 'CreateOrder', requestBody: { required: true, content }, responses: { '201': { description: 'ok' } } }
      : { operationId: 'CreateOrder', responses: { '200': { description: 'ok', content } } };
  return openapi({ '/orders': { post: op } });
}

const obj = (properties: Json, required: string[] = []): Json => ({ type: 'object', properties, required });
const str: Json = { type: 'string' };

describe('request bodies (sent): narrowing the input is breaking', () => {
  it.each<[string, { given: [Json, Json]; want: string[] }]>([
    ['new required property', { given: [obj({ a: str }), obj({ a: str, count: { type: 'integer' } }, ['count'])], want: ['breaking property-added-required request/count'] }],
    ['new optional property', { given: [obj({ a: str }), obj({ a: str, note: str })], want: ['non-breaking property-added-optional request/note'] }],
    ['removed property', { given: [obj({ a: str, b: str }), obj({ a: str })], want: ['breaking property-removed request/b'] }],
    [
      'nested object property',
      { given: [obj({ order: obj({ side: str }) }), obj({ order: obj({ side: str, action: str }, ['action']) })], want: ['breaking property-added-required request/order/action'] },
    ],
    [
      'array item property',
      { given: [obj({ orders: { type: 'array', items: obj({ ticker: str, n: str }) } }), obj({ orders: { type: 'array', items: obj({ n: str }) } })], want: ['breaking property-removed request/orders/[]/ticker'] },
    ],
    ['enum value removed', { given: [obj({ side: { type: 'string', enum: ['yes', 'no'] } }), obj({ side: { type: 'string', enum: ['yes'] } })], want: ['breaking enum-value-removed request/side no→'] }],
    ['enum value added', { given: [obj({ side: { type: 'string', enum: ['yes'] } }), obj({ side: { type: 'string', enum: ['yes', 'no'] } })], want: ['non-breaking enum-value-added request/side →no'] }],
    ['enum constraint added', { given: [obj({ side: str }), obj({ side: { type: 'string', enum: ['yes'] } })], want: ['breaking enum-constraint-added request/side'] }],
    ['type changed', { given: [obj({ count: str }), obj({ count: { type: 'integer' } })], want: ['breaking type-changed request/count string→integer'] }],
    ['type widened integer → number', { given: [obj({ count: { type: 'integer' } }), obj({ count: { type: 'number' } })], want: ['non-breaking type-widened request/count integer→number'] }],
    ['property became required', { given: [obj({ a: str }), obj({ a: str }, ['a'])], want: ['breaking property-became-required request/a'] }],
    ['property became optional', { given: [obj({ a: str }, ['a']), obj({ a: str })], want: ['non-breaking property-became-optional request/a'] }],
    ['format added', { given: [obj({ t: str }), obj({ t: { type: 'string', format: 'date-time' } })], want: ['breaking format-added request/t →date-time'] }],
    ['const is a one-value enum', { given: [obj({ cmd: { type: 'string', const: 'subscribe' } }), obj({ cmd: { type: 'string', const: 'sub' } })], want: ['breaking enum-value-removed request/cmd subscribe→', 'non-breaking enum-value-added request/cmd →sub'] }],
    ['description only', { given: [obj({ a: { type: 'string', description: 'x' } }), obj({ a: { type: 'string', description: 'y' } })], want: ['docs-only description-changed request/a'] }],
    ['no change', { given: [obj({ a: str }, ['a']), obj({ a: str }, ['a'])], want: [] }],
  ])('%s', (_, { given: [a, b], want }) => {
    expect(brief(diff(withBody('request', a), withBody('request', b)))).toEqual(want);
  });
});

describe('responses (received): widening the output is breaking', () => {
  it.each<[string, { given: [Json, Json]; want: string[] }]>([
    ['removed field', { given: [obj({ a: str, b: str }, ['b']), obj({ a: str })], want: ['breaking property-removed response.200/b required→'] }],
    ['changed type', { given: [obj({ price: { type: 'integer' } }), obj({ price: str })], want: ['breaking type-changed response.200/price integer→string'] }],
    ['type widened integer → number', { given: [obj({ n: { type: 'integer' } }), obj({ n: { type: 'number' } })], want: ['breaking type-widened response.200/n integer→number'] }],
    ['new optional field', { given: [obj({ a: str }), obj({ a: str, b: str })], want: ['non-breaking property-added-optional response.200/b'] }],
    ['new required field', { given: [obj({ a: str }), obj({ a: str, b: str }, ['b'])], want: ['non-breaking property-added-required response.200/b'] }],
    ['enum value added (exhaustive switches)', { given: [obj({ s: { type: 'string', enum: ['open'] } }), obj({ s: { type: 'string', enum: ['open', 'paused'] } })], want: ['breaking enum-value-added response.200/s →paused'] }],
    ['enum value removed', { given: [obj({ s: { type: 'string', enum: ['open', 'paused'] } }), obj({ s: { type: 'string', enum: ['open'] } })], want: ['non-breaking enum-value-removed response.200/s paused→'] }],
    ['field became optional', { given: [obj({ a: str }, ['a']), obj({ a: str })], want: ['breaking property-became-optional response.200/a'] }],
    ['nullable added', { given: [obj({ a: str }), obj({ a: { type: 'string', nullable: true } })], want: ['breaking nullable-added response.200/a'] }],
    ['nullable as a type array (3.1 / AsyncAPI)', { given: [obj({ a: { type: ['string', 'null'] } }), obj({ a: str })], want: ['non-breaking nullable-removed response.200/a'] }],
    ['format changed', { given: [obj({ n: { type: 'integer', format: 'int32' } }), obj({ n: { type: 'integer', format: 'int64' } })], want: ['breaking format-changed response.200/n int32→int64'] }],
    ['map values', { given: [obj({ m: { type: 'object', additionalProperties: obj({ x: str }) } }), obj({ m: { type: 'object', additionalProperties: obj({}) } })], want: ['breaking property-removed response.200/m/*/x'] }],
    ['deprecated', { given: [obj({ a: str }), obj({ a: { type: 'string', deprecated: true } })], want: ['docs-only deprecated-added response.200/a'] }],
    ['pointer escapes "/"', { given: [obj({ 'a/b': str }), obj({})], want: ['breaking property-removed response.200/a~1b'] }],
  ])('%s', (_, { given: [a, b], want }) => {
    expect(brief(diff(withBody('response', a), withBody('response', b)))).toEqual(want);
  });
});

describe('operations, parameters, bodies and statuses', () => {
  const get = (op: Json = {}) => ({ operationId: 'GetMarket', responses: { '200': { description: 'ok' } }, ...op });
  const q = (name: string, extra: Json = {}) => ({ name, in: 'query', schema: { type: 'string' }, ...extra });

  it.each<[string, { given: [Json, Json]; want: string[] }]>([
    ['operation added', { given: [{}, { '/m': { get: get() } }], want: ['non-breaking operation-added'] }],
    ['operation removed', { given: [{ '/m': { get: get() } }, {}], want: ['breaking operation-removed'] }],
    ['path parameter renamed is the same operation', { given: [{ '/m/{id}': { get: get({ parameters: [{ name: 'id', in: 'path', required: true, schema: str }] }) } }, { '/m/{ticker}': { get: get({ parameters: [{ name: 'ticker', in: 'path', required: true, schema: str }] }) } }], want: [] }],
    ['operationId renamed', { given: [{ '/m': { get: get() } }, { '/m': { get: get({ operationId: 'GetMarketV2' }) } }], want: ['breaking operation-id-changed  GetMarket→GetMarketV2'] }],
    ['required query parameter added', { given: [{ '/m': { get: get() } }, { '/m': { get: get({ parameters: [q('ticker', { required: true })] }) } }], want: ['breaking parameter-added-required query.ticker'] }],
    ['optional query parameter added', { given: [{ '/m': { get: get() } }, { '/m': { get: get({ parameters: [q('cursor')] }) } }], want: ['non-breaking parameter-added-optional query.cursor'] }],
    ['query parameter removed', { given: [{ '/m': { get: get({ parameters: [q('cursor')] }) } }, { '/m': { get: get() } }], want: ['breaking parameter-removed query.cursor'] }],
    ['parameter became required', { given: [{ '/m': { get: get({ parameters: [q('c')] }) } }, { '/m': { get: get({ parameters: [q('c', { required: true })] }) } }], want: ['breaking parameter-became-required query.c'] }],
    ['parameter type changed', { given: [{ '/m': { get: get({ parameters: [q('limit')] }) } }, { '/m': { get: get({ parameters: [q('limit', { schema: { type: 'integer' } })] }) } }], want: ['breaking type-changed query.limit string→integer'] }],
    ['parameter enum value removed', { given: [{ '/m': { get: get({ parameters: [q('s', { schema: { type: 'string', enum: ['a', 'b'] } })] }) } }, { '/m': { get: get({ parameters: [q('s', { schema: { type: 'string', enum: ['a'] } })] }) } }], want: ['breaking enum-value-removed query.s b→'] }],
    ['path-level parameters apply to each operation', { given: [{ '/m': { get: get() } }, { '/m': { parameters: [q('x', { required: true })], get: get() } }], want: ['breaking parameter-added-required query.x'] }],
    ['required request body added', { given: [{ '/m': { post: get() } }, { '/m': { post: get({ requestBody: { required: true, content: { 'application/json': { schema: obj({}) } } } }) } }], want: ['breaking request-body-added-required request'] }],
    ['success response removed', { given: [{ '/m': { get: get({ responses: { '200': { description: 'ok' }, '201': { description: 'ok' } } }) } }, { '/m': { get: get() } }], want: ['breaking success-response-removed response.201'] }],
    ['error response removed', { given: [{ '/m': { get: get({ responses: { '200': { description: 'ok' }, '404': { description: 'no' } } }) } }, { '/m': { get: get() } }], want: ['non-breaking error-response-removed response.404'] }],
    ['response status added', { given: [{ '/m': { get: get() } }, { '/m': { get: get({ responses: { '200': { description: 'ok' }, '429': { description: 'slow' } } }) } }], want: ['non-breaking response-status-added response.429'] }],
    ['operation summary is docs-only', { given: [{ '/m': { get: get({ summary: 'a' }) } }, { '/m': { get: get({ summary: 'b' }) } }], want: ['docs-only description-changed summary'] }],
  ])('%s', (_, { given: [a, b], want }) => {
    expect(brief(diff(openapi(a), openapi(b)))).toEqual(want);
  });

  it('reports the operationId with method and path', () => {
    const report = diff(openapi({ '/portfolio/orders': { post: { operationId: 'CreateOrder', responses: {} } } }), openapi({}));
    expect(report.changes[0]).toMatchObject({ kind: 'operation-removed', subject: 'POST /portfolio/orders (CreateOrder)', severity: 'breaking' });
    expect(report.summary.units).toEqual({ operations: { added: 0, removed: 1 } });
  });
});

describe('$ref handling', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const getting = (operationId: string, schema: Json) => ({ get: { operationId, responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } });
  const sending = (operationId: string, schema: Json) => ({ post: { operationId, requestBody: { content: { 'application/json': { schema } } }, responses: {} } });

  it('reports a change in a shared schema once per direction, with every operation that reaches it', () => {
    const paths = { '/a': getting('GetA', ref('Market')), '/b': getting('GetB', obj({ markets: { type: 'array', items: ref('Market') } })), '/c': sending('PutC', ref('Market')) };
    const report = diff(openapi(paths, { Market: obj({ status: { type: 'string', enum: ['open'] } }) }), openapi(paths, { Market: obj({ status: { type: 'string', enum: ['open', 'closed'] } }) }));
    expect(report.changes.map((c) => [c.severity, c.direction, c.subject, c.pointer, c.usedBy])).toEqual([
      ['breaking', 'received', 'components/schemas/Market', '/status', ['GetA', 'GetB']],
      ['non-breaking', 'sent', 'components/schemas/Market', '/status', ['PutC']],
    ]);
  });

  it('terminates on recursive schemas and reports the change once', () => {
    const node = (extra: Json) => obj({ name: str, children: { type: 'array', items: ref('Node') }, parent: ref('Node'), ...extra });
    const paths = { '/tree': getting('GetTree', ref('Node')) };
    const report = diff(openapi(paths, { Node: node({}) }), openapi(paths, { Node: node({ size: { type: 'integer' } }) }));
    expect(brief(report)).toEqual(['non-breaking property-added-optional /size']);
  });

  it('follows allOf: [$ref] with nullable and description at the usage site', () => {
    const paths = { '/p': getting('GetP', obj({ open: { allOf: [ref('Dollars')], description: 'open' } })) };
    const report = diff(openapi(paths, { Dollars: { type: 'string' } }), openapi({ '/p': getting('GetP', obj({ open: { allOf: [ref('Dollars')], nullable: true, description: 'open' } })) }, { Dollars: { type: 'string', format: 'decimal' } }));
    expect(report.changes.map((c) => [c.severity, c.kind, c.subject, c.pointer])).toEqual([
      ['breaking', 'nullable-added', 'GET /p (GetP)', 'response.200/open'],
      ['non-breaking', 'format-added', 'components/schemas/Dollars', ''],
    ]);
  });

  it('merges allOf members into one object', () => {
    const merged = (extra: Json) => ({ allOf: [ref('Base'), obj({ extra: str, ...extra }, ['extra'])] });
    const schemas = { Base: obj({ id: str }, ['id']) };
    const report = diff(openapi({ '/m': getting('GetM', merged({})) }, schemas), openapi({ '/m': getting('GetM', merged({ more: str })) }, schemas));
    expect(brief(report)).toEqual(['non-breaking property-added-optional response.200/more']);
  });

  it('throws REF_UNRESOLVED for a dangling ref', () => {
    const paths = { '/m': getting('GetM', ref('Missing')) };
    expect(() => diff(openapi(paths), openapi(paths))).toThrowError(expect.objectContaining({ code: 'REF_UNRESOLVED', value: '#/components/schemas/Missing' }));
  });
});

describe('parsing', () => {
  it('yaml-1.1-yes-no-keys: unquoted yes:/no: property names stay strings (YAML 1.2)', () => {
    const spec = (extra: string) => `openapi: 3.0.0
info: { title: t, version: '1' }
paths:
  /book:
    get:
      operationId: GetBook
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  yes: { type: array, items: { type: integer } }
${extra}`;
    const report = diffSpecs(parseSpec(spec(''), 'old'), parseSpec(spec('                  no: { type: array, items: { type: integer } }\n'), 'new'));
    expect(brief(report)).toEqual(['non-breaking property-added-optional response.200/no']);
  });

  it.each<[string, { given: string; want: string }]>([
    ['swagger 2.0', { given: 'swagger: "2.0"\ninfo: {}\n', want: 'SPEC_KIND_UNKNOWN' }],
    ['a YAML scalar', { given: 'just text', want: 'SPEC_KIND_UNKNOWN' }],
    ['broken YAML', { given: 'a: [1, 2\nb: }', want: 'SPEC_UNPARSABLE' }],
    ['XML without a <fix> root', { given: '<html><body/></html>', want: 'SPEC_UNPARSABLE' }],
    ['broken XML', { given: '<fix><messages></fix>', want: 'SPEC_UNPARSABLE' }],
  ])('rejects %s', (_, { given, want }) => {
    expect(() => parseSpec(given, 'x')).toThrowError(expect.objectContaining({ code: want, source: 'x' }));
  });

  it('refuses to diff two kinds', () => {
    const oa = parseSpec(JSON.stringify(openapi({})), 'a');
    const aa = parseSpec('asyncapi: 3.0.0\ninfo: { version: "1" }\nchannels: {}\n', 'b');
    expect(() => diffSpecs(oa, aa)).toThrowError(expect.objectContaining({ code: 'SPEC_KIND_MISMATCH', value: ['openapi', 'asyncapi'] }));
  });
});
