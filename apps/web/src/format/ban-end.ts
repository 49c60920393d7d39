import { formatDateTime } from './date-time.ts';

export interface BanEnd {
  permanent: boolean;
  endsAt: string | null;
  endsBeyondRange?: boolean;
}

/**
 * When a ban ends, in words an admin can act on: "permanent" for fail2ban's -1, "far future"
 * when escalating ban times push the end past what a date can hold (the server sends null
 * for both and says which), otherwise the local time with its UTC offset.
 */
export function describeBanEnd(ban: BanEnd, timeZone?: string): string {
  if (ban.permanent) return 'permanent';
  if (ban.endsBeyondRange) return 'far future';
  if (ban.endsAt === null) return '—';
  return formatDateTime(ban.endsAt, timeZone);
}
