import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VECTOR_DIR } from '../../vector-dir.ts';
import { parseJsonBigInt } from './json-bigint.ts';

export const vectorDir = VECTOR_DIR;

/** `<F2B_END_COMMAND>`, the socket frame terminator (17 bytes). */
export const END = new TextEncoder().encode('<F2B_END_COMMAND>');

export interface Vector {
  file: string;
  command: unknown;
  request_protocol: 0 | 2 | 3 | 4 | 5 | null;
  request_hex: string;
  reply_hex: string;
  decoded: unknown;
  request_opcodes: string[] | null;
}

export function loadVectors(): Vector[] {
  return readdirSync(vectorDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(parseJsonBigInt(readFileSync(path.join(vectorDir, file), 'utf8')) as Omit<
        Vector,
        'file'
      >),
    }));
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Splits captured socket bytes into frames at each END terminator (vector 74 holds two). */
export function splitFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i + END.length <= bytes.length; i++) {
    if (END.every((b, k) => bytes[i + k] === b)) {
      frames.push(bytes.subarray(start, i));
      i += END.length - 1;
      start = i + 1;
    }
  }
  if (start !== bytes.length) throw new Error('bytes after the last END terminator');
  return frames;
}
