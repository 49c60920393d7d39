/**
 * Global positions are opaque strings to callers, but a projection must know
 * whether an event lies at or before its checkpoint to ignore it. Every store
 * BanGUI has (memory, PostgreSQL) uses non-negative decimal integers, so they
 * compare by length first, then digit by digit; anything else is refused loudly
 * rather than ordered by guesswork.
 */
const DECIMAL = /^(?:0|[1-9]\d*)$/;

export function comparePositions(a: string, b: string): number {
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) {
    throw new Error(`positions must be decimal integers, got '${a}' and '${b}'`);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
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
  const n = Number(position);
  return Number.isSafeInteger(n) && String(n) === position ? n : position;
}

export function decodePosition(encoded: EncodedPosition): string {
  return typeof encoded === 'number' ? String(encoded) : encoded;
}
