import { Duplex } from 'node:stream';

/**
 * Two connected in-memory byte streams: what one side writes, the other reads. For running a
 * session against a scripted counterparty (tests, simulations) without sockets. `end()` on one
 * side ends the other's readable side; `destroy()` closes both.
 */
export function createMemoryDuplexPair(): [Duplex, Duplex] {
  let a!: Duplex;
  let b!: Duplex;
  const make = (peer: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        const other = peer();
        if (!other.destroyed) other.push(Uint8Array.prototype.slice.call(chunk));
        callback();
      },
      final(callback) {
        const other = peer();
        if (!other.destroyed) other.push(null);
        callback();
      },
      destroy(error, callback) {
        const other = peer();
        if (!other.destroyed) other.destroy();
        callback(error);
      },
    });
  a = make(() => b);
  b = make(() => a);
  return [a, b];
}
