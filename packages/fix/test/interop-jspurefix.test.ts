/**
 * Interop: our client against jspurefix, an independent FIX engine from npm, as the acceptor on
 * loopback TCP, loaded with Kalshi's FIX dictionary through its QuickFIX XML parser. The
 * acceptor checks our Logon signature, answers a NewOrderSingle with an ExecutionReport, and
 * records what it decoded, so both directions are checked by the other engine's codec.
 */
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeSigner, fixLogonMessage, verifySignature } from '@kalshi-sdk/auth';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiFixClient } from '../src/app/kalshi-fix-client.js';
import type { FixExecutionReport } from '../src/app/orders.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const API_KEY = '5f0c4d2e-0a1b-4c3d-9e8f-7a6b5c4d3e2f';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

type Loose = Record<string, unknown>;
interface View {
  getString(tag: number): string | null;
  getTyped(tag: number): unknown;
  toObject(): Loose | null;
}
interface JspurefixSession {
  send(msgType: string, body: Loose): void;
}

/** jspurefix is CommonJS with decorators: load it (and reflect-metadata first) through require. */
function loadJspurefix() {
  const require = createRequire(join(root, 'packages/fix/package.json'));
  const fromJsp = createRequire(require.resolve('jspurefix/package.json'));
  fromJsp('reflect-metadata');
  return fromJsp('./dist/index.js') as {
    SessionContainer: new () => { registerGlobal(level: string): void; makeSystem(description: Loose): Promise<Container> };
    DITokens: { FixSession: unknown; FixEntity: unknown; IJsFixConfig: unknown };
    AsciiSession: new (config: unknown) => JspurefixSession;
  };
}
interface Container {
  register(token: unknown, provider: { useFactory: (c: Container) => unknown }): void;
  resolve(token: unknown): unknown;
}
interface Entity {
  start(): Promise<unknown>;
  stop(): void;
  acceptor: { server: Server } | null;
}

const seen = { logons: [] as Array<{ user: string; verified: boolean }>, orders: [] as Loose[] };
let entity: Entity;
let port: number;

beforeAll(async () => {
  const jsp = loadJspurefix();
  /** The acceptor's application: Kalshi's logon check and an order handler. */
  class KalshiLikeAcceptor extends jsp.AsciiSession {
    protected onLogon(view: View): boolean {
      const signature = String(view.getString(96));
      const message = fixLogonMessage({
        sendingTime: String(view.getString(52)),
        msgType: 'A',
        msgSeqNum: Number(view.getString(34)),
        senderCompId: String(view.getString(49)),
        targetCompId: String(view.getString(56)),
      });
      const verified = verifySignature({ publicKey, message, signature });
      seen.logons.push({ user: String(view.getString(49)), verified });
      return verified;
    }
    protected onApplicationMsg(msgType: string, view: View): void {
      if (msgType !== 'D') return;
      const order = view.toObject() as Loose;
      seen.orders.push(order);
      this.send('8', {
        OrderID: 'js-order-1',
        ClOrdID: order.ClOrdID,
        ExecID: 'js-exec-1',
        ExecType: '0',
        OrdStatus: '0',
        Side: order.Side,
        Symbol: order.Symbol,
        LeavesQty: order.OrderQty,
        CumQty: 0,
        AvgPx: 0,
        OrderQty: order.OrderQty,
        Price: order.Price,
        TransactTime: new Date(),
      });
    }
    protected onReady(): void {}
    protected onStopped(): void {}
    protected onDecoded(): void {}
    protected onEncoded(): void {}
  }
  const sys = new jsp.SessionContainer();
  sys.registerGlobal('error');
  const container = await sys.makeSystem({
    application: { type: 'acceptor', name: 'jspurefix-kalshi', protocol: 'ascii', dictionary: join(root, 'specs/kalshi-fix-dictionary.xml'), tcp: { host: '127.0.0.1', port: 0 } },
    BeginString: 'FIXT.1.1',
    SenderCompId: 'KalshiNR',
    TargetCompID: '*',
    HeartBtInt: 30,
    ResetSeqNumFlag: true,
    Logon: { DefaultApplVerID: '9' },
  });
  container.register(jsp.DITokens.FixSession, { useFactory: (c) => new KalshiLikeAcceptor(c.resolve(jsp.DITokens.IJsFixConfig)) });
  entity = container.resolve(jsp.DITokens.FixEntity) as Entity;
  void entity.start();
  // start() creates the acceptor and calls listen() before it returns: await the server's own event.
  const server = entity.acceptor?.server;
  if (server === undefined) throw new Error('jspurefix did not create its acceptor in start()');
  if (!server.listening) await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(() => entity?.stop());

describe('jspurefix acceptor with the Kalshi dictionary', () => {
  it('accepts our signed Logon, decodes our NewOrderSingle and answers with an ExecutionReport we decode', async () => {
    const client = new KalshiFixClient({
      apiKeyId: API_KEY,
      signer: createNodeSigner(privateKey),
      session: 'KalshiNR',
      host: '127.0.0.1',
      port,
      tls: false,
      reconnect: false,
      logoutTimeoutMs: 1_000,
    });
    const report = new Promise<FixExecutionReport>((resolve) => client.on('executionReport', resolve));
    await client.connect();
    expect(seen.logons).toEqual([{ user: API_KEY, verified: true }]);

    client.newOrderSingle({ clOrdId: 'interop-1', symbol: 'KXMOCK-26DEC31-A', side: 'bid', price: Dollars.parse('0.56'), quantity: Contracts.parse('25'), timeInForce: 'gtc' });
    const er = await report;
    expect(seen.orders[0]).toMatchObject({ ClOrdID: 'interop-1', OrderQty: 25, OrdType: '2', Price: 56, Side: '1', Symbol: 'KXMOCK-26DEC31-A', TimeInForce: '1' });
    expect(er).toMatchObject({ orderId: 'js-order-1', clOrdId: 'interop-1', execType: 'new', ordStatus: 'new', side: 'bid', price: Dollars.parse('0.56') });
    expect(er.leavesQty.toWire()).toBe('25.00');
    expect(er.order).toMatchObject({ status: 'new', orderId: 'js-order-1' });
    await client.close();
    expect(client.loggedOn).toBe(false);
  });
});
