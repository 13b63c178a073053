import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@kalshi-sdk/auth';

/** One request as the server saw it, with the outcome of checking its signature. */
export interface SeenRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Parsed JSON body, or undefined. */
  readonly json: unknown;
  /** `undefined` unsigned; else whether KALSHI-ACCESS-SIGNATURE verifies over timestamp + METHOD + signedPath. */
  readonly signatureValid: boolean | undefined;
  /** The path the server verified the signature over. */
  readonly signedPath: string;
}

/** What the handler answers: JSON (default 200), raw text, a dropped connection, or never. */
export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { destroy: true }
  | { hang: true };

export interface LoopbackOptions {
  /** Public keys by API key id: signatures are verified with the key named in KALSHI-ACCESS-KEY. */
  readonly keys?: Readonly<Record<string, KeyObject>>;
  /** Maps the received pathname to the path Kalshi would verify (a proxy strips/adds a prefix). Default identity. */
  readonly signedPathOf?: (pathname: string) => string;
  readonly handler: (req: SeenRequest, index: number) => Reply | Promise<Reply>;
}

/** A node:http server on 127.0.0.1:0 that records requests, checks signatures and replies per `handler`. */
export interface Loopback {
  readonly origin: string;
  /** `${origin}/trade-api/v2` */
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startLoopback(options: LoopbackOptions): Promise<Loopback> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req.method ?? '', req.url ?? '', req.headers, Buffer.concat(chunks).toString('utf8'), res);
    });
  });

  async function handle(method: string, url: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse) {
    const parsed = new URL(url, 'http://x');
    const signedPath = (options.signedPathOf ?? ((p) => p))(parsed.pathname);
    let signatureValid: boolean | undefined;
    const sig = headers['kalshi-access-signature'];
    if (sig !== undefined) {
      const publicKey = options.keys?.[String(headers['kalshi-access-key'])];
      signatureValid =
        publicKey !== undefined &&
        typeof sig === 'string' &&
        verifySignature({ publicKey, message: `${String(headers['kalshi-access-timestamp'])}${method}${signedPath}`, signature: sig });
    }
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const seen: SeenRequest = { method, url, pathname: parsed.pathname, query: parsed.searchParams, headers, body, json, signatureValid, signedPath };
    requests.push(seen);
    const reply = await options.handler(seen, requests.length - 1);
    if ('destroy' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('hang' in reply) return;
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/trade-api/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh RSA-2048 key pair (the private key as PKCS#1 PEM, as Kalshi issues it). */
export function makeKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey };
}
