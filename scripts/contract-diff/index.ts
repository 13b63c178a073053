/**
 * Contract diff library: semantic, direction-aware diffs of Kalshi's OpenAPI, AsyncAPI and FIX
 * specs, their Markdown/JSON reports and the changesets they imply. Used by
 * `pnpm contract:diff`, the drift tests and the nightly spec job.
 */
export { diffFiles, diffSpecs } from './diff.ts';
export { loadSpec, parseSpec, type LoadedSpec } from './load.ts';
export { classify, classifyKind, rules, severityRank, type Rule } from './classify.ts';
export { detailText, kindLabel, renderJson, renderMarkdown, summaryLine, versionLabel, whereText, type MarkdownOptions } from './report.ts';
export { bumpLevel, planChangeset, readPackageVersions, renderChangeset, specPackages, writeChangeset, type BumpLevel, type ChangesetPlan } from './changeset.ts';
export { fixMessageDirection, parseFixDictionary, type FixDictionary, type FixEntry, type FixFieldDef, type FixMessage } from './fix.ts';
export { openApiOperations, type OpenApiOperation } from './openapi.ts';
export { asyncApiChannels, type AsyncApiChannel, type AsyncApiMessage } from './asyncapi.ts';
export { runCli, usage, type CliContext } from './cli.ts';
export { ContractDiffError, type ContractDiffErrorCode } from './errors.ts';
export { changeKinds, type Change, type ChangeKind, type DiffReport, type Direction, type RawChange, type Severity, type SpecIdentity, type SpecKind, type UnitCounts } from './types.ts';
