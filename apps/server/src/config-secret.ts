import { readFileSync } from 'node:fs';
import type { Env } from './config.ts';

/**
 * A secret from `NAME` or from the file named by `NAME_FILE` (Docker/systemd
 * credentials). Both set is an error; neither is undefined. Only the trailing
 * newline an editor or `echo` adds is stripped. Problems are appended to
 * `problems` so loadConfig reports every bad variable at once.
 */
export function readSecret(
  env: Env,
  name: string,
  problems: string[],
  check: (secret: string) => string | undefined,
): string | undefined {
  const fileVar = `${name}_FILE`;
  const direct = env[name];
  const file = env[fileVar];
  if (direct !== undefined && file !== undefined) {
    problems.push(`${name} and ${fileVar}: set only one of them`);
    return undefined;
  }
  let secret = direct;
  let where = name;
  if (file !== undefined) {
    where = `${fileVar} (${file})`;
    try {
      secret = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      problems.push(`${fileVar}: cannot read ${file} (${code})`);
      return undefined;
    }
  }
  if (secret === undefined) return undefined;
  const problem = check(secret);
  if (problem) {
    problems.push(`${where}: ${problem}`);
    return undefined;
  }
  return secret;
}
