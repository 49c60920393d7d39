import { PickleError } from './pickle-error.ts';

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Decodes the payload of the protocol-0 UNICODE opcode (Python's `raw-unicode-escape`):
 * bytes are Latin-1 code points, except that `\uXXXX` / `\UXXXXXXXX` after an odd run of
 * backslashes is an escape.
 */
export function decodeRawUnicodeEscape(bytes: Uint8Array, offset: number): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b !== 0x5c) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const runStart = i;
    while (bytes[i] === 0x5c) i++;
    const run = i - runStart;
    const marker = bytes[i];
    if (run % 2 === 0 || (marker !== 0x75 && marker !== 0x55)) {
      out += '\\'.repeat(run);
      continue;
    }
    out += '\\'.repeat(run - 1);
    const digits = marker === 0x75 ? 4 : 8;
    const hex = String.fromCharCode(...bytes.subarray(i + 1, i + 1 + digits));
    if (hex.length !== digits || !HEX.test(hex)) {
      throw new PickleError('malformed', 'truncated \\uXXXX escape in UNICODE', offset + i);
    }
    const cp = Number.parseInt(hex, 16);
    if (cp > 0x10ffff) throw new PickleError('malformed', '\\U escape out of range', offset + i);
    out += String.fromCodePoint(cp);
    i += 1 + digits;
  }
  return out;
}

/**
 * Encodes a str the way CPython's C pickler does for protocol 0 (`raw_unicode_escape` in
 * _pickle.c): astral code points as `\U%08x`, code points >= 256 plus `\`, NUL, LF, CR and
 * 0x1a as `\u%04x`, everything else as a single Latin-1 byte.
 */
export function encodeRawUnicodeEscape(s: string): Uint8Array {
  const out: number[] = [];
  const pushAscii = (text: string) => {
    for (let k = 0; k < text.length; k++) out.push(text.charCodeAt(k));
  };
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x10000) {
      pushAscii(`\\U${cp.toString(16).padStart(8, '0')}`);
    } else if (cp >= 256 || cp === 0x5c || cp === 0 || cp === 0x0a || cp === 0x0d || cp === 0x1a) {
      pushAscii(`\\u${cp.toString(16).padStart(4, '0')}`);
    } else {
      out.push(cp);
    }
  }
  return Uint8Array.from(out);
}
