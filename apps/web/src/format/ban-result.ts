import type { BanResult, UnbanResult } from '../api/types.ts';

/** "Banned 2, 1 already banned": what the server did with a ban request. */
export function describeBanResult(result: BanResult): string {
  const already = result.requested - result.banned;
  const parts = [`Banned ${result.banned}`];
  if (already > 0) parts.push(`${already} already banned`);
  return parts.join(', ');
}

/** "Unbanned 1" or "1 was not banned". */
export function describeUnbanResult(result: UnbanResult): string {
  const notBanned = result.requested - result.unbanned;
  const parts = [`Unbanned ${result.unbanned}`];
  if (notBanned > 0) parts.push(`${notBanned} ${notBanned === 1 ? 'was' : 'were'} not banned`);
  return parts.join(', ');
}
