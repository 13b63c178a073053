/**
 * Test helpers that build FIX wire bytes independently of the codec: `|` stands for SOH, and
 * BodyLength and CheckSum are computed here by plain arithmetic over the text.
 */

/** `a|b|` → bytes with SOH for `|` (latin1: one byte per character). */
export function wire(text: string): Uint8Array {
  return Uint8Array.from(text.replaceAll('|', '\x01'), (c) => c.charCodeAt(0));
}

/** Bytes → text with `|` for SOH. */
export function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes).replaceAll('\x01', '|');
}

/** CheckSum(10) of everything before it: byte sum mod 256, three digits. */
export function checksum(before: string): string {
  let sum = 0;
  for (const c of before.replaceAll('|', '\x01')) sum += c.charCodeAt(0);
  return String(sum % 256).padStart(3, '0');
}

/** A whole message from its body (`35=...|...|`): adds `8=FIXT.1.1|9=<len>|` and `10=<sum>|`. */
export function frame(body: string, beginString = 'FIXT.1.1'): string {
  const head = `8=${beginString}|9=${body.length}|${body}`;
  return `${head}10=${checksum(head)}|`;
}

/** A standard header for test messages. */
export const HEADER = '49=CLIENT|56=KalshiNR|34=7|52=20260102-03:04:05.678|';
