import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@kalshi-sdk/auth';
import { SpecValidator } from './spec-validator.js';

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
  /** How the request breaks specs/openapi.yaml; empty when it conforms (or when not checked). */
  readonly violations: readonly string[];
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
  /**
   * Check every request against specs/openapi.yaml (default `true`): a request that breaks it is
   * recorded in `violations`, and `close()` then fails the test.
   */
  readonly checkSpec?: boolean;
}

/**
 * A node:http server on 127.0.0.1:0 that records requests, verifies their signatures, checks
 * them against the spec and replies per `handler`.
 */
export interface Loopback {
  readonly origin: string;
  /** `${origin}/trade-api/v2` */
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  /** Spec violations of every request so far, `METHOD path: problem`. */
  readonly violations: string[];
  /** Stops the server. @throws Error listing `violations` when there are any: the test sent a request the spec forbids. */
  close(): Promise<void>;
}

let validator: SpecValidator | undefined;

export async function startLoopback(options: LoopbackOptions): Promise<Loopback> {
  const requests: SeenRequest[] = [];
  const violations: string[] = [];
  const spec = options.checkSpec === false ? undefined : (validator ??= new SpecValidator());
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
    const problems = spec?.check({ method, path: signedPath, query: parsed.searchParams, headers, body }) ?? [];
    violations.push(...problems);
    const seen: SeenRequest = { method, url, pathname: parsed.pathname, query: parsed.searchParams, headers, body, json, signatureValid, signedPath, violations: problems };
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
    violations,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (violations.length > 0) throw new Error(`The client sent requests the spec forbids:\n${violations.join('\n')}`);
    },
  };
}

/** A fresh RSA-2048 key pair (the private key as PKCS#1 PEM, as Kalshi issues it). */
export function makeKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey };
}
