/** The options of a `KalshiFixClient`: which Kalshi session, how to connect, sign, store and reconnect. */
import type { Duplex } from 'node:stream';
import { credentialsSigner } from '#key-signer';
import { credentialsFromEnv, KalshiAuthError, type KalshiCredentials, type KalshiLogger, type Signer } from '@kalshi-sdk/auth/web';
import { FixSessionError } from '../session/errors.js';
import type { FixClock } from '../session/clock.js';
import type { KalshiLogonOptions } from '../session/kalshi-logon.js';
import type { ReconnectPolicy } from '../session/reconnect.js';
import type { FixSessionStore } from '../store/session-store.js';
import type { FixTlsOptions } from '../transport/connect.js';
import type { KalshiFixEnvironment, KalshiFixSessionName } from '../transport/endpoints.js';

/** Options of {@link KalshiFixClient}. */
export interface KalshiFixClientOptions {
  /**
   * The API key: `apiKeyId` is SenderCompID(49); the key signs the Logon's RawData(96).
   * `{ apiKeyId, privateKey, passphrase? }` (PEM text, a PEM file path, a `KeyObject` or a
   * `CryptoKey`) or `{ apiKeyId, signer }`: the shape `@kalshi-sdk/rest` and `@kalshi-sdk/ws` take.
   * On Node, Bun and Deno a key signs with `node:crypto`; in a bundle without the `node` condition
   * (Cloudflare Workers) with WebCrypto, which takes PEM text (RSA or Ed25519, PKCS#1 or PKCS#8)
   * or a `CryptoKey` only: a file path, a `KeyObject` or a `passphrase` there throws
   * `FIX_INVALID_OPTIONS` (`field: 'credentials.privateKey'` or `'credentials.passphrase'`).
   * Default: `credentialsFromEnv()` (`KALSHI_API_KEY_ID` with `KALSHI_PRIVATE_KEY` or
   * `KALSHI_PRIVATE_KEY_PATH`). Every FIX session logs on with a signature (/fix/authentication),
   * so with neither the constructor throws `FIX_INVALID_OPTIONS` (`field: 'credentials'`).
   */
  readonly credentials?: KalshiCredentials;
  /** @deprecated Use `credentials: { apiKeyId, signer }`. Your Kalshi API key id: SenderCompID(49). */
  readonly apiKeyId?: string;
  /** @deprecated Use `credentials: { apiKeyId, signer }`. Signs the Logon's RawData(96). */
  readonly signer?: Signer;
  /**
   * Where the client logs: pino, `console`, `consoleLogger(level)` from `@kalshi-sdk/auth`, or any
   * `KalshiLogger` (`(fields, message)`). `info`: logged on, logged out; `warn`: session lost,
   * reconnecting, sequence gap (and whether a ResendRequest(2) went out), session and business
   * rejects; `debug`: each inbound application message (`msgType`, `seqNum`, `possDup`); `error`:
   * a failure the client gave up on. Secrets are redacted. Default: none.
   */
  readonly logger?: KalshiLogger;
  /** TargetCompID(56): which Kalshi session. */
  readonly session: KalshiFixSessionName;
  /** Default `'demo'` (fix.demo.kalshi.co). */
  readonly environment?: KalshiFixEnvironment;
  /** Overrides the table's host (a local proxy or acceptor). */
  readonly host?: string;
  /** Overrides the table's port. */
  readonly port?: number;
  /** TLS options (certificate pinning) or `false` for plain TCP to a loopback address. Default `true`. */
  readonly tls?: boolean | FixTlsOptions;
  /** Opens the byte stream for each connection instead of host/port/tls (in-memory duplexes, custom proxies). */
  readonly connect?: () => Promise<Duplex>;
  /** HeartBtInt(108), whole seconds; Kalshi requires more than 3 (/fix/authentication: "N > 3"). Default 30. */
  readonly heartbeatIntervalSec?: number;
  /** Kalshi's Logon flags (UseDollars, CancelOrdersOnDisconnect, ...). */
  readonly logon?: KalshiLogonOptions;
  /**
   * Log on with ResetSeqNumFlag(141)=Y. Always on for sessions without retransmission
   * (KalshiNR, KalshiDC, KalshiRFQ), which Kalshi requires (`false` there is refused); optional
   * on KalshiRT and KalshiPT, the sessions with retransmission (off keeps both sequence numbers
   * for ResendRequest). Default: on exactly for those three. Doc page: /fix/authentication.
   */
  readonly resetSeqNumOnLogon?: boolean;
  /**
   * Sequence numbers and sent messages. Default: a `FileSessionStore` in `storeDir` for
   * sessions with retransmission, a `MemorySessionStore` otherwise.
   */
  readonly store?: FixSessionStore;
  /** Directory of the default file store; default `.kalshi-fix` in the working directory. */
  readonly storeDir?: string;
  readonly clock?: FixClock;
  /** Reconnect after an established session drops; `false` to stay down. Default: backoff from 1 s to 30 s. */
  readonly reconnect?: false | ReconnectPolicy;
  /** See FixSessionCommonOptions. */
  readonly maxSendingTimeDriftMs?: number;
  readonly logonTimeoutMs?: number;
  readonly logoutTimeoutMs?: number;
}

/** {@link KalshiFixClientOptions} with the credentials resolved. */
export type ResolvedFixClientOptions = KalshiFixClientOptions & { readonly apiKeyId: string; readonly signer: Signer };

function invalid(field: string, message: string): FixSessionError {
  return new FixSessionError('FIX_INVALID_OPTIONS', message, { field });
}

/**
 * `credentials`, else the deprecated `apiKeyId` + `signer`, else the `KALSHI_*` environment.
 * @throws FixSessionError `FIX_INVALID_OPTIONS` naming the field (`credentials`, `apiKeyId`,
 *   `signer`, `credentials.apiKeyId`, `KALSHI_PRIVATE_KEY`, and outside Node `credentials.privateKey`
 *   for a file path or `credentials.passphrase`, ...); KalshiAuthError from key loading
 *   (`KEY_MALFORMED`, `KEY_FILE_UNREADABLE`, ...). Never key material.
 */
export function resolveFixOptions(options: KalshiFixClientOptions): ResolvedFixClientOptions {
  const legacy = options.apiKeyId !== undefined || options.signer !== undefined;
  if (legacy && options.credentials !== undefined) throw invalid('credentials', 'Pass credentials or the deprecated apiKeyId and signer, not both.');
  if (legacy) {
    if (typeof options.apiKeyId !== 'string' || options.apiKeyId === '') throw invalid('apiKeyId', 'apiKeyId (SenderCompID) is required with signer.');
    if (options.signer === undefined) throw invalid('signer', 'signer is required with apiKeyId.');
    return { ...options, apiKeyId: options.apiKeyId, signer: options.signer };
  }
  try {
    const credentials = options.credentials ?? credentialsFromEnv();
    if (credentials === undefined) {
      throw invalid(
        'credentials',
        'Kalshi FIX sessions log on with a signed RawData(96): pass credentials: { apiKeyId, privateKey } or set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY / KALSHI_PRIVATE_KEY_PATH.',
      );
    }
    return { ...options, apiKeyId: credentials.apiKeyId, signer: credentialsSigner(credentials) };
  } catch (error) {
    if (error instanceof KalshiAuthError && error.code === 'CREDENTIALS_INVALID') throw invalid(error.field ?? 'credentials', error.message);
    throw error;
  }
}
