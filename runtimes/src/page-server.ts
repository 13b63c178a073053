// The browser smoke page's server on 127.0.0.1: the page and its bundles, the smoke context, the
// results the page posts back, and a same-origin path to the mock (/trade-api/*, /__mock/*, passed
// through unchanged, so signatures over the path still verify and the page needs no CORS).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';

export interface PageServer {
  origin: string;
  /** The text the page posted to /results. */
  results: Promise<string>;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>kalshi-sdk runtime smoke</title><script type="module" src="/browser.js"></script>\n';

/** Serves `dir`'s browser.js (and browser-ws.js when present) and `context(origin)` as /context.json; proxies to `mockOrigin`. */
export async function startPageServer(dir: string, mockOrigin: string, context: (origin: string) => unknown): Promise<PageServer> {
  let deliver!: (text: string) => void;
  const results = new Promise<string>((resolve) => (deliver = resolve));
  let origin = '';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://page').pathname;
      const body = await readBody(request);
      if (path.startsWith('/trade-api/') || path.startsWith('/__mock/')) {
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
        const upstream = await fetch(`${mockOrigin}${request.url}`, { method: request.method!, headers, ...(body.length ? { body } : {}) });
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
        response.end(Buffer.from(await upstream.arrayBuffer()));
      } else if (path === '/results' && request.method === 'POST') {
        deliver(body.toString());
        response.end('ok');
      } else if (path === '/context.json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(context(origin)));
      } else if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      } else if (path === '/browser.js' || path === '/browser-ws.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, path.slice(1))));
      } else {
        response.writeHead(404).end();
      }
    })().catch((error: Error) => response.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    results,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
