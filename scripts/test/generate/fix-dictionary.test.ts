import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFixDictionary } from '../../generate/fix-dictionary.ts';
import { repoRoot } from '../../lib/repo.ts';
import { expectGolden } from './fixtures/expect-golden.ts';

const temp = await mkdtemp(join(tmpdir(), 'fix-dictionary-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

async function files(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

const fixtureDir = join(import.meta.dirname, 'fixtures/fix-dictionary');

interface XmlNode {
  readonly [key: string]: XmlNode[] | string | undefined;
}

/**
 * A dictionary's version and counts, read with a plain walk of the XML (not the generator's
 * code): messages, field definitions, component definitions, and repeating-group layouts (a
 * group name with its members; the same name with other members is another layout) anywhere in
 * the header, trailer, messages and components.
 */
function dictionaryFacts(text: string) {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name !== 'fix' }).parse(text) as {
    fix: XmlNode;
  };
  const fix = doc.fix;
  const children = (node: XmlNode | undefined, key: string) => (node?.[key] as XmlNode[] | undefined) ?? [];
  const attr = (node: XmlNode, name: string) => node[`@${name}`] as string | undefined;
  const layouts = new Set<string>();
  /** `Name[member=required,…]` of a group, members sorted; records every group it meets. */
  const layout = (group: XmlNode): string => {
    const members = [
      ...['field', 'component'].flatMap((key) => children(group, key).map((m) => `${attr(m, 'name')}=${attr(m, 'required') ?? 'N'}`)),
      ...children(group, 'group').map(layout),
    ].sort();
    const key = `${attr(group, 'name')}[${members.join(',')}]`;
    layouts.add(key);
    return key;
  };
  const walk = (node: XmlNode) => {
    children(node, 'group').forEach(layout);
    for (const key of ['message', 'component']) children(node, key).forEach(walk);
  };
  for (const name of ['header', 'trailer', 'messages', 'components']) children(fix, name).forEach(walk);
  const count = (name: string, key: string) => children(children(fix, name)[0], key).length;
  const version = /<!--[^>]*?\b(v\d+(?:\.\d+)*)\b/.exec(text)?.[1];
  return {
    version: `${version} (${attr(fix, 'type')}.${attr(fix, 'major')}.${attr(fix, 'minor')})`,
    counts: { messages: count('messages', 'message'), fields: count('fields', 'field'), components: count('components', 'component'), groups: layouts.size },
  };
}

/** Writes a synthetic dictionary and returns its path. */
async function dictionary(name: string, xml: string): Promise<string> {
  const path = join(temp, `${name}.xml`);
  await writeFile(path, xml);
  return path;
}

const FRAME = `
  <header>
    <field name='BeginString' required='Y'/><field name='BodyLength' required='Y'/><field name='MsgType' required='Y'/>
    <field name='MsgSeqNum' required='Y'/>
  </header>
  <trailer><field name='CheckSum' required='Y'/></trailer>`;
const FRAME_FIELDS = `
    <field number='8' name='BeginString' type='STRING'/><field number='9' name='BodyLength' type='LENGTH'/>
    <field number='35' name='MsgType' type='STRING'/><field number='34' name='MsgSeqNum' type='SEQNUM'/>
    <field number='10' name='CheckSum' type='STRING'/>`;

describe('generateFixDictionary on specs/kalshi-fix-dictionary.xml', () => {
  it('writes byte-identical output twice', async () => {
    const [a, b] = [join(temp, 'a'), join(temp, 'b')];
    await generateFixDictionary(a);
    await generateFixDictionary(b);
    const [first, second] = [await files(a), await files(b)];
    expect([...first.keys()]).toStrictEqual(['accessors.ts', 'dictionary.ts', 'enums.ts', 'fields.ts', 'messages.ts', 'summary.json']);
    expect(second).toStrictEqual(first);
  });

  it('counts the messages, fields, components and repeating groups of the pulled dictionary', async () => {
    const text = await readFile(join(repoRoot, 'specs/kalshi-fix-dictionary.xml'), 'utf8');
    const facts = dictionaryFacts(text);
    expect(Object.values(facts.counts).every((n) => n > 0)).toBe(true);
    const summary = JSON.parse((await files(join(temp, 'a'))).get('summary.json') as string) as unknown;
    expect(summary).toStrictEqual({
      spec: 'kalshi-fix-dictionary.xml',
      version: facts.version,
      sha256: createHash('sha256').update(text).digest('hex'),
      counts: facts.counts,
    });
  });

  it('heads every TypeScript file with the generated-code line naming the spec hash', async () => {
    const generated = await files(join(temp, 'a'));
    const sha = (JSON.parse(generated.get('summary.json') as string) as { sha256: string }).sha256;
    for (const [name, text] of generated) {
      if (!name.endsWith('.ts')) continue;
      expect(text.split('\n')[0]).toBe(`// Generated by @kalshi-sdk/scripts fix-dictionary from kalshi-fix-dictionary.xml sha256:${sha}. Do not edit.`);
    }
  });

  it('types prices and quantities as FixDecimal strings and enums as literal unions', async () => {
    const messages = (await files(join(temp, 'a'))).get('messages.ts') as string;
    expect(messages).toContain('  readonly Price: FixDecimal;\n');
    expect(messages).toContain('  readonly Side: E.Side;\n');
    expect(messages).toContain('  readonly NoPartyIDs?: readonly NoPartyIDsEntry[];\n');
    expect(messages).not.toMatch(/(Px|Qty|Price|Amt)\??: number/);
    const enums = (await files(join(temp, 'a'))).get('enums.ts') as string;
    expect(enums).toContain("export const Side = {\n  BUY_YES: '1',\n  SELL_NO: '2',\n} as const;");
    expect(enums).toContain('export const QuoteStatus = {\n  ACCEPTED: 0,\n');
  });
});

describe('generateFixDictionary on the fixture dictionary', () => {
  it('writes exactly the checked-in expected files (golden)', async () => {
    const out = join(temp, 'fixture');
    const summary = await generateFixDictionary(out, join(fixtureDir, 'spec.xml'));
    expect(summary).toMatchObject(dictionaryFacts(await readFile(join(fixtureDir, 'spec.xml'), 'utf8')));
    await expectGolden(out, join(fixtureDir, 'expected'), ['accessors.ts', 'dictionary.ts', 'enums.ts', 'fields.ts', 'messages.ts', 'summary.json']);
  });
});

describe('generateFixDictionary on synthetic dictionaries', () => {
  it('expands components, pairs DATA fields, names group entries, makes enum keys', async () => {
    const path = await dictionary(
      'synthetic',
      `<?xml version='1.0'?>
<!-- Test Dictionary v9.1 -->
<fix type='FIX' major='4' minor='4'>${FRAME}
  <messages>
    <message msgcat='app' msgtype='X1' name='First'>
      <field name='Blob' required='N'/>
      <component name='Legs' required='N'/>
    </message>
    <message msgcat='admin' msgtype='X2' name='Second'>
      <group name='NoLegs' required='Y'><field name='LegID' required='Y'/></group>
    </message>
  </messages>
  <components>
    <component name='Legs'>
      <group name='NoLegs' required='N'>
        <field name='LegID' required='Y'/>
        <component name='Price' required='Y'/>
      </group>
    </component>
    <component name='Price'><field name='Px' required='Y'/></component>
  </components>
  <fields>${FRAME_FIELDS}
    <field number='90' name='BlobLen' type='LENGTH'/><field number='91' name='Blob' type='DATA'/>
    <field number='600' name='NoLegs' type='NUMINGROUP'/><field number='601' name='LegID' type='STRING'/>
    <field number='44' name='Px' type='PRICE'/>
    <field number='54' name='Side' type='CHAR'><value enum='1' description='buy yes'/><value enum='2' description='BUY YES'/><value enum='3' description='3rd'/></field>
  </fields>
</fix>`,
    );
    const out = join(temp, 'synthetic');
    const summary = await generateFixDictionary(out, path);
    expect(summary).toMatchObject({ spec: 'synthetic.xml', version: 'v9.1 (FIX.4.4)', counts: { messages: 2, fields: 11, components: 2, groups: 2 } });
    const { fixDictionary } = (await import(join(out, 'dictionary.ts'))) as typeof import('../../../packages/fix/src/generated/dictionary.ts');
    const first = fixDictionary.messages[0];
    expect(first?.members).toStrictEqual([
      { kind: 'field', tag: 91, name: 'Blob', presence: 'optional' },
      {
        kind: 'group',
        tag: 600,
        name: 'NoLegs',
        presence: 'optional',
        delimiter: 601,
        members: [
          { kind: 'field', tag: 601, name: 'LegID', presence: 'required' },
          { kind: 'field', tag: 44, name: 'Px', presence: 'required' },
        ],
      },
    ]);
    expect(fixDictionary.fields.find((f) => f.name === 'Blob')).toStrictEqual({ tag: 91, name: 'Blob', type: 'DATA', kind: 'data', lengthTag: 90 });
    const generated = await files(out);
    // Two layouts named NoLegs: entry types qualified by their owner.
    expect(generated.get('messages.ts')).toContain('export interface FirstNoLegsEntry {');
    expect(generated.get('messages.ts')).toContain('export interface SecondNoLegsEntry {');
    expect(generated.get('enums.ts')).toContain("  buy_yes: '1',\n  BUY_YES: '2',\n  _3rd: '3',\n");
  });

  it.each([
    ['not XML', { given: '<fix><header>', want: /not well-formed XML/ }],
    ['an undefined field', { given: `<fix major='1' minor='1'>${FRAME}<messages><message msgcat='app' msgtype='X' name='M'><field name='Nope'/></message></messages><fields>${FRAME_FIELDS}</fields></fix>`, want: /M: field Nope is not defined/ }],
    ['a tag defined twice', { given: `<fix major='1' minor='1'>${FRAME}<messages/><fields>${FRAME_FIELDS}<field number='34' name='Other' type='INT'/></fields></fix>`, want: /tag 34 is defined twice/ }],
    ['a DATA field without LENGTH', { given: `<fix major='1' minor='1'>${FRAME}<messages/><fields>${FRAME_FIELDS}<field number='96' name='Raw' type='DATA'/></fields></fix>`, want: /DATA field Raw \(96\) has no LENGTH field/ }],
    ['an unsupported type', { given: `<fix major='1' minor='1'>${FRAME}<messages/><fields>${FRAME_FIELDS}<field number='77' name='Odd' type='WEIRD'/></fields></fix>`, want: /unsupported FIX type WEIRD/ }],
    [
      'a group that starts with a group',
      {
        given: `<fix major='1' minor='1'>${FRAME}<messages><message msgcat='app' msgtype='X' name='M'><group name='NoA'><group name='NoB'><field name='MsgSeqNum'/></group></group></message></messages><fields>${FRAME_FIELDS}<field number='500' name='NoA' type='NUMINGROUP'/><field number='501' name='NoB' type='NUMINGROUP'/></fields></fix>`,
        want: /group NoA must start with a field/,
      },
    ],
    ['a missing header', { given: `<fix major='1' minor='1'><trailer/><messages/><fields>${FRAME_FIELDS}</fields></fix>`, want: /no <header> section/ }],
    ['a MsgType defined twice', { given: `<fix major='1' minor='1'>${FRAME}<messages><message msgcat='app' msgtype='X' name='A'/><message msgcat='app' msgtype='X' name='B'/></messages><fields>${FRAME_FIELDS}</fields></fix>`, want: /MsgType X is defined twice/ }],
  ])('rejects %s', async (name, { given, want }) => {
    const path = await dictionary(name.replaceAll(' ', '-'), given);
    await expect(generateFixDictionary(join(temp, 'rejected'), path)).rejects.toThrow(want);
  });
});
