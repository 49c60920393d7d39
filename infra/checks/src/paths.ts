import { fileURLToPath } from 'node:url';

/** Absolute path of a file under infra/ (this package lives in infra/checks). */
export function infraPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** Absolute path of a file from the repository root. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
}
