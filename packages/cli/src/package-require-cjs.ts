/** `require` resolving from this package (CJS build; the ESM build makes one with `createRequire`). */
export const packageRequire: NodeJS.Require = require;
