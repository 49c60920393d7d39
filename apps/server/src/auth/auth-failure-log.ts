import { appendFileSync } from 'node:fs';

/** Writes one line per failed login for fail2ban (infra/fail2ban/filter.d/bangui-auth.conf). */
export type AuthFailureLog = (username: string, address: string) => void;

/**
 * `2026-12-03 18:00:00 +0000 bangui: authentication failure for user="<name>" from <ip>`
 *
 * The time is UTC with its offset written out, so fail2ban reads it right
 * whatever its own time zone. The name is JSON-quoted: it is the attacker's
 * text, and unquoted it could end the line early or add a second ` from <ip>`
 * to frame another address; the filter anchors on the last ` from <HOST>$`,
 * which the server writes, after the quoted name.
 */
export function formatAuthFailure(at: number, username: string, address: string): string {
  const time = new Date(at).toISOString().slice(0, 19).replace('T', ' ');
  return `${time} +0000 bangui: authentication failure for user=${JSON.stringify(username)} from ${address}`;
}

/**
 * To a file (BANGUI_AUTH_LOG) when set, else stderr. Appended synchronously:
 * one short line per failed login, and a line that is lost when the process
 * dies right after is an attempt fail2ban never counts.
 */
export function createAuthFailureLog(options: {
  file?: string | undefined;
  now: () => number;
  /** for tests and custom sinks; default the file or stderr */
  write?: (line: string) => void;
}): AuthFailureLog {
  const { file } = options;
  const write =
    options.write ??
    (file === undefined
      ? (line: string) => process.stderr.write(line)
      : (line: string) => {
          try {
            appendFileSync(file, line, { mode: 0o640 });
          } catch (err) {
            // A login must not fail because the log is unwritable; say so where it is seen.
            process.stderr.write(`BANGUI_AUTH_LOG ${file}: ${(err as Error).message}\n${line}`);
          }
        });
  return (username, address) => write(`${formatAuthFailure(options.now(), username, address)}\n`);
}
