import ipaddr from 'ipaddr.js';

/**
 * Addresses are compared in a canonical form (IPv4 dotted quad, IPv6 lower-case
 * compressed per RFC 5952, IPv4-mapped IPv6 as IPv4) while the ID is kept exactly
 * as fail2ban reported it for display and for sending back. IDs that are not IP
 * addresses (fail2ban can ban user names or any string) are their own canonical form.
 */
export function canonicalAddress(id: string): string {
  // Fast path: most IDs are already canonical IPv4; returning the same string
  // instance also lets every map share it instead of holding copies.
  if (isPlainIpv4(id)) return id;
  const parsed = parseAddress(id);
  return parsed ? format(parsed) : id;
}

export interface CidrRange {
  readonly kind: 'ipv4' | 'ipv6';
  readonly addr: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

/** Parses `IP/prefix` or a bare IP (a full-length prefix); undefined when invalid. */
export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const addr = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return undefined;
  const bits = addr.kind() === 'ipv4' ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { kind: addr.kind(), addr, prefix };
}

/** True when `id` is an IP address inside `range`; non-IP IDs never match. */
export function cidrContains(range: CidrRange, id: string): boolean {
  const addr = parseAddress(id);
  if (!addr || addr.kind() !== range.kind) return false;
  // kind() was checked; the cast only satisfies ipaddr.js's overloads.
  return (addr as ipaddr.IPv4).match(range.addr as ipaddr.IPv4, range.prefix);
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const s = text.trim();
  // Zone ids cannot be banned; IPv4 shorthand (`1.2.3`, hex) is not what fail2ban means.
  if (s.includes('%')) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return ipaddr.IPv4.parse(s);
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  const v6 = ipaddr.IPv6.parse(s);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

function format(addr: ipaddr.IPv4 | ipaddr.IPv6): string {
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/**
 * Dotted quad with no leading zeros, each part <= 255: already canonical. A
 * char-code loop because it runs for every event in several projections.
 */
function isPlainIpv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      digits++;
      if (digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}
