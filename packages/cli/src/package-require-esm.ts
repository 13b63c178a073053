import { createRequire } from 'node:module';

/** `require` resolving from this package (ESM build; the CJS build uses its own `require`). */
export const packageRequire: NodeJS.Require = createRequire(import.meta.url);
