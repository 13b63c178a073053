import { describe, expect, it } from 'vitest';
import { diffSpecs, fixMessageDirection, parseFixDictionary, parseSpec, type DiffReport } from '../../contract-diff/index.ts';

interface Dict {
  /** msgtype → [name, msgcat, body XML] */
  readonly messages: Record<string, readonly [string, string, string]>;
  /** `<field number name type>` definitions with optional `<value>` children, as XML */
  readonly fields: string;
  readonly components?: string;
}

function xml({ messages, fields, components = '' }: Dict): string {
  const body = Object.entries(messages)
    .map(([type, [name, cat, inner]]) => `<message msgcat='${cat}' msgtype='${type}' name='${name}'>${inner}</message>`)
    .join('\n');
  return `<?xml version='1.0' encoding='UTF-8'?>
<!-- Test FIX Dictionary v1.00 -->
<fix type='FIXT' major='1' minor='1' servicepack='0'>
  <header><field name='MsgType' required='Y'/></header>
  <trailer><field name='CheckSum' required='Y'/></trailer>
  <messages>${body}</messages>
  <components>${components}</components>
  <fields>
    <field number='10' name='CheckSum' type='STRING'/>
    <field number='35' name='MsgType' type='STRING'/>
    ${fields}
  </fields>
</fix>`;
}

const fields = `
  <field number='11' name='ClOrdID' type='STRING'/>
  <field number='14' name='CumQty' type='QTY'/>
  <field number='58' name='Text' type='STRING'/>
  <field number='448' name='PartyID' type='STRING'/>
  <field number='453' name='NoPartyIDs' type='NUMINGROUP'/>
  <field number='54' name='Side' type='CHAR'><value enum='1' description='BUY'/><value enum='2' description='SELL'/></field>`;

const base: Dict = {
  messages: {
    D: ['NewOrderSingle', 'app', `<field name='ClOrdID' required='Y'/><field name='Side' required='Y'/><group name='NoPartyIDs' required='N'><field name='PartyID' required='N'/></group>`],
    '8': ['ExecutionReport', 'app', `<field name='ClOrdID' required='Y'/><field name='CumQty' required='Y'/><field name='Text' required='N'/>`],
    '0': ['Heartbeat', 'admin', ''],
  },
  fields,
};

function diff(a: Dict, b: Dict): DiffReport {
  return diffSpecs(parseSpec(xml(a), 'old.xml'), parseSpec(xml(b), 'new.xml'));
}

function brief(report: DiffReport): string[] {
  return report.changes.map((c) => [c.severity, c.kind, c.direction, c.subject, c.pointer, c.after === undefined ? '' : `+${c.after}`].filter((x) => x !== '').join(' '));
}

const nos = (inner: string): Dict => ({ ...base, messages: { ...base.messages, D: ['NewOrderSingle', 'app', inner] } });
const er = (inner: string): Dict => ({ ...base, messages: { ...base.messages, '8': ['ExecutionReport', 'app', inner] } });
const nosBody = base.messages['D']?.[2] ?? '';
const erBody = base.messages['8']?.[2] ?? '';

describe('FIX dictionary diff', () => {
  it.each<[string, { given: Dict; want: string[] }]>([
    ['no change', { given: base, want: [] }],
    ['required field added to a sent message', { given: nos(nosBody + `<field name='Text' required='Y'/>`), want: ['breaking property-added-required sent NewOrderSingle (35=D) /Text'] }],
    ['optional field added to a sent message', { given: nos(nosBody + `<field name='Text' required='N'/>`), want: ['non-breaking property-added-optional sent NewOrderSingle (35=D) /Text'] }],
    ['required field added to a received message', { given: er(erBody + `<field name='Side' required='Y'/>`), want: ['non-breaking property-added-required received ExecutionReport (35=8) /Side'] }],
    ['field removed from a received message', { given: er(`<field name='ClOrdID' required='Y'/><field name='CumQty' required='Y'/>`), want: ['breaking property-removed received ExecutionReport (35=8) /Text'] }],
    ['received field became optional', { given: er(`<field name='ClOrdID' required='Y'/><field name='CumQty' required='N'/><field name='Text' required='N'/>`), want: ['breaking property-became-optional received ExecutionReport (35=8) /CumQty'] }],
    ['group member became required', { given: nos(`<field name='ClOrdID' required='Y'/><field name='Side' required='Y'/><group name='NoPartyIDs' required='N'><field name='PartyID' required='Y'/></group>`), want: ['breaking property-became-required sent NewOrderSingle (35=D) /NoPartyIDs/PartyID'] }],
    ['message added', { given: { ...base, messages: { ...base.messages, F: ['OrderCancelRequest', 'app', `<field name='ClOrdID' required='Y'/>`] } }, want: ['non-breaking message-added sent OrderCancelRequest (35=F)'] }],
    ['message removed', { given: { ...base, messages: { D: base.messages['D'] ?? ['', '', ''], '0': base.messages['0'] ?? ['', '', ''] } }, want: ['breaking message-removed received ExecutionReport (35=8)'] }],
    ['message renamed', { given: { ...base, messages: { ...base.messages, '0': ['Heartbeat2', 'admin', ''] } }, want: ['breaking message-renamed both Heartbeat2 (35=0) +Heartbeat2'] }],
    ['enum value added to a field clients send', { given: { ...base, fields: fields.replace(`<value enum='2' description='SELL'/>`, `<value enum='2' description='SELL'/><value enum='5' description='SELL_SHORT'/>`) }, want: ['non-breaking enum-value-added sent field Side (54) +5=SELL_SHORT'] }],
    ['enum value removed from a field clients send', { given: { ...base, fields: fields.replace(`<value enum='2' description='SELL'/>`, '') }, want: ['breaking enum-value-removed sent field Side (54)'] }],
    ['enum value description is docs-only', { given: { ...base, fields: fields.replace(`description='SELL'`, `description='SELL_IT'`) }, want: ['docs-only description-changed sent field Side (54) =2'] }],
    ['tag changed', { given: { ...base, fields: fields.replace(`number='58'`, `number='59'`) }, want: ['breaking tag-changed received field Text (59) +59'] }],
    ['field type changed', { given: { ...base, fields: fields.replace(`name='CumQty' type='QTY'`, `name='CumQty' type='FLOAT'`) }, want: ['breaking type-changed received field CumQty (14) +FLOAT'] }],
    ['unused field defined', { given: { ...base, fields: fields + `<field number='99' name='StopPx' type='PRICE'/>` }, want: ['non-breaking field-definition-added both field StopPx (99)'] }],
  ])('%s', (_, { given, want }) => {
    expect(brief(diff(base, given))).toEqual(want);
  });

  it('lists the messages that use a changed field', () => {
    const report = diff(base, { ...base, fields: fields.replace(`number='11'`, `number='12'`) });
    expect(report.changes).toMatchObject([{ kind: 'tag-changed', direction: 'both', before: '11', after: '12', usedBy: ['ExecutionReport', 'NewOrderSingle'] }]);
  });

  it('expands components; an optional component makes its fields optional', () => {
    const dict: Dict = {
      ...base,
      messages: { ...base.messages, D: ['NewOrderSingle', 'app', `<field name='ClOrdID' required='Y'/><component name='Parties' required='N'/>`] },
      components: `<component name='Parties'><field name='PartyID' required='Y'/><group name='NoPartyIDs' required='N'><field name='PartyID' required='Y'/></group></component>`,
    };
    const parsed = parseFixDictionary(xml(dict));
    expect(parsed.messages.get('D')?.entries).toEqual([
      { name: 'ClOrdID', required: true },
      { name: 'PartyID', required: false },
      { name: 'NoPartyIDs', required: false, group: [{ name: 'PartyID', required: true }] },
    ]);
    expect(parsed.version).toBe('1.00');
    expect(() => parseFixDictionary(xml({ ...dict, components: '' }), 'd.xml')).toThrowError(expect.objectContaining({ code: 'FIX_UNDEFINED', value: 'Parties' }));
  });

  it.each<[string, { given: [string, string]; want: string }]>([
    ['session messages', { given: ['Logon', 'admin'], want: 'both' }],
    ['orders', { given: ['NewOrderSingle', 'app'], want: 'sent' }],
    ['cancel requests', { given: ['OrderCancelRequest', 'app'], want: 'sent' }],
    ['execution reports', { given: ['ExecutionReport', 'app'], want: 'received' }],
    ['rejects', { given: ['OrderCancelReject', 'app'], want: 'received' }],
    ['status replies', { given: ['QuoteConfirmStatus', 'app'], want: 'received' }],
    ['acks', { given: ['QuoteRequestAck', 'app'], want: 'received' }],
    ['RFQs go both ways', { given: ['QuoteRequest', 'app'], want: 'both' }],
    ['quotes', { given: ['Quote', 'app'], want: 'sent' }],
  ])('direction of %s', (_, { given: [name, cat], want }) => {
    expect(fixMessageDirection(name, cat)).toBe(want);
  });
});
