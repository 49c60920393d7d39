import ipaddr from 'ipaddr.js';

/** An address or a network: `prefix` is 32 / 128 for a single address. */
export interface IpRange {
  readonly addr: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

/**
 * Strict parse of one IP address (no CIDR). ipaddr.js's generic parser accepts
 * legacy IPv4 forms such as `1.2.3` or `0x7f.1`; fail2ban and people do not
 * mean those, so IPv4 must be four decimal parts. Zone ids (`fe80::1%eth0`) are
 * rejected because they cannot be banned. IPv4-mapped IPv6 becomes IPv4, which
 * is also what fail2ban does, so comparisons with its output line up.
 */
export function parseIp(input: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const s = input.trim();
  if (s.includes('%')) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return ipaddr.IPv4.parse(s);
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  const v6 = ipaddr.IPv6.parse(s);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Parses `IP` or `IP/prefix`; host bits of a network are cleared. */
export function parseIpOrCidr(input: string): IpRange | undefined {
  const s = input.trim();
  const slash = s.indexOf('/');
  if (slash === -1) {
    const addr = parseIp(s);
    return addr ? { addr, prefix: fullPrefix(addr) } : undefined;
  }
  const addr = parseIp(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > fullPrefix(addr)) return undefined;
  return { addr: networkAddress(addr, prefix), prefix };
}

/** `198.51.100.0/24`, `2001:db8::23`: a full-length prefix is dropped, as fail2ban lists it. */
export function formatRange(range: IpRange): string {
  const text = range.addr.toString();
  return range.prefix === fullPrefix(range.addr) ? text : `${text}/${range.prefix}`;
}

/** True when `inner` lies entirely inside `outer` (same family). */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  if (outer.addr.kind() !== inner.addr.kind() || inner.prefix < outer.prefix) return false;
  // kind() was checked, so the cast only satisfies ipaddr.js's overloads.
  return (inner.addr as ipaddr.IPv4).match(outer.addr as ipaddr.IPv4, outer.prefix);
}

function fullPrefix(addr: ipaddr.IPv4 | ipaddr.IPv6): number {
  return addr.kind() === 'ipv4' ? 32 : 128;
}

function networkAddress(
  addr: ipaddr.IPv4 | ipaddr.IPv6,
  prefix: number,
): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
}
