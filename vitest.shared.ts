import { defineConfig } from 'vitest/config';

/** Shared vitest settings: every package writes test-results.json for scripts/test-summary.ts. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: 20_000,
  },
});
