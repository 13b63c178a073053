import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeSigner, signFixLogon } from '@kalshi-sdk/auth';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

type Loose = Record<string, unknown>;
interface View {
  toObject(): Loose | null;
}
interface Session {
  send(msgType: string, body: Loose): void;
  done(): void;
}
interface Container {
  register(token: unknown, provider: { useFactory: (c: Container) => unknown }): void;
  resolve(token: unknown): unknown;
}

/** jspurefix is CommonJS with decorators (a dependency of @kalshi-sdk/fix's tests): load it and reflect-metadata through require. */
function loadJspurefix() {
  const require = createRequire(join(root, 'packages/fix/package.json'));
  const fromJsp = createRequire(require.resolve('jspurefix/package.json'));
  fromJsp('reflect-metadata');
  return fromJsp('./dist/index.js') as {
    SessionContainer: new () => { registerGlobal(level: string): void; makeSystem(description: Loose): Promise<Container> };
    DITokens: { FixSession: unknown; FixEntity: unknown; IJsFixConfig: unknown };
    AsciiSession: new (config: unknown) => Session;
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** FIX UTCTimestamp with milliseconds, as jspurefix encodes SendingTime(52). */
function utcTimestamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** What the jspurefix initiator saw: Logon answered, then each application message decoded by jspurefix. */
export interface JspurefixRun {
  readonly loggedOn: boolean;
  readonly messages: Array<{ msgType: string; body: Loose }>;
}

/**
 * Logs on to `port` with jspurefix as the initiator (Kalshi's FIX dictionary, RawData(96) signed
 * over the SendingTime jspurefix is told to stamp), sends `order` as a NewOrderSingle once ready,
 * and logs out after the first ExecutionReport.
 */
export async function jspurefixOrder(input: { port: number; apiKeyId: string; privateKeyFile: string; session: string; order: Loose }): Promise<JspurefixRun> {
  const jsp = loadJspurefix();
  const signer = createNodeSigner(createPrivateKey(readFileSync(input.privateKeyFile, 'utf8')));
  const run = { loggedOn: false, messages: [] as Array<{ msgType: string; body: Loose }> };
  class KalshiInitiator extends jsp.AsciiSession {
    private get internals(): { transport: { transmitter: { time: Date | null } }; config: { description: { SenderCompId: string; TargetCompID: string } } } {
      return this as unknown as never;
    }
    protected sendLogon(): void {
      const tx = this.internals.transport.transmitter;
      const { SenderCompId, TargetCompID } = this.internals.config.description;
      const now = new Date();
      tx.time = now;
      void signFixLogon({ signer, sendingTime: utcTimestamp(now), msgType: 'A', msgSeqNum: 1, senderCompId: SenderCompId, targetCompId: TargetCompID }).then((signature) => {
        this.send('A', { EncryptMethod: 0, HeartBtInt: 30, ResetSeqNumFlag: true, DefaultApplVerID: '9', RawDataLength: signature.length, RawData: signature });
        tx.time = null;
      });
    }
    protected onLogon(): boolean {
      run.loggedOn = true;
      return true;
    }
    protected onReady(): void {
      this.send('D', input.order);
    }
    protected onApplicationMsg(msgType: string, view: View): void {
      run.messages.push({ msgType, body: view.toObject() ?? {} });
      if (msgType === '8') this.done();
    }
    protected onStopped(): void {}
    protected onDecoded(): void {}
    protected onEncoded(): void {}
  }
  const sys = new jsp.SessionContainer();
  sys.registerGlobal('error');
  const container = await sys.makeSystem({
    application: { type: 'initiator', name: 'jspurefix-client', reconnectSeconds: 0, protocol: 'ascii', dictionary: join(root, 'specs/kalshi-fix-dictionary.xml'), tcp: { host: '127.0.0.1', port: input.port } },
    BeginString: 'FIXT.1.1',
    SenderCompId: input.apiKeyId,
    TargetCompID: input.session,
    HeartBtInt: 30,
    ResetSeqNumFlag: true,
    Logon: { DefaultApplVerID: '9' },
  });
  container.register(jsp.DITokens.FixSession, { useFactory: (c) => new KalshiInitiator(c.resolve(jsp.DITokens.IJsFixConfig)) });
  await (container.resolve(jsp.DITokens.FixEntity) as { start(): Promise<unknown> }).start();
  return run;
}
