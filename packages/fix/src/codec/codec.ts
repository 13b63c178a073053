/** `FixCodec`: typed FIX messages ↔ bytes, driven by the generated Kalshi FIX dictionary. */
import { fixAccessors } from '../generated/accessors.js';
import { fixDictionary } from '../generated/dictionary.js';
import type { FixMsgType } from '../generated/messages.js';
import { compileDictionary } from './compiled-dictionary.js';
import { FixDecoder } from './decoder.js';
import { FixEncoder } from './encoder.js';
import type { FixMessage, FixMessageOf } from './message.js';

/**
 * Encodes and decodes FIXT.1.1 tag=value messages of Kalshi's FIX dictionary (`fix/*` pages of
 * Kalshi's docs). Pure: works on bytes, no I/O. One instance per connection or thread of work:
 * it reuses internal buffers, so calls must not interleave (they are synchronous, so they cannot
 * in one JS thread).
 *
 * @example
 * const codec = new FixCodec();
 * const bytes = codec.encode({ msgType: 'D', header, body: { ClOrdID: 'a1', OrderQty: '10', OrdType: '2', Price: '56', Side: '1', Symbol: 'KXBTC-25DEC31-T100000' } });
 * const msg = codec.decode(bytes); // msg.msgType === 'D', msg.body.Price === '56'
 */
export class FixCodec {
  private readonly encoder: FixEncoder;
  private readonly decoder: FixDecoder;

  constructor() {
    const compiled = compileDictionary(fixDictionary, fixAccessors);
    this.encoder = new FixEncoder(compiled);
    this.decoder = new FixDecoder(compiled);
  }

  /**
   * Encodes one message: `8=FIXT.1.1`, BodyLength(9), MsgType(35), header fields, body (groups as
   * NumInGroup count then entries) and trailer in dictionary order, then CheckSum(10). LENGTH fields
   * of DATA pairs (e.g. RawDataLength 95) are computed. Returns a new Uint8Array.
   * @throws FixEncodeError — unknown MsgType, missing required field or group delimiter, unknown
   *   property, or a value that does not fit its field (type, enum, empty, contains SOH).
   */
  encode<T extends FixMsgType>(message: FixMessageOf<T>): Uint8Array {
    return this.encoder.encode(message as unknown as FixMessage);
  }

  /**
   * Decodes exactly one message occupying all of `frame` (as cut by `FixFramer`). Prices and
   * quantities come back as their exact decimal text (`FixDecimal`).
   * @throws FixDecodeError — never anything else; see its `code`, `tag`, `offset`, `garbled` and
   *   `sessionRejectReason`.
   */
  decode(frame: Uint8Array): FixMessage {
    return this.decoder.decode(frame);
  }
}
