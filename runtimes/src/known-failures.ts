// Cells that fail because of an SDK bug already reported, keyed `runtime × package`. They stay `fail`
// in the matrix (docs and README); the run passes while the failures are exactly these, and fails
// when another cell fails or when one of these starts passing (then delete its line here).

export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'Chromium × ws':
    "SDK bug: @kalshi-sdk/ws cannot be bundled for a browser, so its documented WS_BROWSER_UNSUPPORTED is unreachable there: its index re-exports the recorder (static node:fs and node:zlib imports) and handshake-signer.ts imports '@kalshi-sdk/auth', whose exports map has no browser condition (node:crypto, node:fs)",
};
