import { defineConfig } from 'vitest/config';

/** Shared vitest settings: every package writes test-results.json for scripts/test-summary.ts. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: 20_000,
    // Set-up hooks start loopback servers and compile the specs' schemas (the mock's harness checks
    // every frame against them): on 2 loaded cores that took more than vitest's default 10 s.
    hookTimeout: 60_000,
  },
});
