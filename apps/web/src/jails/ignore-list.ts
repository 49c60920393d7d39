import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

/** An entered address (or network) together with the ignoreip entry that covers it. */
export interface IgnoredAddress {
  address: string;
  entry: string;
}

/**
 * Which entered addresses fall inside the jail's `ignoreip` list. fail2ban never bans those
 * for failures, and a manual ban of one is usually a mistake (an admin's own network).
 * Entries that are not addresses or CIDRs (host names, `file:` lists) cannot be checked
 * here and are skipped; so are entered strings that are not addresses: the server rejects them.
 */
export function findIgnored(
  entered: readonly string[],
  ignoreip: readonly string[],
): IgnoredAddress[] {
  const entries = ignoreip.flatMap((entry) => {
    const network = toNetwork(entry);
    return network ? [{ entry, network }] : [];
  });
  return entered.flatMap((address) => {
    const network = toNetwork(address);
    const hit = network && entries.find((entry) => overlaps(network, entry.network));
    return hit ? [{ address, entry: hit.entry }] : [];
  });
}

/** "127.0.0.1" as 127.0.0.1/32, "10.0.0.0/8" as is; IPv4-mapped IPv6 as its IPv4 address. */
function toNetwork(text: string): Network | undefined {
  const value = text.trim();
  try {
    if (value.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(value);
      if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) {
        return [address.toIPv4Address(), Math.max(0, bits - 96)];
      }
      return [address, bits];
    }
    const address = ipaddr.process(value);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

// Two CIDR blocks overlap exactly when one contains the other's first address.
function overlaps(a: Network, b: Network): boolean {
  if (a[0].kind() !== b[0].kind()) return false;
  return a[0].match(b) || b[0].match(a);
}
