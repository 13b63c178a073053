import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as web from '../src/web.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every source file reachable from `entry` through relative imports. */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(src, entry), 'utf8');
  for (const [, spec] of text.matchAll(/from '\.\/([^']+)\.js'/g)) importGraph(`${spec}.ts`, seen);
  return seen;
}

describe('@kalshi-sdk/auth/web', () => {
  it('reaches no node: module and no Node-only global, so it bundles for browsers and Workers', () => {
    const files = [...importGraph('web.ts')].sort();
    expect(files).toContain('webcrypto-signer.ts');
    const offenders = files.filter((file) => /from 'node:|import\('node:|\bBuffer\b|\bprocess\./.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is the main entry minus the Node-only functions', () => {
    expect(Object.keys(main).filter((name) => !(name in web)).sort()).toEqual(['createNodeSigner', 'loadPrivateKey', 'verifySignature']);
  });
});
