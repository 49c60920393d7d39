import { invalidArgument } from '../errors.ts';
import { CLOSE_MARKER, END_MARKER } from '../framing.ts';
import { canonicalId, parseBanTarget } from '../ip.ts';

/**
 * Validates ids to ban: each must be an IP address or CIDR network. Returns their
 * canonical forms (what fail2ban stores), without duplicates.
 */
export function banTargets(ids: readonly string[]): string[] {
  const bad = ids.filter((id) => typeof id !== 'string' || !parseBanTarget(id));
  if (bad.length > 0) {
    throw invalidArgument(
      `not an IP address or CIDR network: ${bad.map((id) => JSON.stringify(id)).join(', ')}`,
      bad,
    );
  }
  return [...new Set(ids.map((id) => parseBanTarget(id)?.canonical ?? id))];
}

/**
 * Validates ids that name existing fail2ban entries (unban, lookups). fail2ban ids are not
 * always IPs (`banip not-an-ip` is accepted), so any non-empty string is allowed, except:
 * - a framing marker, which would desynchronise the stream;
 * - a leading `--`: fail2ban reads such words in an id list as options for the WHOLE list
 *   (`unbanip --report-absent x` makes absent ids an error, `--all` unbans everything).
 *   Real fail2ban ids (IPs, networks, names from other tools) never start with two dashes,
 *   so refusing them costs nothing and keeps every id an id.
 */
export function existingIds(ids: readonly string[]): void {
  const bad = ids.filter(
    (id) =>
      typeof id !== 'string' ||
      id === '' ||
      id.startsWith('--') ||
      id.includes(END_MARKER) ||
      id.includes(CLOSE_MARKER),
  );
  if (bad.length > 0) {
    throw invalidArgument(
      `invalid fail2ban ids (empty, starting with '--' which fail2ban reads as an option, or containing a framing marker): ${bad.map((id) => JSON.stringify(id)).join(', ')}`,
      bad,
    );
  }
}

/** For lookups: fail2ban matches the stored (canonical) form, so normalise IPs. */
export function lookupIds(ids: readonly string[]): string[] {
  existingIds(ids);
  return ids.map(canonicalId);
}
