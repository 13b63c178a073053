/**
 * Entry of `dist/specs-diff.js` (ESM) and `dist/cjs/specs-diff.js` (CommonJS), bundled by esbuild
 * at build time from the repository's contract-diff library (scripts/contract-diff/), so
 * `kalshi specs diff` runs the very code `pnpm contract:diff` runs, without a copy of it.
 * Its types, as the CLI uses them, are declared in src/specs-diff.d.ts.
 */
export { diffFiles } from '../../../scripts/contract-diff/diff.ts';
export { ContractDiffError } from '../../../scripts/contract-diff/errors.ts';
export { renderJson, renderMarkdown, summaryLine } from '../../../scripts/contract-diff/report.ts';
