// A WebSocket class for @kalshi-sdk/ws's `WebSocket` option in a Cloudflare Worker: a Worker opens a
// client WebSocket with fetch() and an Upgrade header, which can carry the KALSHI-ACCESS-* headers.

export class FetchUpgradeWebSocket {
  #listeners = new Map();
  #socket;

  constructor(url, { headers }) {
    fetch(url.replace(/^ws/, 'http'), { headers: { ...headers, Upgrade: 'websocket' } }).then(
      (response) => {
        const socket = response.webSocket;
        if (!socket) {
          this.#emit('error', { message: `handshake answered ${response.status}` });
          this.#emit('close', { code: 1006, reason: `HTTP ${response.status}` });
          return;
        }
        socket.accept();
        this.#socket = socket;
        for (const type of ['message', 'close', 'error']) socket.addEventListener(type, (event) => this.#emit(type, event));
        this.#emit('open', {});
      },
      (error) => {
        this.#emit('error', { error, message: String(error) });
        this.#emit('close', { code: 1006, reason: String(error) });
      },
    );
  }

  addEventListener(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, []);
    this.#listeners.get(type).push(listener);
  }

  send(data) {
    this.#socket.send(data);
  }

  close(code, reason) {
    this.#socket?.close(code, reason);
  }

  #emit(type, event) {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}
