import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes via a temp file in the same directory and renames it over the
 * target, so a crash never leaves a half-written file. The temp file is
 * created with `mode` directly: a secret is never readable, even briefly.
 */
export async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { mode, flag: 'wx' });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
