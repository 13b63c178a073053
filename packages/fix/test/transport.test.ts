import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { connectFixTransport, isLoopbackHost } from '../src/transport/connect.js';
import { KALSHI_FIX_HOSTS, KALSHI_FIX_SESSIONS, kalshiFixEndpoint } from '../src/transport/endpoints.js';
import { FixTransportError } from '../src/transport/errors.js';
import { createMemoryDuplexPair } from '../src/transport/memory-duplex.js';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './support/tls-fixture.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An echo server: what the client writes comes back. */
function echo(socket: import('node:net').Socket): void {
  socket.on('data', (d) => socket.write(d));
  socket.on('error', () => undefined);
}

describe('session table', () => {
  it.each([
    ['KalshiNR', 8228, false],
    ['KalshiDC', 8229, false],
    ['KalshiRT', 8230, true],
    ['KalshiPT', 8231, true],
    ['KalshiRFQ', 8232, false],
  ] as const)('%s: port %i, retransmission %s', (name, port, retransmission) => {
    expect(KALSHI_FIX_SESSIONS[name]).toMatchObject({ targetCompId: name, port, retransmission });
    expect(kalshiFixEndpoint(name)).toMatchObject({ host: 'fix.demo.kalshi.co', port });
    expect(kalshiFixEndpoint(name, 'production')).toMatchObject({ host: 'mm.fix.elections.kalshi.com', port });
  });

  it('defaults to demo and refuses unknown names', () => {
    expect(KALSHI_FIX_HOSTS).toEqual({ production: 'mm.fix.elections.kalshi.com', demo: 'fix.demo.kalshi.co' });
    expect(() => kalshiFixEndpoint('KalshiXX' as 'KalshiNR')).toThrow(expect.objectContaining({ code: 'FIX_UNKNOWN_ENDPOINT' }));
    expect(() => kalshiFixEndpoint('KalshiNR', 'staging' as 'demo')).toThrow(expect.objectContaining({ code: 'FIX_UNKNOWN_ENDPOINT' }));
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['fix.demo.kalshi.co', false],
    ['127.0.0.1.nip.io', false],
  ])('%s → %s', (host, want) => {
    expect(isLoopbackHost(host)).toBe(want);
  });
});

describe('connectFixTransport', () => {
  it('refuses plain TCP to a host that is not loopback, before connecting', async () => {
    const error = await connectFixTransport({ host: 'fix.demo.kalshi.co', port: 8228, tls: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixTransportError);
    expect(error).toMatchObject({ code: 'FIX_PLAINTEXT_NOT_LOOPBACK', host: 'fix.demo.kalshi.co', port: 8228 });
  });

  it.each([['minVersion'], ['maxVersion']])('refuses %s below TLS 1.2', async (key) => {
    await expect(connectFixTransport({ host: '127.0.0.1', port: 1, tls: { [key]: 'TLSv1.1' } })).rejects.toMatchObject({ code: 'FIX_TLS_TOO_OLD' });
  });

  it('connects over plain TCP to loopback', async () => {
    const port = await listen(createNetServer(echo));
    const socket = await connectFixTransport({ host: '127.0.0.1', port, tls: false });
    const back = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.write('8=FIXT.1.1\x01');
    expect(await back).toBe('8=FIXT.1.1\x01');
    socket.destroy();
  });

  it('connects over TLS 1.2+ and checks the certificate against the host name', async () => {
    const port = await listen(createTlsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, echo));
    const socket = (await connectFixTransport({ host: 'localhost', port, tls: { ca: TEST_TLS_CERT } })) as TLSSocket;
    expect(['TLSv1.2', 'TLSv1.3']).toContain(socket.getProtocol());
    expect(socket.authorized).toBe(true);
    socket.destroy();
    await expect(connectFixTransport({ host: 'localhost', port })).rejects.toMatchObject({ code: 'FIX_CONNECT_FAILED', causeCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('reports a refused connection with its system code', async () => {
    const port = await listen(createNetServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(connectFixTransport({ host: '127.0.0.1', port, tls: false })).rejects.toMatchObject({ code: 'FIX_CONNECT_FAILED', causeCode: 'ECONNREFUSED' });
  });

  it('times out', async () => {
    // A TLS client waits for a handshake a plain TCP server never starts.
    const port = await listen(createNetServer((s) => s.on('error', () => undefined).resume()));
    await expect(connectFixTransport({ host: '127.0.0.1', port, connectTimeoutMs: 100 })).rejects.toMatchObject({ code: 'FIX_CONNECT_TIMEOUT' });
  });
});

describe('createMemoryDuplexPair', () => {
  it('carries bytes both ways and ends the other side', async () => {
    const [a, b] = createMemoryDuplexPair();
    const got = new Promise<string>((resolve) => b.once('data', (d: Uint8Array) => resolve(Buffer.from(d).toString())));
    a.write(Buffer.from('ping'));
    expect(await got).toBe('ping');
    const back = new Promise<string>((resolve) => a.once('data', (d: Uint8Array) => resolve(Buffer.from(d).toString())));
    b.write(Buffer.from('pong'));
    expect(await back).toBe('pong');
    const ended = new Promise((resolve) => b.once('end', resolve));
    b.resume();
    a.end();
    await ended;
  });
});
