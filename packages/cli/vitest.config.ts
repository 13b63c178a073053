import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, {
  // `@kalshi-sdk/source` points package.json `imports` (#package-require) at src/ for tests that import the sources.
  ssr: { resolve: { conditions: ['@kalshi-sdk/source', 'module', 'node', 'development|production'] } },
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
