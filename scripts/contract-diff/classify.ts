import type { ChangeKind, Direction, RawChange, Change, Severity } from './types.ts';

/** Severity of a kind of change when the client sends the thing and when it receives it. */
export interface Rule {
  readonly sent: Severity;
  readonly received: Severity;
}

const B: Severity = 'breaking';
const N: Severity = 'non-breaking';
const D: Severity = 'docs-only';
const same = (s: Severity): Rule => ({ sent: s, received: s });
/** Input narrowing breaks senders; output widening breaks receivers. */
const narrowing: Rule = { sent: B, received: N };
const widening: Rule = { sent: N, received: B };

/**
 * The classification table. One principle decides every row (semver-ts.org's rule for
 * TypeScript APIs, applied to the wire): what the client *sends* is an input, so narrowing it
 * (new required field, removed field or enum value, stricter type) is breaking; what it
 * *receives* is an output, so widening it (removed or now-optional field, new enum value, looser
 * type) is breaking. Generated identifiers (operationIds, FIX message names, tags) are part of
 * the SDK surface, so renaming them is breaking. Documentation never breaks.
 */
export const rules: Readonly<Record<ChangeKind, Rule>> = {
  'operation-added': same(N),
  'operation-removed': same(B),
  'operation-id-changed': same(B),
  'parameter-added-required': narrowing,
  'parameter-added-optional': same(N),
  'parameter-removed': narrowing,
  'parameter-became-required': narrowing,
  'parameter-became-optional': same(N),
  'request-body-added-required': narrowing,
  'request-body-added-optional': same(N),
  'request-body-removed': narrowing,
  'request-body-became-required': narrowing,
  'request-body-became-optional': same(N),
  'response-status-added': same(N),
  'success-response-removed': same(B),
  'error-response-removed': same(N),
  'media-type-added': same(N),
  'media-type-removed': same(B),
  'channel-added': same(N),
  'channel-removed': same(B),
  'channel-address-changed': same(B),
  'message-added': same(N),
  'message-removed': same(B),
  'message-renamed': same(B),
  'property-added-required': narrowing,
  'property-added-optional': same(N),
  'property-removed': same(B),
  'property-became-required': narrowing,
  'property-became-optional': widening,
  'type-widened': widening,
  'type-narrowed': narrowing,
  'type-changed': same(B),
  'nullable-added': widening,
  'nullable-removed': narrowing,
  'format-added': narrowing,
  'format-removed': widening,
  'format-changed': same(B),
  'enum-constraint-added': narrowing,
  'enum-constraint-removed': widening,
  'enum-value-added': widening,
  'enum-value-removed': narrowing,
  'variant-added': widening,
  'variant-removed': narrowing,
  'field-definition-added': same(N),
  'field-definition-removed': same(B),
  'tag-changed': same(B),
  'description-changed': same(D),
  'deprecated-added': same(D),
  'deprecated-removed': same(D),
};

const rank: Readonly<Record<Severity, number>> = { breaking: 0, 'non-breaking': 1, 'docs-only': 2 };

/** Severity order for sorting and for `both`: breaking < non-breaking < docs-only. */
export function severityRank(s: Severity): number {
  return rank[s];
}

/** Severity of `kind` travelling in `direction`; `both` takes the stricter of the two sides. */
export function classifyKind(kind: ChangeKind, direction: Direction): Severity {
  const rule = rules[kind];
  if (direction !== 'both') return rule[direction];
  return rank[rule.sent] <= rank[rule.received] ? rule.sent : rule.received;
}

/** Adds its severity to a raw change. */
export function classify(change: RawChange): Change {
  return { ...change, severity: classifyKind(change.kind, change.direction) };
}
