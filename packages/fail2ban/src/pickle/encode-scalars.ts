import type { Framer } from './framer.ts';
import { FRAME_SIZE_TARGET, u64le } from './framer.ts';
import { encodeLongBytes } from './int-bytes.ts';
import { Op } from './opcodes.ts';
import { pythonFloatRepr } from './python-float.ts';
import { encodeRawUnicodeEscape } from './raw-unicode-escape.ts';
import { encodeUtf8 } from './utf8.ts';

/** Opcode writers for None, bool, int, float and str, as CPython's pickler emits them. */
export function writeBool(f: Framer, proto: number, v: boolean): void {
  if (proto >= 2) f.sink.byte(v ? Op.NEWTRUE : Op.NEWFALSE);
  else f.sink.ascii(v ? 'I01\n' : 'I00\n');
}

export function writeInt(f: Framer, proto: number, v: bigint): void {
  const s = f.sink;
  const fitsI32 = v >= -0x80000000n && v <= 0x7fffffffn;
  if (proto >= 1) {
    if (v >= 0n && v <= 0xffn) {
      s.byte(Op.BININT1);
      s.byte(Number(v));
      return;
    }
    if (v >= 0n && v <= 0xffffn) {
      s.byte(Op.BININT2);
      s.bytes(Uint8Array.of(Number(v & 0xffn), Number(v >> 8n)));
      return;
    }
    if (fitsI32) {
      const b = new Uint8Array(5);
      b[0] = Op.BININT;
      new DataView(b.buffer).setInt32(1, Number(v), true);
      s.bytes(b);
      return;
    }
  }
  if (proto >= 2) {
    const encoded = encodeLongBytes(v);
    if (encoded.length < 256) {
      s.byte(Op.LONG1);
      s.byte(encoded.length);
    } else {
      const header = new Uint8Array(5);
      header[0] = Op.LONG4;
      new DataView(header.buffer).setInt32(1, encoded.length, true);
      s.bytes(header);
    }
    s.bytes(encoded);
    return;
  }
  s.ascii(fitsI32 ? `I${v}\n` : `L${v}L\n`);
}

export function writeFloat(f: Framer, proto: number, v: number): void {
  if (proto >= 1) {
    const b = new Uint8Array(9);
    b[0] = Op.BINFLOAT;
    new DataView(b.buffer).setFloat64(1, v, false);
    f.sink.bytes(b);
  } else {
    f.sink.ascii(`F${pythonFloatRepr(v)}\n`);
  }
}

export function writeStr(f: Framer, proto: number, v: string): void {
  if (proto < 1) {
    f.sink.byte(Op.UNICODE);
    f.sink.bytes(encodeRawUnicodeEscape(v));
    f.sink.byte(0x0a);
    return;
  }
  const encoded = encodeUtf8(v);
  const n = encoded.length;
  if (n <= 0xff && proto >= 4) {
    f.sink.byte(Op.SHORT_BINUNICODE);
    f.sink.byte(n);
    f.sink.bytes(encoded);
  } else if (n > 0xffffffff && proto >= 4) {
    f.writeLarge(Uint8Array.of(Op.BINUNICODE8, ...u64le(n)), encoded);
  } else {
    const header = new Uint8Array(5);
    header[0] = Op.BINUNICODE;
    new DataView(header.buffer).setUint32(1, n, true);
    if (n >= FRAME_SIZE_TARGET) {
      f.writeLarge(header, encoded);
    } else {
      f.sink.bytes(header);
      f.sink.bytes(encoded);
    }
  }
}
