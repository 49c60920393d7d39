import type { BanResult, UnbanResult } from '../api/types.ts';
import { listAddresses } from './list-addresses.ts';

/**
 * What the server did with a ban request, naming the addresses sent. The API only counts
 * (`{requested, banned}`), so when some but not all were new it cannot say which: then the
 * message says how many of the listed addresses were already banned.
 */
export function describeBanResult(result: BanResult, sent: readonly string[]): string {
  const already = result.requested - result.banned;
  const addresses = listAddresses(sent);
  if (already <= 0) return `Banned ${addresses}`;
  if (result.banned === 0) return `Already banned, nothing changed: ${addresses}`;
  return `Banned ${result.banned} of ${result.requested}, ${already} already banned: ${addresses}`;
}

/** "Unbanned 1" or "1 was not banned". */
export function describeUnbanResult(result: UnbanResult): string {
  const notBanned = result.requested - result.unbanned;
  const parts = [`Unbanned ${result.unbanned}`];
  if (notBanned > 0) parts.push(`${notBanned} ${notBanned === 1 ? 'was' : 'were'} not banned`);
  return parts.join(', ');
}
