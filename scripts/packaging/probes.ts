/**
 * One real call per exports-map entry, run by `pack:smoke` against the installed tarballs:
 * `expression` is JavaScript (and TypeScript) over `m`, the imported module; its value, awaited,
 * must equal `want` (compared as JSON) through both `import` and `require`.
 */
export interface SmokeProbe {
  readonly expression: string;
  readonly want: unknown;
}

const signingMessage: SmokeProbe = {
  expression: "m.requestSigningMessage({ method: 'get', path: '/trade-api/v2/portfolio/balance?limit=1', timestampMs: 1700000000000 })",
  want: '1700000000000GET/trade-api/v2/portfolio/balance',
};

/** Probes of this repository's packages, keyed by import specifier. */
export const packageProbes: Readonly<Record<string, SmokeProbe>> = {
  '@kalshi-sdk/auth': signingMessage,
  '@kalshi-sdk/auth/web': signingMessage,
  '@kalshi-sdk/cli': { expression: "new m.KalshiCliError('CLI_USAGE', 'unknown flag --x').exitCode", want: 2 },
  '@kalshi-sdk/fixed-point': { expression: "m.Dollars.parse('0.5').add(m.Dollars.fromCents(7)).toWire()", want: '0.5700' },
  '@kalshi-sdk/rest': { expression: "m.signingPathFor('http://127.0.0.1:1/trade-api/v2')('http://127.0.0.1:1/trade-api/v2/markets?limit=1')", want: '/trade-api/v2/markets' },
  '@kalshi-sdk/fix': { expression: 'm.formatUtcTimestamp(0)', want: '19700101-00:00:00.000' },
  '@kalshi-sdk/ws': { expression: 'm.WS_PATH', want: '/trade-api/ws/v2' },
  '@kalshi-sdk/mock-exchange': {
    expression: 'm.startMockExchange().then(async (x) => { const path = new URL(x.restUrl).pathname; await x.close(); return path; })',
    want: '/trade-api/v2',
  },
};
