import { isIP, connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { FixTransportError } from './errors.js';

/** TLS settings for {@link connectFixTransport}: Node's, minus what the transport sets itself. */
export type FixTlsOptions = Omit<ConnectionOptions, 'host' | 'port' | 'socket' | 'path'>;

/** Options of {@link connectFixTransport}. */
export interface FixTransportOptions {
  readonly host: string;
  readonly port: number;
  /**
   * TLS (default `true`): TLS 1.2 or newer over node:tls, with the host name checked against
   * the certificate. Pass options to pin Kalshi's certificate (`ca`, `checkServerIdentity`).
   * `false` is plain TCP, allowed only to loopback addresses (a local acceptor, or a local
   * TLS proxy such as stunnel).
   */
  readonly tls?: boolean | FixTlsOptions;
  /** Milliseconds to connect and finish the TLS handshake; default 10,000. */
  readonly connectTimeoutMs?: number;
  /** Aborts the attempt. */
  readonly signal?: AbortSignal;
}

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped 127.0.0.0/8. */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (h.toLowerCase() === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    const lower = h.toLowerCase();
    return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 && lower.slice(7).startsWith('127.'));
  }
  return false;
}

/**
 * Opens the byte stream a FIX session runs over: a TLS 1.2+ socket (Kalshi's gateways accept
 * nothing else; doc page /fix/connectivity, "TCP SSL Configuration"), or plain TCP to a
 * loopback address. Nagle's algorithm is off: FIX messages are small and latency matters.
 *
 * @throws FixTransportError `FIX_PLAINTEXT_NOT_LOOPBACK` (plain TCP to another host),
 *   `FIX_TLS_TOO_OLD` (`minVersion` or `maxVersion` below TLSv1.2), `FIX_CONNECT_FAILED`,
 *   `FIX_CONNECT_TIMEOUT`.
 */
export async function connectFixTransport(options: FixTransportOptions): Promise<Duplex> {
  const { host, port } = options;
  const tlsOption = options.tls ?? true;
  if (tlsOption === false && !isLoopbackHost(host)) {
    throw new FixTransportError('FIX_PLAINTEXT_NOT_LOOPBACK', `plain TCP is only allowed to loopback addresses, not ${host}: use TLS`, { host, port });
  }
  const tlsOptions: FixTlsOptions = tlsOption === true ? {} : tlsOption === false ? {} : tlsOption;
  for (const key of ['minVersion', 'maxVersion'] as const) {
    const v = tlsOptions[key];
    if (v !== undefined && TLS_VERSIONS.indexOf(v) < TLS_VERSIONS.indexOf('TLSv1.2')) {
      throw new FixTransportError('FIX_TLS_TOO_OLD', `${key} ${v} is older than TLS 1.2`, { host, port });
    }
  }
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const socket: Socket =
    tlsOption === false
      ? netConnect({ host, port })
      : tlsConnect({
          ...(isIP(host) === 0 ? { servername: host } : {}),
          ...tlsOptions,
          minVersion: tlsOptions.minVersion ?? 'TLSv1.2',
          host,
          port,
        });
  socket.setNoDelay(true);
  const ready = tlsOption === false ? 'connect' : 'secureConnect';
  await new Promise<void>((resolve, reject) => {
    const fail = (error: FixTransportError) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) => {
      const causeCode = (error as { code?: unknown }).code;
      fail(
        new FixTransportError('FIX_CONNECT_FAILED', `cannot connect to ${host}:${port}: ${error.message}`, {
          host,
          port,
          ...(typeof causeCode === 'string' ? { causeCode } : {}),
          cause: error,
        }),
      );
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onAbort = () => fail(new FixTransportError('FIX_CONNECT_FAILED', `connecting to ${host}:${port} was aborted`, { host, port, causeCode: 'ABORT_ERR' }));
    const timer = setTimeout(() => fail(new FixTransportError('FIX_CONNECT_TIMEOUT', `no connection to ${host}:${port} within ${timeoutMs} ms`, { host, port })), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off(ready, onReady);
      options.signal?.removeEventListener('abort', onAbort);
    };
    socket.once('error', onError);
    socket.once(ready, onReady);
    if (options.signal?.aborted === true) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  return socket;
}
