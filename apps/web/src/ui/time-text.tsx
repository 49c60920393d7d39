import { formatDateTime } from '../format/date-time.ts';

/** An instant in the viewer's time zone with its UTC offset; a missing one as a dash. */
export function TimeText({ iso }: { iso: string | null }) {
  if (iso === null) return <span className="muted">—</span>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
