/**
 * Global positions are opaque strings to callers, but a projection must know
 * whether an event lies at or before its checkpoint to ignore it. Every store
 * BanGUI has (memory, PostgreSQL) uses non-negative decimal integers, so they
 * compare by length first, then digit by digit; anything else is refused loudly
 * rather than ordered by guesswork.
 */
export function comparePositions(a: string, b: string): number {
  if (!isDecimal(a) || !isDecimal(b)) {
    throw new Error(`positions must be decimal integers, got '${a}' and '${b}'`);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A char-code loop: this runs for every event and every projection, a regex costs 3x more. */
function isDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0 || (n > 1 && s.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when `position` lies strictly after `checkpoint` (everything is after null). */
export function isAfter(position: string, checkpoint: string | null): boolean {
  return checkpoint === null || comparePositions(position, checkpoint) > 0;
}

/**
 * Compact storage for many positions: a number when the string round-trips
 * exactly (8 bytes in a Float64Array instead of a ~32-byte string), else the string.
 */
export type EncodedPosition = number | string;

export function encodePosition(position: string): EncodedPosition {
  // Up to 15 digits every decimal integer is exact in a double, so no round-trip check.
  return position.length <= 15 && isDecimal(position) ? Number(position) : position;
}

export function decodePosition(encoded: EncodedPosition): string {
  return typeof encoded === 'number' ? String(encoded) : encoded;
}
