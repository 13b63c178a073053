import type { Signer } from './signer.js';

/** SOH, the FIX field delimiter (0x01). */
const SOH = '\x01';

/** The Logon header fields Kalshi signs into RawData (96). FIX tags in parentheses. */
export interface FixLogonFields {
  /** SendingTime (52) exactly as sent, e.g. `20240101-12:00:00.000`. */
  readonly sendingTime: string;
  /** MsgType (35): `A` for Logon. */
  readonly msgType: string;
  /** MsgSeqNum (34) of the Logon, a positive integer. */
  readonly msgSeqNum: number;
  /** SenderCompID (49): your FIX API key id. */
  readonly senderCompId: string;
  /** TargetCompID (56): the Kalshi session, e.g. `KalshiNR`, `KalshiRT`. */
  readonly targetCompId: string;
}

/**
 * The pre-hash string of a FIX Logon's RawData (96):
 * `SendingTime(52) ␁ MsgType(35) ␁ MsgSeqNum(34) ␁ SenderCompID(49) ␁ TargetCompID(56)`,
 * joined with SOH (0x01). Doc page: /fix/connectivity (Logon).
 *
 * @throws RangeError when `msgSeqNum` is not a positive integer, or a field is empty or contains SOH
 *   (which would make the signed string ambiguous).
 */
export function fixLogonMessage(input: FixLogonFields): string {
  const { sendingTime, msgType, msgSeqNum, senderCompId, targetCompId } = input;
  if (!Number.isSafeInteger(msgSeqNum) || msgSeqNum < 1) {
    throw new RangeError(`msgSeqNum (34) must be a positive integer, got ${String(msgSeqNum)}`);
  }
  const fields = { sendingTime, msgType, senderCompId, targetCompId };
  for (const [name, value] of Object.entries(fields)) {
    if (value === '' || value.includes(SOH)) throw new RangeError(`${name} must be non-empty and free of SOH (0x01)`);
  }
  return [sendingTime, msgType, String(msgSeqNum), senderCompId, targetCompId].join(SOH);
}

/**
 * Signs a FIX Logon: returns the value of RawData (96), the base64 signature of
 * {@link fixLogonMessage} made with the signer's own scheme. Send its length in RawDataLength (95).
 * Kalshi's FIX documentation describes RSA-PSS-SHA256 (salt 32) keys; an Ed25519 signer yields
 * an Ed25519 signature here, which is untested against Kalshi's FIX gateway.
 * Doc page: /fix/connectivity (Logon).
 *
 * @throws RangeError from {@link fixLogonMessage}; rejects with whatever the signer rejects with.
 */
export async function signFixLogon(input: { readonly signer: Signer } & FixLogonFields): Promise<string> {
  return input.signer.sign(fixLogonMessage(input));
}
