import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateAsyncApi, type AsyncApiSummary } from '../../generate/asyncapi.ts';
import { repoRoot } from '../../lib/repo.ts';
import { expectGolden } from './fixtures/expect-golden.ts';

// The mirror's README: this version has 10 data channels and 16 data message types.
const historySpec = join(repoRoot, '../shared/kalshi-specs/history/asyncapi-2026-03-06.yaml');
const liveSpec = join(repoRoot, 'specs/asyncapi.yaml');
const fixtureDir = join(import.meta.dirname, 'fixtures/asyncapi');
const fixtureSpec = join(fixtureDir, 'spec.yaml');

interface Run {
  readonly spec: string;
  readonly dir: string;
  readonly summary: AsyncApiSummary;
}

let root: string;
let live: Run;
let liveAgain: Run;
let history: Run;
let fixture: Run;

async function run(spec: string, name: string, specFile?: string): Promise<Run> {
  const dir = join(root, name, 'generated');
  return { spec, dir, summary: await generateAsyncApi(dir, specFile) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kalshi-asyncapi-'));
  live = await run(liveSpec, 'live');
  liveAgain = await run(liveSpec, 'live-again');
  history = await run(historySpec, 'history', historySpec);
  fixture = await run(fixtureSpec, 'fixture', fixtureSpec);
  // NodeNext reads the module format from the nearest package.json.
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readTree(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

/**
 * Data channels (an `address` other than the connection's `/`) and the distinct JSON messages
 * they carry, counted with a plain walk of the YAML (not the generator's code).
 */
async function specCounts(path: string): Promise<{ channels: number; messages: number }> {
  const doc = parse(await readFile(path, 'utf8'), { version: '1.2' }) as {
    defaultContentType?: string;
    channels: Record<string, { address?: string | null; messages?: Record<string, { $ref?: string; contentType?: string }> }>;
    components: { messages: Record<string, { contentType?: string }> };
  };
  const data = Object.values(doc.channels).filter((c) => typeof c.address === 'string' && c.address !== '/');
  const messages = new Set<string>();
  for (const channel of data) {
    for (const [key, message] of Object.entries(channel.messages ?? {})) {
      const name = message.$ref?.replace('#/components/messages/', '');
      const contentType = (name === undefined ? message : doc.components.messages[name])?.contentType ?? doc.defaultContentType;
      if (contentType?.includes('json')) messages.add(name ?? key);
    }
  }
  return { channels: data.length, messages: messages.size };
}

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path, 'utf8')).digest('hex');
const specDoc = async (path: string) => parse(await readFile(path, 'utf8'), { version: '1.2' }) as SpecDoc;

interface SpecDoc {
  info: { version: string };
  components: {
    schemas: Record<string, { properties?: Record<string, { properties?: Record<string, { items?: { enum?: string[] } }> }> }>;
    messages: Record<string, { payload: { $ref: string } }>;
  };
}

interface ChannelsModule {
  dataChannels: readonly string[];
  channelInfo: Record<string, { messages: ReadonlyArray<{ key: string; payload: string }> }>;
  commands: ReadonlyArray<{ key: string; payload: string }>;
  responses: ReadonlyArray<{ key: string; payload: string }>;
}
const channelsOf = (r: Run) => import(join(r.dir, 'channels.ts')) as Promise<ChannelsModule>;

/** Interface name → its property names as written in models.ts. */
function interfaceProperties(models: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of models.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
    found.set(match[1]!, [...match[2]!.matchAll(/^ {2}'([^']+)'\??:/gm)].map((m) => m[1]!));
  }
  return found;
}

/** Type-checks files with the repo's tsconfig.base.json options; returns the diagnostics as text. */
function typeCheck(files: string[]): string[] {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const program = ts.createProgram(files, { ...options, noEmit: true, types: [] });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('generateAsyncApi', () => {
  it('writes byte-identical files when run twice on the same spec', async () => {
    const [first, second] = await Promise.all([readTree(live.dir), readTree(liveAgain.dir)]);
    expect([...first.keys()]).toEqual(['channels.ts', 'index.ts', 'models.ts', 'summary.json']);
    expect(second).toEqual(first);
  });

  it('counts 10 data channels and 16 data messages in the 2026-03-06 spec', async () => {
    expect(await specCounts(historySpec)).toEqual({ channels: 10, messages: 16 });
    expect(history.summary).toEqual({
      spec: 'asyncapi-2026-03-06.yaml',
      version: '2.0.0',
      sha256: await sha256(historySpec),
      counts: { channels: 10, messages: 16 },
    });
    expect(JSON.parse(await readFile(join(history.dir, 'summary.json'), 'utf8'))).toEqual(history.summary);
  });

  it('summarises the pulled spec with its version, sha256 and the data channels and messages it has', async () => {
    const doc = await specDoc(liveSpec);
    const counts = await specCounts(liveSpec);
    expect(counts.channels).toBeGreaterThan(0);
    expect(counts.messages).toBeGreaterThan(0);
    expect(live.summary).toEqual({ spec: 'asyncapi.yaml', version: doc.info.version, sha256: await sha256(liveSpec), counts });
    expect(live.summary.counts.channels).toBe((await channelsOf(live)).dataChannels.length);
  });

  it('writes exactly the checked-in expected files for the fixture spec (golden)', async () => {
    expect(fixture.summary.counts).toEqual(await specCounts(fixtureSpec));
    await expectGolden(fixture.dir, join(fixtureDir, 'expected'), ['channels.ts', 'index.ts', 'models.ts', 'summary.json']);
  });

  describe.each([
    ['pulled spec', () => live],
    ['2026-03-06 spec', () => history],
  ])('%s', (_, given) => {
    it('lists as data channels exactly the names `subscribe` accepts', async () => {
      const doc = await specDoc(given().spec);
      const params = doc.components.schemas.subscribeCommandPayload?.properties?.params;
      const accepted = params?.properties?.channels?.items?.enum;
      expect(accepted).toBeDefined();
      expect([...(await channelsOf(given())).dataChannels].sort()).toEqual([...accepted!].sort());
    });

    it('names every model and keeps wire property names', async () => {
      const models = await readFile(join(given().dir, 'models.ts'), 'utf8');
      expect(models).not.toMatch(/AnonymousSchema/);
      expect(models).toContain(`'market_ticker': string;`);
      expect(models).not.toMatch(/\bmarketTicker\b/);
    });

    it('types every payload in channels.ts with exactly the properties the spec gives it', async () => {
      const doc = await specDoc(given().spec);
      const table = await channelsOf(given());
      const models = interfaceProperties(await readFile(join(given().dir, 'models.ts'), 'utf8'));
      const rows = [...Object.values(table.channelInfo).flatMap((c) => c.messages), ...table.commands, ...table.responses];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const schemaKey = doc.components.messages[row.key]!.payload.$ref.split('/').pop()!;
        const want = Object.keys(doc.components.schemas[schemaKey]!.properties ?? {});
        expect({ [row.payload]: models.get(row.payload) }).toEqual({ [row.payload]: want });
      }
    });
  });

  it('type-checks under the repo strict options, with narrowing on `type` and wire names', async () => {
    const usage = join(root, 'history', 'usage.ts');
    await writeFile(
      usage,
      [
        `import type { ChannelMessageMap, CommandMap, DataMessageTypeMap, ResponseMap } from './generated/index.js';`,
        `import { channelInfo, dataChannels } from './generated/index.js';`,
        `export const price = (m: ChannelMessageMap['orderbook_delta']): string | undefined =>`,
        `  m.type === 'orderbook_delta' ? m.msg.price_dollars : m.msg.yes_dollars_fp?.[0]?.[0];`,
        `export const code = (e: ResponseMap['error']): number => e.msg.code;`,
        `export const subscribe: CommandMap['subscribe'] = { id: 1, cmd: 'subscribe', params: { channels: [dataChannels[0]] } };`,
        `export const first: 'orderbook_snapshot' = channelInfo.orderbook_delta.messages[0].type;`,
        `// @ts-expect-error wire names only: there is no camelCase property`,
        `export const ticker = (m: DataMessageTypeMap['ticker']) => m.msg.marketTicker;`,
        '',
      ].join('\n'),
    );
    const tsFiles = async (dir: string) =>
      [...(await readTree(dir)).keys()].filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
    expect(typeCheck([...(await tsFiles(live.dir)), ...(await tsFiles(history.dir)), usage])).toEqual([]);
  });
});
