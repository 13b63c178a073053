/**
 * A deterministic id source for `--seed`: UUID-shaped (version-4 layout) ids from a 32-bit
 * xorshift stream, so two runs with one seed hand out the same order, trade and market ids.
 * Not random enough for anything but a simulator.
 */
export function seededIds(seed: number): () => string {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return () => {
    const h = hex(next()) + hex(next()) + hex(next()) + hex(next());
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}
