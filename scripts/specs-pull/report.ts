import type { SpecsPullError } from './errors.ts';
import type { PullReport, SpecOutcome } from './pull-specs.ts';

/**
 * One line per spec (a failure's per-source reasons follow on indented lines), e.g.
 * `openapi.yaml  3.31.0  written from ../shared/kalshi-specs/openapi.yaml; skipped https://…: network error: …`.
 */
export function formatOutcome(o: SpecOutcome, width = 26): string {
  const name = o.spec.file.padEnd(width);
  if (!o.ok) return `${name} FAILED  ${detail(o.error)}`;
  const what =
    o.status === 'unchanged'
      ? 'unchanged (matches the lock)'
      : o.status === 'updated'
        ? `updated from ${o.source} (lock had ${o.spec.version}, sha256 ${o.spec.sha256.slice(0, 12)}…; now sha256 ${o.facts.sha256.slice(0, 12)}…, ${o.facts.bytes} bytes)`
        : `${o.status} from ${o.source}`;
  const skipped = o.skipped.map((s) => `; skipped ${s.source}: ${s.reason}`).join('');
  return `${name} ${o.facts.version.padEnd(20)} ${what}${skipped}`;
}

/** Every outcome line, plus a closing line on the lock in `update` mode. */
export function formatReport(report: PullReport): string {
  const width = Math.max(...report.outcomes.map((o) => o.spec.file.length)) + 1;
  const lines = report.outcomes.map((o) => formatOutcome(o, width));
  if (report.mode === 'update') {
    lines.push(report.lockWritten ? 'specs.lock.json rewritten' : 'specs.lock.json unchanged');
  }
  return lines.join('\n');
}

function detail(e: SpecsPullError): string {
  return e.failures.length > 0 || e.source === undefined ? e.reason : `from ${e.source}: ${e.reason}`;
}
