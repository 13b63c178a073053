import { describe, expect, it } from 'vitest';
import { cjsManifest } from '../../packaging/cjs-manifest.ts';

describe('cjsManifest', () => {
  it.each([
    ['a package without imports', { given: {}, want: { type: 'commonjs' } }],
    [
      'the CJS targets of a conditional import, relative to dist/cjs',
      {
        given: {
          imports: {
            '#key-signer': {
              '@kalshi-sdk/source': { node: './src/key-signer-node.ts', default: './src/key-signer-web.ts' },
              node: { import: './dist/key-signer-node.js', require: './dist/cjs/key-signer-node.js' },
              import: './dist/key-signer-web.js',
              require: './dist/cjs/key-signer-web.js',
            },
          },
        },
        want: { type: 'commonjs', imports: { '#key-signer': { node: { require: './key-signer-node.js' }, require: './key-signer-web.js' } } },
      },
    ],
    ['nothing for an import with no CJS target', { given: { imports: { '#esm': './dist/esm-only.js', '#dep': 'some-package' } }, want: { type: 'commonjs' } }],
  ])('%s', (_name, { given, want }) => {
    expect(cjsManifest(given)).toEqual(want);
  });
});
