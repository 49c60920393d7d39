import { parseIpOrCidr, rangeContains } from '../net/ip-range.ts';

/**
 * Search for the bans list: a case-insensitive substring of the id
 * (`2001:db8` finds every ban in that prefix as written), or, when the query
 * is itself an IP or network, any id equal to it, inside it, or containing it
 * (so `198.51.100.7` also finds a ban of `198.51.100.0/24`). Comparisons use
 * canonical forms, so `2001:DB8:0::23` finds `2001:db8::23`.
 */
export function banMatcher(query: string): (id: string) => boolean {
  const needle = query.trim().toLowerCase();
  if (needle.length === 0) return () => true;
  const range = parseIpOrCidr(needle);
  return (id) => {
    if (id.toLowerCase().includes(needle)) return true;
    if (!range) return false;
    const idRange = parseIpOrCidr(id);
    return (
      idRange !== undefined && (rangeContains(range, idRange) || rangeContains(idRange, range))
    );
  };
}
