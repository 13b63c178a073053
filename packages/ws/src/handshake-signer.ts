import { keySigner } from '#key-signer';
import { signRequest, type KalshiCredentials, type Signer } from '@kalshi-sdk/auth/web';
import { causeCodeOf, KalshiWsError } from './errors.js';

/**
 * @internal Signs each WebSocket handshake afresh: `timestamp + 'GET' + path`, sent as the three
 * `KALSHI-ACCESS-*` headers. The signer is loaded once (a key that failed to load is tried again
 * on the next handshake): `credentials.signer`, or one over `credentials.privateKey` (`#key-signer`:
 * `node:crypto` on Node, Bun and Deno; WebCrypto elsewhere). Doc page: /getting_started/quick_start_websockets.
 */
export class HandshakeSigner {
  readonly #apiKeyId: string;
  readonly #credentials: KalshiCredentials;
  #signer: Signer | undefined;

  constructor(apiKeyId: string, credentials: KalshiCredentials) {
    this.#apiKeyId = apiKeyId;
    this.#credentials = credentials;
  }

  /**
   * The handshake headers for `url`, signed now.
   * @throws KalshiWsError `WS_SIGNING_FAILED` (`causeCode`: the `@kalshi-sdk/auth` code); the
   *   message names no key material.
   */
  async sign(url: string): Promise<Record<string, string>> {
    const credentials = this.#credentials;
    try {
      const signer = (this.#signer ??= credentials.signer !== undefined ? credentials.signer : keySigner(credentials.privateKey, credentials.passphrase));
      const path = new URL(url).pathname;
      return { ...(await signRequest({ signer, apiKeyId: this.#apiKeyId, method: 'GET', path, timestampMs: Date.now() })) };
    } catch (error) {
      this.#signer = undefined;
      const causeCode = causeCodeOf(error);
      throw new KalshiWsError(
        'WS_SIGNING_FAILED',
        `Could not sign the WebSocket handshake${causeCode === undefined ? '' : ` (${causeCode})`}.`,
        { causeCode },
        { cause: error },
      );
    }
  }
}
