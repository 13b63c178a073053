// Runs named checks one after another and reports each as one `SMOKE-RESULT {json}` line, the only
// output the runner reads.

/** `checks`: [package, () => Promise<void>] pairs. Returns the results as well as printing them. */
export async function runChecks(checks, print = (line) => console.log(line)) {
  const results = [];
  for (const [name, check] of checks) {
    const started = Date.now();
    let result;
    try {
      await check();
      result = { package: name, status: 'pass', ms: Date.now() - started };
    } catch (error) {
      result = { package: name, status: 'fail', ms: Date.now() - started, error: String(error?.stack ?? error) };
    }
    results.push(result);
    print(`SMOKE-RESULT ${JSON.stringify(result)}`);
  }
  return results;
}
