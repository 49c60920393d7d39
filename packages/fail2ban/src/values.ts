import { protocolError } from './errors.ts';
import type { PyValue } from './pickle/index.ts';

/** Shape checks for reply values: a surprising shape is a `protocol` error, never a crash. */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function asInt(v: PyValue, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  // Counters decoded as bigint (LONG1) fit a double for any realistic value; a bigger one
  // would silently lose precision (or become Infinity), so it is a protocol error.
  if (typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE) return Number(v);
  throw protocolError(`expected an integer for ${what}, got ${describe(v)}`);
}

export function asString(v: PyValue, what: string): string {
  if (typeof v === 'string') return v;
  throw protocolError(`expected a string for ${what}, got ${describe(v)}`);
}

export function asOptionalString(v: PyValue, what: string): string | null {
  return v === null ? null : asString(v, what);
}

export function asBool(v: PyValue, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  throw protocolError(`expected a boolean for ${what}, got ${describe(v)}`);
}

export function asList(v: PyValue, what: string): PyValue[] {
  if (Array.isArray(v)) return v;
  throw protocolError(`expected a list for ${what}, got ${describe(v)}`);
}

export function asStringList(v: PyValue, what: string): string[] {
  return asList(v, what).map((item) => asString(item, `an item of ${what}`));
}

function describe(v: PyValue): string {
  if (v === null) return 'None';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'bigint') return 'an int too large to represent exactly';
  return typeof v;
}
