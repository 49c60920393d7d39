import type { IgnoredAddress } from '../jails/ignore-list.ts';

/**
 * "127.0.0.1 is in this jail's ignore list (127.0.0.0/8)." Naming the matching entry lets
 * the admin see at once why, e.g. that a whole private range is ignored.
 */
export function describeIgnored(ignored: readonly IgnoredAddress[]): string {
  const named = ignored.map(({ address, entry }) =>
    address === entry ? address : `${address} (${entry})`,
  );
  const one = named.length === 1;
  const list = one ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `${list} ${one ? 'is' : 'are'} in this jail's ignore list.`;
}
