import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VECTOR_DIR } from '../vector-dir.ts';

export interface Vector {
  file: string;
  command: unknown;
  requestHex: string;
  reply: Buffer;
  decoded: unknown;
}

/** Every recorded vector, by file name (e.g. `62-error-unknown-jail-status`). */
export function loadVectors(): Map<string, Vector> {
  const out = new Map<string, Vector>();
  for (const file of readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const raw = JSON.parse(readFileSync(path.join(VECTOR_DIR, file), 'utf8'));
    out.set(file.replace(/\.json$/, ''), {
      file,
      command: raw.command,
      requestHex: raw.request_hex,
      reply: Buffer.from(raw.reply_hex, 'hex'),
      decoded: raw.decoded,
    });
  }
  return out;
}

export function vectorByNumber(vectors: Map<string, Vector>, n: number): Vector {
  const prefix = `${String(n).padStart(2, '0')}-`;
  for (const [name, v] of vectors) if (name.startsWith(prefix)) return v;
  throw new Error(`no vector ${n} in ${VECTOR_DIR}`);
}
