/**
 * Formats an ISO instant in the viewer's time zone (or the given one) and appends the UTC
 * offset, e.g. "2026-12-03 18:04:05 UTC+01:00", so a time read off the screen is unambiguous.
 * The date part is ISO-like on purpose: it sorts, and it reads the same in every locale.
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${toUtcOffset(part('timeZoneName'))}`;
}

// Intl spells the offset "GMT+01:00", and plain "GMT" for a zero offset.
function toUtcOffset(longOffset: string): string {
  const offset = longOffset.replace(/^GMT/, '');
  return `UTC${offset === '' ? '+00:00' : offset}`;
}
