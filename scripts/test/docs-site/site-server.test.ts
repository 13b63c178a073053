import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from '../../docs/site-server.ts';

let parent: string;
let server: StaticServer;

/** GET with the path sent as written (no URL normalisation), like a hand-made request. */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'docs-serve-'));
  mkdirSync(join(parent, 'site/documents'), { recursive: true });
  writeFileSync(join(parent, 'site/index.html'), '<h1>home</h1>');
  writeFileSync(join(parent, 'site/documents/orders.html'), '<h1>orders</h1>');
  writeFileSync(join(parent, 'site/search.js'), 'window.x=1');
  writeFileSync(join(parent, 'secret.txt'), 'outside the site');
  server = await serveDirectory(join(parent, 'site'));
});
afterAll(async () => {
  await server.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('serveDirectory', () => {
  it('listens on loopback', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves a folder as its index.html, and files with their type', async () => {
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' });
    expect(await get('/documents/orders.html?x=1')).toMatchObject({ status: 200, body: '<h1>orders</h1>' });
    expect(await get('/search.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
  });

  it('answers 404 for a missing file, a folder without index.html and anything outside the folder', async () => {
    expect((await get('/documents/missing.html')).status).toBe(404);
    expect((await get('/documents/')).status).toBe(404);
    expect(await get('/%2e%2e/secret.txt')).toMatchObject({ status: 404, body: '404 not found' });
    expect((await get('/../secret.txt')).status).toBe(404);
  });
});
