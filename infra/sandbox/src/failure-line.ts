/**
 * Formats one failed-login line in the shape the sandbox filter matches:
 * `2026-12-03 15:49:47 Failed login for root from 192.0.2.10 port 22`.
 *
 * The timestamp is local time on purpose: fail2ban's default date detector
 * reads `YYYY-mm-dd HH:MM:SS` as local time of the server process, which
 * inherits our TZ.
 */
export function formatFailureLine(date: Date, user: string, ip: string, port: number): string {
  return `${formatLocalTimestamp(date)} Failed login for ${user} from ${ip} port ${port}`;
}

export function formatLocalTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day} ${time}`;
}
