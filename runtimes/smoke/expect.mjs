// The smoke programs' only assertion helpers: they throw an Error naming what was checked.

/** Throws unless `actual === expected`. */
export function expect(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Throws unless `run()` throws (or rejects with) an instance of `type`; returns that error. */
export async function expectThrows(run, type, what) {
  try {
    await run();
  } catch (error) {
    if (error instanceof type) return error;
    throw new Error(`${what}: expected ${type.name}, got ${error?.name}: ${error?.message}`);
  }
  throw new Error(`${what}: expected ${type.name}, nothing was thrown`);
}
