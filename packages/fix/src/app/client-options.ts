/** The options of a `KalshiFixClient`: which Kalshi session, how to connect, sign, store and reconnect. */
import type { Duplex } from 'node:stream';
import type { Signer } from '@kalshi-sdk/auth';
import type { FixClock } from '../session/clock.js';
import type { KalshiLogonOptions } from '../session/kalshi-logon.js';
import type { ReconnectPolicy } from '../session/reconnect.js';
import type { FixSessionStore } from '../store/session-store.js';
import type { FixTlsOptions } from '../transport/connect.js';
import type { KalshiFixEnvironment, KalshiFixSessionName } from '../transport/endpoints.js';

/** Options of {@link KalshiFixClient}. */
export interface KalshiFixClientOptions {
  /** Your Kalshi API key id: SenderCompID(49). */
  readonly apiKeyId: string;
  /** Signs the Logon's RawData(96); see `@kalshi-sdk/auth` `createNodeSigner`. */
  readonly signer: Signer;
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
