import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, {
  // `@kalshi-sdk/source` points package.json `imports` (#key-signer) at src/, so tests run the
  // sources without a build; published code resolves the same imports to dist/.
  ssr: { resolve: { conditions: ['@kalshi-sdk/source', 'module', 'node', 'development|production'] } },
});
