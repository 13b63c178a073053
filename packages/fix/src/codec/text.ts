/** Bytes ↔ JS strings for FIX values, without intermediate allocations on the ASCII fast path. */

type Slice = (this: Uint8Array, start: number, end: number) => string;

// Node's Buffer.prototype.latin1Slice accepts any Uint8Array and is the fastest byte → string
// copy there; elsewhere String.fromCharCode over the bytes does the same job.
const nodeLatin1: Slice | undefined =
  typeof Buffer === 'function' ? (Buffer.prototype as unknown as { latin1Slice?: Slice }).latin1Slice : undefined;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** One-character strings by byte, so CHAR values allocate nothing. */
export const CHAR_STRINGS: readonly string[] = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

/** `b[s..e)` as a string with one character per byte (ISO-8859-1). */
export function latin1(b: Uint8Array, s: number, e: number): string {
  // Short values (most FIX values) are cheaper through String.fromCharCode than a native call.
  const c = b;
  switch (e - s) {
    case 1:
      return CHAR_STRINGS[c[s] as number] as string;
    case 2:
      return String.fromCharCode(c[s] as number, c[s + 1] as number);
    case 3:
      return String.fromCharCode(c[s] as number, c[s + 1] as number, c[s + 2] as number);
    case 4:
      return String.fromCharCode(c[s] as number, c[s + 1] as number, c[s + 2] as number, c[s + 3] as number);
    case 5:
      return String.fromCharCode(c[s] as number, c[s + 1] as number, c[s + 2] as number, c[s + 3] as number, c[s + 4] as number);
    case 6:
      return String.fromCharCode(
        c[s] as number, c[s + 1] as number, c[s + 2] as number, c[s + 3] as number, c[s + 4] as number, c[s + 5] as number,
      );
    case 7:
      return String.fromCharCode(
        c[s] as number, c[s + 1] as number, c[s + 2] as number, c[s + 3] as number, c[s + 4] as number, c[s + 5] as number,
        c[s + 6] as number,
      );
    case 8:
      return String.fromCharCode(
        c[s] as number, c[s + 1] as number, c[s + 2] as number, c[s + 3] as number, c[s + 4] as number, c[s + 5] as number,
        c[s + 6] as number, c[s + 7] as number,
      );
  }
  if (nodeLatin1 !== undefined) return nodeLatin1.call(b, s, e);
  let out = '';
  for (let i = s; i < e; i += 4096) {
    out += String.fromCharCode.apply(null, b.subarray(i, Math.min(e, i + 4096)) as unknown as number[]);
  }
  return out;
}

/** `b[s..e)` decoded as UTF-8; undefined when the bytes are not valid UTF-8. */
export function utf8(b: Uint8Array, s: number, e: number): string | undefined {
  try {
    return utf8Decoder.decode(b.subarray(s, e));
  } catch {
    return undefined;
  }
}

/** Writes `text` as UTF-8 at `b[pos..]` (room checked by the caller: 3 bytes per UTF-16 unit); returns the bytes written. */
export function writeUtf8(b: Uint8Array, pos: number, text: string): number {
  return utf8Encoder.encodeInto(text, b.subarray(pos)).written;
}
