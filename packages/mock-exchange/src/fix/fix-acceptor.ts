/**
 * The simulator's FIX acceptor: Kalshi's five sessions (KalshiNR and KalshiRT order entry,
 * KalshiDC drop copy, KalshiPT post trade, KalshiRFQ market makers) on one loopback port, told
 * apart by TargetCompID(56), over plain TCP or TLS with a certificate made at start-up. It checks the Logon like Kalshi (SenderCompID is the API key
 * id, RawData(96) its signature of SendingTime␁MsgType␁MsgSeqNum␁SenderCompID␁TargetCompID;
 * the session rules of `session-rules.ts`; one connection per API key), runs the session with
 * `@kalshi-sdk/fix`, writing SenderCompID(49) `Kalshi`, and hands orders to the same matching
 * engine as the REST and WebSocket sides. Doc pages: /fix/connectivity, /fix/authentication,
 * /fix/common-components, /fix/error-handling, /fix/drop-copy, /fix/market-settlement,
 * /fix/rfq-messages.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { fixLogonMessage, verifySignature } from '@kalshi-sdk/auth';
import {
  FixCodec,
  type FixClock,
  type FixLogonDecision,
  type FixMessage,
  type FixMessageOf,
  FixPriceFormat,
  FixSession,
  formatUtcTimestamp,
  MemorySessionStore,
  parseUtcTimestamp,
} from '@kalshi-sdk/fix';
import type { ApiKey } from '../auth.js';
import type { MatchingEngine } from '../engine/matching-engine.js';
import type { Clock } from '../engine/types.js';
import { FaultyDuplex, isAdminMsgType, msgTypeOf } from './faulty-duplex.js';
import { FixOrderDesk } from './order-desk.js';
import { makeSelfSignedCertificate } from './self-signed-certificate.js';
import { type KalshiSessionName, logonFieldsProblem, receivesSettlementReports, sessionRule } from './session-rules.js';
import { SettlementReports } from './settlement-reports.js';

/** The Kalshi sessions the simulator serves: all five (TargetCompID 56). */
export type MockFixSessionName = KalshiSessionName;

/** Which sessions a fault applies to. */
export interface FixSessionFilter {
  /** Only this API key's session; default all. */
  readonly apiKeyId?: string;
  /** Only this TargetCompID; default both. */
  readonly session?: MockFixSessionName;
}

/** Logon flags the simulator honours. */
export interface MockFixLogonFlags {
  readonly useDollars: boolean;
  readonly cancelOrdersOnDisconnect: boolean;
  readonly useExpiredOrdStatus: boolean;
  readonly enableIocCancelReport: boolean;
  readonly preserveOriginalOrderQty: boolean;
  /** ListenerSession(20126)=Y: read-only, orders are refused with BusinessMessageReject. */
  readonly listener: boolean;
}

/** What the last accepted Logon of a slot asked for that outlives its connection. */
export interface FixSlotSubscriptions {
  /** MarketSettlementReports are sent (KalshiPT unless 20127=N, KalshiRT with 20127=Y). */
  readonly settlementReports: boolean;
}

/** One Kalshi session of one API key: sequence numbers (kept across connections on KalshiRT) and the live connection. */
export interface FixSessionSlot {
  readonly key: string;
  readonly apiKeyId: string;
  readonly userId: string;
  readonly target: MockFixSessionName;
  readonly store: MemorySessionStore;
  subscriptions: FixSlotSubscriptions;
  live: { readonly session: FixSession; readonly duplex: FaultyDuplex; readonly prices: FixPriceFormat; readonly flags: MockFixLogonFlags } | undefined;
}

/** A message the acceptor received or sent, for tests and recordings. */
export interface FixTraffic {
  readonly direction: 'in' | 'out';
  readonly apiKeyId: string;
  readonly session: MockFixSessionName;
  readonly message: FixMessage;
}

/** Options of {@link MockFixAcceptor.start}. */
export interface MockFixAcceptorOptions {
  readonly engine: MatchingEngine;
  readonly keys: ReadonlyMap<string, ApiKey>;
  readonly clock: Clock;
  /** Loopback port; default 0 (any free port). */
  readonly port?: number;
  /** Largest accepted distance between SendingTime(52) and the simulator's clock, ms. */
  readonly timestampToleranceMs: number;
  /**
   * Listen with TLS (1.2 or newer) using a self-signed certificate made at start-up
   * ({@link MockFixAcceptor.certificatePem}); default plain TCP.
   */
  readonly tls?: boolean;
}

/** SenderCompID(49) of everything Kalshi sends (/fix/common-components: "`Kalshi` when receiving"). */
const KALSHI_COMP_ID = 'Kalshi';

/**
 * Kalshi's FIX gateway in miniature. Started by `startMockExchange({ fix: {} })`; its port is
 * `fixPort`. Plain TCP on 127.0.0.1 by default (clients connect with `tls: false`, which the SDK
 * allows to loopback only); with `fix: { tls: true }`, TLS with a self-signed certificate that
 * clients trust by passing {@link certificatePem} as `tls: { ca }`.
 */
export class MockFixAcceptor {
  /** The port it listens on. */
  readonly port: number;
  /**
   * The self-signed certificate (PEM) when listening with TLS, valid for 127.0.0.1, ::1 and
   * localhost; `undefined` on plain TCP.
   */
  readonly certificatePem: string | undefined;
  private readonly server: Server;
  private readonly slots = new Map<string, FixSessionSlot>();
  /** The one connection each API key may have (/fix/connectivity), from an accepted Logon until it closes. */
  private readonly connections = new Map<string, FixSession>();
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<(traffic: FixTraffic) => void>();
  private readonly desk: FixOrderDesk;
  private readonly settlements: SettlementReports;
  private readonly codec = new FixCodec();
  private dropRules: Array<FixSessionFilter & { readonly msgType: string | undefined }> = [];

  private constructor(
    private readonly options: MockFixAcceptorOptions,
    server: Server,
    certificatePem: string | undefined,
  ) {
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.certificatePem = certificatePem;
    const send = (slot: FixSessionSlot, msgType: string, body: unknown) => this.send(slot, msgType, body);
    this.desk = new FixOrderDesk(options.engine, send, () => this.slots.values());
    this.settlements = new SettlementReports(options.engine, () => this.slots.values(), send);
  }

  /** Listens on 127.0.0.1. Rejects with the listen error (port taken). */
  static async start(options: MockFixAcceptorOptions): Promise<MockFixAcceptor> {
    const certificate = options.tls === true ? makeSelfSignedCertificate('kalshi-mock') : undefined;
    const server = certificate === undefined ? createServer() : createTlsServer({ key: certificate.keyPem, cert: certificate.certPem, minVersion: 'TLSv1.2' });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const acceptor = new MockFixAcceptor(options, server, certificate?.certPem);
    server.on(certificate === undefined ? 'connection' : 'secureConnection', (socket: Socket) => acceptor.onConnection(socket));
    return acceptor;
  }

  /**
   * Sees every message the acceptor decodes from a client (`in`, application and session level)
   * and every application message it sends (`out`).
   * @returns a function that removes the listener.
   */
  on(listener: (traffic: FixTraffic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while the API key is logged on to the session. */
  isLoggedOn(apiKeyId: string, session: MockFixSessionName): boolean {
    return this.slots.get(`${apiKeyId}\0${session}`)?.live?.session.state === 'active';
  }

  /** The simulator's sequence numbers for a session (`undefined` before its first logon). */
  sequenceNumbers(apiKeyId: string, session: MockFixSessionName): { readonly nextSenderSeqNum: number; readonly nextTargetSeqNum: number } | undefined {
    const store = this.slots.get(`${apiKeyId}\0${session}`)?.store;
    return store === undefined ? undefined : { nextSenderSeqNum: store.nextSenderSeqNum, nextTargetSeqNum: store.nextTargetSeqNum };
  }

  /** Fault injection. */
  readonly faults = {
    /**
     * The next outbound message (of `msgType`, default any application message) to the matching
     * sessions is numbered and stored but never written: the client sees a sequence gap.
     */
    dropNextMessage: (filter: FixSessionFilter & { readonly msgType?: string } = {}): void => {
      this.dropRules.push({ ...filter, msgType: filter.msgType });
    },
    /**
     * Sends each matching live session an ExecutionReport that breaks the dictionary (Side(54)=9)
     * with a valid frame and the next sequence number: the client must answer with Reject(3).
     */
    sendInvalidMessage: (filter: FixSessionFilter = {}): void => {
      for (const slot of this.matching(filter)) {
        if (slot.live === undefined) continue;
        const seq = slot.store.nextSenderSeqNum;
        const body =
          `35=8\x0149=${KALSHI_COMP_ID}\x0156=${slot.apiKeyId}\x0134=${seq}\x0152=${formatUtcTimestamp(this.options.clock.now())}\x01` +
          '37=X\x0111=X\x0117=X\x01150=0\x0139=0\x0154=9\x0155=X\x01151=0\x0114=0\x016=0\x0138=0\x01';
        slot.store.setNextSenderSeqNum(seq + 1);
        slot.live.duplex.writeRaw(frame(body));
      }
    },
    /** Drops the matching connections without a Logout, as a network failure would. */
    disconnect: (filter: FixSessionFilter = {}): void => {
      for (const slot of this.matching(filter)) slot.live?.duplex.destroy();
    },
  };

  /** Closes every connection and the listening socket. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.desk.close();
    this.settlements.close();
  }

  private *matching(filter: FixSessionFilter): Iterable<FixSessionSlot> {
    for (const slot of this.slots.values()) {
      if (filter.apiKeyId !== undefined && slot.apiKeyId !== filter.apiKeyId) continue;
      if (filter.session !== undefined && slot.target !== filter.session) continue;
      yield slot;
    }
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    const duplex = new FaultyDuplex(socket);
    let slot: FixSessionSlot | undefined;
    let flags: MockFixLogonFlags | undefined;
    const clock = this.options.clock;
    const fixClock: FixClock = { now: () => clock.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) };
    const session: FixSession = new FixSession({
      role: 'acceptor',
      clock: fixClock,
      maxSendingTimeDriftMs: this.options.timestampToleranceMs,
      onLogon: (logon) => {
        const decision = this.checkLogon(logon);
        if (!decision.accept) return { ...decision, localCompId: KALSHI_COMP_ID };
        slot = decision.slot;
        flags = decision.flags;
        this.connections.set(slot.apiKeyId, session);
        return { accept: true, store: slot.store, retransmission: decision.retransmission, localCompId: KALSHI_COMP_ID };
      },
    });
    duplex.dropWrite = (bytes) => this.shouldDrop(slot, bytes);
    session.on('message', (message) => {
      if (slot === undefined) return;
      this.emit({ direction: 'in', apiKeyId: slot.apiKeyId, session: slot.target, message });
      this.desk.handle(slot, message);
    });
    session.on('reject', (message) => {
      if (slot !== undefined) this.emit({ direction: 'in', apiKeyId: slot.apiKeyId, session: slot.target, message });
    });
    session.on('state', (state) => {
      // Set before the session delivers any message held during the logon check.
      if (state === 'active' && slot !== undefined && flags !== undefined) slot.live = { session, duplex, prices: new FixPriceFormat(flags.useDollars), flags };
    });
    session.start(duplex).catch(() => undefined);
    void session.closed.then(() => {
      if (slot !== undefined && this.connections.get(slot.apiKeyId) === session) this.connections.delete(slot.apiKeyId);
      if (slot === undefined || slot.live?.session !== session) return;
      const live = slot.live;
      slot.live = undefined;
      if (live.flags.cancelOrdersOnDisconnect) this.desk.cancelSessionOrders(slot);
    });
  }

  private checkLogon(
    logon: FixMessageOf<'A'>,
  ): { accept: true; slot: FixSessionSlot; flags: MockFixLogonFlags; retransmission: boolean } | Extract<FixLogonDecision, { accept: false }> {
    const { header, body } = logon;
    const refuse = (text: string) => ({ accept: false as const, text });
    const rule = sessionRule(header.TargetCompID);
    if (rule === undefined) return refuse(`unknown TargetCompID ${header.TargetCompID}`);
    const target = header.TargetCompID as MockFixSessionName;
    const key = this.options.keys.get(header.SenderCompID);
    if (key === undefined) return refuse('unknown API key');
    if (body.RawData === undefined) return refuse('RawData (96) signature required');
    const message = fixLogonMessage({ sendingTime: header.SendingTime, msgType: 'A', msgSeqNum: header.MsgSeqNum, senderCompId: header.SenderCompID, targetCompId: header.TargetCompID });
    if (!verifySignature({ publicKey: key.publicKey, message, signature: body.RawData })) return refuse('invalid signature');
    if (Math.abs(this.options.clock.now() - parseUtcTimestamp(header.SendingTime)) > this.options.timestampToleranceMs) return refuse('SendingTime accuracy problem');
    const problem = logonFieldsProblem(target, body);
    if (problem !== undefined) return refuse(problem);
    // /fix/error-handling: a second connection with the same API key gets Logout Text "already exists".
    if (this.connections.has(header.SenderCompID)) return refuse('already exists');
    const slotKey = `${header.SenderCompID}\0${target}`;
    const subscriptions: FixSlotSubscriptions = { settlementReports: receivesSettlementReports(target, body.ReceiveSettlementReports) };
    let slot = this.slots.get(slotKey);
    if (slot === undefined) {
      slot = { key: slotKey, apiKeyId: header.SenderCompID, userId: key.userId, target, store: new MemorySessionStore(), subscriptions, live: undefined };
      this.slots.set(slotKey, slot);
    }
    slot.subscriptions = subscriptions;
    const flags: MockFixLogonFlags = {
      useDollars: body.UseDollars === true,
      cancelOrdersOnDisconnect: body.CancelOrdersOnDisconnect === true,
      useExpiredOrdStatus: body.UseExpiredOrdStatus === true,
      enableIocCancelReport: body.EnableIocCancelReport === true,
      preserveOriginalOrderQty: body.PreserveOriginalOrderQty === true,
      listener: body.ListenerSession === true,
    };
    return { accept: true, slot, flags, retransmission: rule.retransmission };
  }

  /**
   * Sends an application message on a session. While a KalshiRT session is disconnected the
   * message is numbered and stored, so the client's ResendRequest after its next Logon gets it;
   * on KalshiNR it is lost, as on Kalshi.
   */
  private send(slot: FixSessionSlot, msgType: string, body: unknown): void {
    const message = { msgType, body } as FixMessage;
    const live = slot.live;
    if (live !== undefined && live.session.state === 'active') {
      live.session.send(msgType as never, body as never);
    } else if (sessionRule(slot.target)?.retransmission === true) {
      const seq = slot.store.nextSenderSeqNum;
      const header = { SenderCompID: KALSHI_COMP_ID, TargetCompID: slot.apiKeyId, MsgSeqNum: seq, SendingTime: formatUtcTimestamp(this.options.clock.now()) };
      slot.store.saveOutbound(seq, this.codec.encode({ msgType, header, body } as FixMessage));
      slot.store.setNextSenderSeqNum(seq + 1);
    } else {
      return;
    }
    this.emit({ direction: 'out', apiKeyId: slot.apiKeyId, session: slot.target, message });
  }

  private shouldDrop(slot: FixSessionSlot | undefined, bytes: Uint8Array): boolean {
    if (slot === undefined || this.dropRules.length === 0) return false;
    const msgType = msgTypeOf(bytes);
    if (msgType === undefined) return false;
    const i = this.dropRules.findIndex(
      (r) =>
        (r.apiKeyId === undefined || r.apiKeyId === slot.apiKeyId) &&
        (r.session === undefined || r.session === slot.target) &&
        (r.msgType === undefined ? !isAdminMsgType(msgType) : r.msgType === msgType),
    );
    if (i < 0) return false;
    this.dropRules.splice(i, 1);
    return true;
  }

  private emit(traffic: FixTraffic): void {
    for (const listener of this.listeners) listener(traffic);
  }
}

/** `8=FIXT.1.1␁9=<len>␁<body>10=<sum>␁` around a body that starts with `35=`. */
function frame(body: string): Uint8Array {
  const head = `8=FIXT.1.1\x019=${Buffer.byteLength(body, 'latin1')}\x01${body}`;
  let sum = 0;
  for (const b of Buffer.from(head, 'latin1')) sum += b;
  return Buffer.from(`${head}10=${String(sum % 256).padStart(3, '0')}\x01`, 'latin1');
}
