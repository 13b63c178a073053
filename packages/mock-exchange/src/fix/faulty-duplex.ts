import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

const ADMIN_TYPES: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', 'A']);

/** MsgType(35) of one encoded message, read from its bytes. */
export function msgTypeOf(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('\x0135=');
  if (at < 0) return undefined;
  const end = text.indexOf('\x01', at + 4);
  return end < 0 ? undefined : text.slice(at + 4, end);
}

/** True for session-level MsgTypes (Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout, Logon). */
export function isAdminMsgType(msgType: string): boolean {
  return ADMIN_TYPES.has(msgType);
}

/**
 * The acceptor's side of a client socket, with a fault hook: a FIX session writes one message
 * per `write`, so `dropWrite` can make one message vanish on the wire after the session numbered and
 * stored it — exactly what a lost packet looks like to the client.
 */
export class FaultyDuplex extends Duplex {
  /** Called with each outbound message; return true to drop it. */
  dropWrite: ((bytes: Uint8Array) => boolean) | undefined;

  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => this.push(chunk));
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', () => this.destroy());
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.dropWrite?.(chunk) === true) {
      callback();
      return;
    }
    if (this.socket.destroyed) {
      callback();
      return;
    }
    this.socket.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }

  /** Writes bytes straight to the socket, bypassing the session (malformed-message faults). */
  writeRaw(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }
}
