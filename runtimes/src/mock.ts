// The mock exchange every smoke program talks to: Node, 127.0.0.1, FIX on, one RSA and one Ed25519 user.
import { generateKeyPairSync } from 'node:crypto';
import { startMockExchange } from '@kalshi-sdk/mock-exchange';

/** What a smoke program is given (as JSON in KALSHI_SDK_SMOKE, or in the body of the request to a worker). */
export interface SmokeContext {
  restUrl: string;
  wsUrl: string;
  controlUrl: string;
  fixPort: number;
  ticker: string;
  keys: { rsa: SmokeKey; ed25519: SmokeKey };
}

/** A private key as Kalshi issues it (RSA: PKCS#1 PEM; Ed25519: PKCS#8 PEM). Test-only keys. */
export interface SmokeKey {
  apiKeyId: string;
  pem: string;
}

export interface SmokeMock {
  context: SmokeContext;
  close(): Promise<void>;
}

export async function startSmokeMock(): Promise<SmokeMock> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');
  const publicPem = (key: typeof rsa.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();
  const mock = await startMockExchange({
    users: [
      { apiKeyId: 'runtimes-rsa', publicKeyPem: publicPem(rsa.publicKey), balanceDollars: '1000' },
      { apiKeyId: 'runtimes-ed25519', publicKeyPem: publicPem(ed.publicKey), balanceDollars: '1000' },
    ],
    fix: {},
  });
  const origin = new URL(mock.restUrl).origin;
  return {
    context: {
      restUrl: mock.restUrl,
      wsUrl: mock.wsUrl,
      controlUrl: `${origin}/__mock`,
      fixPort: mock.fixPort!,
      ticker: 'KXMOCK-26DEC31-A',
      keys: {
        rsa: { apiKeyId: 'runtimes-rsa', pem: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() },
        ed25519: { apiKeyId: 'runtimes-ed25519', pem: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      },
    },
    close: () => mock.close(),
  };
}
