import { PickleError } from './pickle-error.ts';

/**
 * Bounds-checked cursor over the input. Running out of bytes is always a `truncated`
 * error (more data may still arrive); a length field larger than `maxBytes` is `too-large`,
 * so nothing is ever allocated from an unchecked length.
 */
export interface ByteReader {
  readonly pos: number;
  readonly remaining: number;
  u8(): number;
  u16le(): number;
  i32le(): number;
  u32le(): number;
  /** A u64 length; values above `maxBytes` are rejected before any use. */
  u64Length(): number;
  f64be(): number;
  /** Checks `n` against the limit and the remaining input, then returns a view of n bytes. */
  take(n: number): Uint8Array;
  /** Bytes up to (excluding) the next `\n`; the newline is consumed. */
  line(): Uint8Array;
}

export function createByteReader(bytes: Uint8Array, maxBytes: number): ByteReader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength;
  let pos = 0;

  function need(n: number): void {
    if (n > maxBytes) {
      throw new PickleError(
        'too-large',
        `length field ${n} exceeds the ${maxBytes}-byte limit`,
        pos,
      );
    }
    if (n > end - pos) throw new PickleError('truncated', 'pickle data was truncated', pos);
  }

  return {
    get pos() {
      return pos;
    },
    get remaining() {
      return end - pos;
    },
    u8() {
      need(1);
      return view.getUint8(pos++);
    },
    u16le() {
      need(2);
      const v = view.getUint16(pos, true);
      pos += 2;
      return v;
    },
    i32le() {
      need(4);
      const v = view.getInt32(pos, true);
      pos += 4;
      return v;
    },
    u32le() {
      need(4);
      const v = view.getUint32(pos, true);
      pos += 4;
      return v;
    },
    u64Length() {
      need(8);
      const v = view.getBigUint64(pos, true);
      if (v > BigInt(maxBytes)) {
        throw new PickleError(
          'too-large',
          `length field ${v} exceeds the ${maxBytes}-byte limit`,
          pos,
        );
      }
      pos += 8;
      return Number(v);
    },
    f64be() {
      need(8);
      const v = view.getFloat64(pos, false);
      pos += 8;
      return v;
    },
    take(n) {
      need(n);
      const out = bytes.subarray(pos, pos + n);
      pos += n;
      return out;
    },
    line() {
      const nl = bytes.indexOf(0x0a, pos);
      if (nl < 0) throw new PickleError('truncated', 'pickle data was truncated (no newline)', pos);
      const out = bytes.subarray(pos, nl);
      pos = nl + 1;
      return out;
    },
  };
}
