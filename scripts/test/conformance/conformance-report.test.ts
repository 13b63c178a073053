/**
 * The conformance report: its parser of test files, its quote check, and the repository's own
 * rules (every quote on its page, docs/conformance.md up to date).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConformanceReport } from '../../conformance/render.ts';
import { scanConformanceFile, scanConformanceTests } from '../../conformance/scan.ts';
import { verifyRules } from '../../conformance/verify.ts';
import { repoRoot } from '../../lib/repo.ts';
import { foldText, loadKalshiDocs, type DocPage } from '../../lib/kalshi-docs.ts';

const page = (path: string, text: string): [string, DocPage] => [path, { path, title: 'T', file: 'f.txt', text }];
const docs = new Map([
  page('/fix/authentication', 'Message retransmission (ResendRequest, SequenceReset) is only\nsupported on KalshiRT and KalshiPT.'),
  page('/fix/common-components', 'SenderCompID: “Kalshi” when receiving'),
]);

const file = [
  "describe('x', () => {",
  "  it('/fix/authentication: RFQ logon sends 141=Y', () => {",
  '    // Quote: "Message retransmission (ResendRequest, SequenceReset) is only supported on KalshiRT and KalshiPT."',
  '    // Quote /fix/common-components: "SenderCompID: "Kalshi" when receiving"',
  '    expect(1).toBe(1);',
  '  });',
  "  it(\"/fix/authentication: undocumented — what's chosen\", () => {",
  '    // Undocumented: safer to refuse',
  '  });',
  "  it('not a rule', () => {",
  '    // Quote: "ignored"',
  '  });',
  '});',
].join('\n');

describe('scanConformanceFile', () => {
  it('reads titles, quotes (own page and other pages) and undocumented notes; other tests are not rules', () => {
    const rules = scanConformanceFile(file, 'packages/fix/test/conformance/fix__authentication.test.ts', '@kalshi-sdk/fix');
    expect(rules.map(({ page: p, rule, line, quotes, undocumented }) => ({ p, rule, line, quotes, undocumented }))).toEqual([
      {
        p: '/fix/authentication',
        rule: 'RFQ logon sends 141=Y',
        line: 2,
        quotes: [
          { page: '/fix/authentication', text: 'Message retransmission (ResendRequest, SequenceReset) is only supported on KalshiRT and KalshiPT.' },
          { page: '/fix/common-components', text: 'SenderCompID: "Kalshi" when receiving' },
        ],
        undocumented: undefined,
      },
      { p: '/fix/authentication', rule: "undocumented — what's chosen", line: 7, quotes: [], undocumented: 'safer to refuse' },
    ]);
  });
});

describe('verifyRules', () => {
  const rules = scanConformanceFile(file, 'a.test.ts', 'p');
  it.each([
    ['a quote that is on its page (line breaks and typographic quotes folded)', rules, []],
    [
      'a quote whose words differ',
      [{ ...rules[0]!, quotes: [{ page: '/fix/authentication', text: 'Retransmission is supported on KalshiRT and KalshiRFQ.' }] }],
      ['quote not found on /fix/authentication: "Retransmission is supported on KalshiRT and KalshiRFQ."'],
    ],
    ['a rule that quotes nothing', [{ ...rules[0]!, quotes: [] }], ['quotes nothing: add a `// Quote: "…"` line, or `// Undocumented: …`']],
    ['an unknown page', [{ ...rules[0]!, page: '/fix/nowhere' }], ['no documentation page /fix/nowhere (see INDEX.md)']],
    [
      'an undocumented note under a title that does not say so',
      [{ ...rules[1]!, rule: 'something' }],
      ['has an `// Undocumented:` line but its title does not say "undocumented"'],
    ],
  ] as const)('%s', (_, given, want) => {
    expect(verifyRules(given, docs).map((p) => p.problem)).toEqual(want);
  });

  it('folds white space and typographic punctuation only', () => {
    expect(foldText(' a\n\t“b” –  c’ ')).toBe('a "b" - c\'');
  });
});

describe("this repository's conformance tests", () => {
  const kalshiDocs = loadKalshiDocs();
  const repoRules = scanConformanceTests(repoRoot);

  it('every rule quotes its page exactly (or says it is undocumented)', () => {
    expect(verifyRules(repoRules, kalshiDocs)).toEqual([]);
  });

  it('docs/conformance.md is up to date (run `pnpm conformance:report`)', () => {
    const committed = readFileSync(join(repoRoot, 'docs', 'conformance.md'), 'utf8');
    expect(committed).toBe(renderConformanceReport(repoRules, kalshiDocs));
  });
});
