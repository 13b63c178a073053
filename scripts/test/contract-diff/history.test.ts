/**
 * The contract diff on Kalshi's real spec history, read from the offline mirror next to the
 * repository (../shared/kalshi-specs; present on CI too). Counts come from the mirror's README.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo.ts';
import { classifyKind, diffSpecs, loadSpec, runCli, type DiffReport, type LoadedSpec } from '../../contract-diff/index.ts';

const mirror = join(repoRoot, '..', 'shared', 'kalshi-specs');
const loaded = new Map<string, Promise<LoadedSpec>>();
/** Each mirror file is parsed once for the whole suite. */
function load(file: string): Promise<LoadedSpec> {
  const cached = loaded.get(file) ?? loadSpec(join(mirror, file));
  loaded.set(file, cached);
  return cached;
}
async function diffFiles(oldFile: string, newFile: string): Promise<DiffReport> {
  return diffSpecs(await load(oldFile), await load(newFile));
}

const removedIn331 = [
  'DELETE /portfolio/orders/batched (BatchCancelOrders)',
  'DELETE /portfolio/orders/{order_id} (CancelOrder)',
  'GET /exchange/announcements (GetExchangeAnnouncements)',
  'GET /multivariate_event_collections/{collection_ticker}/lookup (GetMultivariateEventCollectionLookupHistory)',
  'POST /portfolio/orders (CreateOrder)',
  'POST /portfolio/orders/batched (BatchCreateOrders)',
  'POST /portfolio/orders/{order_id}/amend (AmendOrder)',
  'POST /portfolio/orders/{order_id}/decrease (DecreaseOrder)',
  'PUT /multivariate_event_collections/{collection_ticker}/lookup (LookupTickersForMarketInMultivariateEventCollection)',
];

function subjects(report: DiffReport, kind: string): string[] {
  return report.changes.filter((c) => c.kind === kind).map((c) => c.subject);
}

function expectConsistent(report: DiffReport): void {
  for (const c of report.changes) expect(c.severity, `${c.kind} ${c.direction}`).toBe(classifyKind(c.kind, c.direction));
}

describe('OpenAPI 3.13.0 → 3.31.0', () => {
  let report: DiffReport;
  beforeAll(async () => {
    report = await diffFiles('history/openapi-3.13.0.yaml', 'openapi.yaml');
  });

  it('adds 37 operations and removes 9 (mirror README)', () => {
    expect(report.summary.units).toEqual({ operations: { added: 37, removed: 9 } });
  });

  it('classifies the removal of the legacy /portfolio/orders write endpoints as breaking', () => {
    const removed = report.changes.filter((c) => c.kind === 'operation-removed');
    expect(removed.map((c) => c.subject).sort()).toEqual(removedIn331);
    expect(removed.every((c) => c.severity === 'breaking')).toBe(true);
    expect(removed.filter((c) => /^(POST|DELETE) \/portfolio\/orders/.test(c.subject))).toHaveLength(6);
    // ...and their replacements under /portfolio/events/orders are additions
    expect(subjects(report, 'operation-added').filter((s) => s.startsWith('POST /portfolio/events/orders '))).toHaveLength(1);
    expectConsistent(report);
  });

  it('makes the CLI exit 1', async () => {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: () => {}, repoRoot, cwd: mirror };
    expect(await runCli(['history/openapi-3.13.0.yaml', 'openapi.yaml', '--json', '/dev/null'], io)).toBe(1);
    expect(out).toMatch(/^openapi 3\.13\.0 → 3\.31\.0: operations \+37 −9; \d+ breaking/);
  });
});

describe('OpenAPI 3.6.0 → 3.13.0', () => {
  it('adds the 12 operations between 77 and 89 (mirror README) and removes none', async () => {
    const report = await diffFiles('history/openapi-3.6.0.yaml', 'history/openapi-3.13.0.yaml');
    expect(report.summary.units).toEqual({ operations: { added: 12, removed: 0 } });
    expect(subjects(report, 'operation-added')).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/historical\/markets /)]));
    // Kalshi dropped the integer-cents fields of Market for the *_dollars ones: removed received fields.
    expect(report.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'property-removed', subject: 'components/schemas/Market', pointer: '/yes_bid', severity: 'breaking', direction: 'received' })]));
    expectConsistent(report);
  });
});

describe('AsyncAPI 2026-03-06 → current', () => {
  it('reports channels, message types and payload fields by direction', async () => {
    const report = await diffFiles('history/asyncapi-2026-03-06.yaml', 'asyncapi.yaml');
    expect(report.summary.units['channels']).toEqual({ added: 4, removed: 1 });
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'channel-removed', subject: 'channel multivariate', severity: 'breaking' }),
        expect.objectContaining({ kind: 'channel-added', subject: 'channel pyth_value', severity: 'non-breaking' }),
        // the subscribe command can no longer name the retired channel: a removed value of a sent enum
        expect.objectContaining({ kind: 'enum-value-removed', direction: 'sent', pointer: '/params/channels/[]', before: 'multivariate', severity: 'breaking' }),
        expect.objectContaining({ kind: 'message-added', direction: 'sent', subject: 'pythUpdateSubscriptionCommand @ root' }),
      ]),
    );
    expectConsistent(report);
  });
});

describe('identity', () => {
  it.each(['openapi.yaml', 'asyncapi.yaml', 'kalshi-fix-dictionary.xml'])('%s against itself has no changes', async (file) => {
    const report = await diffFiles(file, file);
    expect(report.changes).toEqual([]);
    expect(report.old.sha256).toBe(report.new.sha256);
  });
});
