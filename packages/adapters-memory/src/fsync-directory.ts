import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Makes a directory's entries durable: a new or renamed file can otherwise vanish in a crash. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
