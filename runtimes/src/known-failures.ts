// Cells that fail because of an SDK bug already reported, keyed `runtime × package`. They stay `fail`
// in the matrix (docs and README); the run passes while the failures are exactly these, and fails
// when another cell fails or when one of these starts passing (then delete its line here).

export const KNOWN_FAILURES: Readonly<Record<string, string>> = {};
