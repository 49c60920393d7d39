const units: ReadonlyArray<readonly [name: string, seconds: number]> = [
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Human-readable fail2ban duration: "permanent" for a negative value (fail2ban uses -1),
 * otherwise every non-zero unit, e.g. "1 day 2 hours". Exact rather than rounded because
 * an admin reading a jail's settings needs the real value.
 */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds < 0) return 'permanent';
  if (totalSeconds === 0) return '0 seconds';
  let rest = Math.round(totalSeconds);
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
      rest -= count * size;
    }
  }
  return parts.join(' ');
}
