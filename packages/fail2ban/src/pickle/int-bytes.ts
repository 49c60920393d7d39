const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Python ints decode to number when exactly representable, otherwise to bigint. */
export function normaliseInt(v: bigint): number | bigint {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
}

/** Little-endian two's complement (LONG1/LONG4 payload) to an int. Empty means 0. */
export function decodeLongBytes(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) {
    hex += (bytes[i] as number).toString(16).padStart(2, '0');
  }
  let v = BigInt(`0x${hex}`);
  if (((bytes[bytes.length - 1] as number) & 0x80) !== 0) v -= 1n << BigInt(bytes.length * 8);
  return normaliseInt(v);
}

/** CPython's `pickle.encode_long`: the shortest little-endian two's complement form. */
export function encodeLongBytes(x: bigint): Uint8Array {
  if (x === 0n) return new Uint8Array(0);
  const bitLength = (x < 0n ? -x : x).toString(2).length;
  let nbytes = (bitLength >> 3) + 1;
  let v = x < 0n ? (1n << BigInt(nbytes * 8)) + x : x;
  const out = new Uint8Array(nbytes);
  for (let i = 0; i < nbytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  // A negative value may carry one redundant 0xff sign byte (CPython drops it too).
  if (
    x < 0n &&
    nbytes > 1 &&
    out[nbytes - 1] === 0xff &&
    ((out[nbytes - 2] as number) & 0x80) !== 0
  ) {
    nbytes--;
  }
  return out.subarray(0, nbytes);
}
