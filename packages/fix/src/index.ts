/**
 * @kalshi-sdk/fix — Kalshi FIX (FIXT.1.1 / FIX50SP2): a codec generated from Kalshi's FIX
 * dictionary (`fix/*` pages of Kalshi's docs).
 */
export { FixCodec } from './codec/codec.js';
export { FixFramer, type FixFrame, type FixFramerOptions } from './codec/framer.js';
export {
  KalshiFixError,
  FixDecodeError,
  FixEncodeError,
  type FixDecodeErrorCode,
  type FixDecodeErrorFacts,
  type FixEncodeErrorCode,
  type FixEncodeErrorFacts,
} from './codec/errors.js';
export type { FixMessage, FixMessageOf } from './codec/message.js';
export { formatUtcTimestamp, parseUtcTimestamp } from './codec/utc-timestamp.js';

/** Enumerated field values: `FixEnums.Side.BUY_YES === '1'`, and the type `FixEnums.Side`. */
export * as FixEnums from './generated/enums.js';
export { FixTag, type FixFieldName } from './generated/fields.js';
export {
  fixDictionary,
  specVersion,
  type FixDictionary,
  type FixFieldDef,
  type FixMember,
  type FixFieldMember,
  type FixGroupMember,
  type FixMessageDef,
  type FixComponentDef,
  type FixPresence,
  type FixValueKind,
} from './generated/dictionary.js';
export type * from './generated/messages.js';
