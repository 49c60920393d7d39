export interface BanEntry {
  /** The id exactly as fail2ban reported it (canonical for IPs, raw otherwise). */
  id: string;
  /** Start of the ban (ms since epoch, second resolution). */
  startedAt: number;
  /** Effective ban duration in seconds; -1 = permanent. */
  bantimeSeconds: number;
  /** End of the ban (ms since epoch); null when permanent. */
  endsAt: number | null;
  permanent: boolean;
}

// fail2ban's BanManager formats '%s \t%s + %d = %s' % (id, start, bantime, end).
const LINE = /^(.+) \t(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) \+ (-?\d+) = .+$/s;

/**
 * Parses one `get JAIL banip --with-time` line; undefined when it does not match.
 *
 * Time zone: fail2ban prints wall-clock times in the fail2ban host's local zone. BanGUI
 * runs on the same host, so Node's local zone is used. The start is the reference and the
 * end is computed from the duration, which sidesteps the permanent end sentinel; the
 * start is ambiguous only within a DST fall-back hour.
 */
export function parseBanTimeLine(line: string): BanEntry | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const id = m[1] ?? '';
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bantime = 0] = m.slice(2).map(Number);
  const startedAt = new Date(y, mo - 1, d, h, mi, s).getTime();
  const bantimeSeconds = bantime;
  if (!Number.isSafeInteger(bantimeSeconds) || Number.isNaN(startedAt)) return undefined;
  if (bantimeSeconds < 0 && bantimeSeconds !== -1) return undefined;
  const permanent = bantimeSeconds === -1;
  return {
    id,
    startedAt,
    bantimeSeconds,
    endsAt: permanent ? null : startedAt + bantimeSeconds * 1000,
    permanent,
  };
}
