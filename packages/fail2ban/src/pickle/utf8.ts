import { PickleError } from './pickle-error.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
// In `u` mode a surrogate pair is one code point, so this matches lone surrogates only.
const loneSurrogate = /\p{Cs}/u;

/**
 * Strict UTF-8 decode with Python's `surrogatepass` (which pickle uses for str): encoded
 * surrogates (ED A0..BF xx) become lone UTF-16 surrogates; anything else invalid throws.
 */
export function decodeUtf8(bytes: Uint8Array, offset: number): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeSurrogatePass(bytes, offset);
  }
}

function decodeSurrogatePass(bytes: Uint8Array, offset: number): string {
  const bad = (i: number): never => {
    throw new PickleError('malformed', 'invalid UTF-8 in str payload', offset + i);
  };
  const cont = (i: number): number => {
    const b = bytes[i];
    if (b === undefined || (b & 0xc0) !== 0x80) bad(i);
    return (b as number) & 0x3f;
  };
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b >= 0xc2 && b < 0xe0) {
      cp = ((b & 0x1f) << 6) | cont(i + 1);
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      cp = ((b & 0x0f) << 12) | (cont(i + 1) << 6) | cont(i + 2);
      if (cp < 0x800) bad(i);
      i += 3;
    } else if (b >= 0xf0 && b < 0xf5) {
      cp = ((b & 0x07) << 18) | (cont(i + 1) << 12) | (cont(i + 2) << 6) | cont(i + 3);
      if (cp < 0x10000 || cp > 0x10ffff) bad(i);
      i += 4;
    } else {
      return bad(i);
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else {
      units.push(cp);
    }
  }
  let out = '';
  for (let k = 0; k < units.length; k += 4096) {
    out += String.fromCharCode(...units.slice(k, k + 4096));
  }
  return out;
}

/** UTF-8 encode with `surrogatepass`, matching CPython's pickling of str. */
export function encodeUtf8(s: string): Uint8Array {
  if (!loneSurrogate.test(s)) return encoder.encode(s);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    parts.push(encoder.encode(s.slice(start, i)));
    parts.push(Uint8Array.of(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)));
    start = i + 1;
  }
  parts.push(encoder.encode(s.slice(start)));
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
