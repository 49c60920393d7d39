import ipaddr from 'ipaddr.js';

export interface BanTarget {
  kind: 'ip' | 'network';
  /** The form fail2ban itself stores and lists (see `canonicalId`). */
  canonical: string;
  version: 4 | 6;
}

/**
 * Parses an IP address or CIDR network the way fail2ban normalises it (fail2ban's
 * `IPAddr.ntoa`): IPv4 dotted quad; IPv6 as `inet_ntop` prints it (compressed, lowercase);
 * an IPv4-mapped IPv6 address becomes IPv4; a network has its host bits cleared; a full
 * prefix (/32, /128) is a single address. Returns undefined for anything else.
 *
 * Stricter than fail2ban on purpose: no IPv4 shorthand (`1.2.3`, octal, hex), no IPv6 zone
 * (`%eth0`), no brackets, no netmask notation, and no /0 (it would ban every address).
 */
export function parseBanTarget(input: string): BanTarget | undefined {
  const slash = input.indexOf('/');
  const addressText = slash < 0 ? input : input.slice(0, slash);
  const address = parseStrictAddress(addressText);
  if (!address) return undefined;
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const prefixText = input.slice(slash + 1);
    if (!/^(?:0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix < 1 || prefix > bits) return undefined;
  }
  // Like fail2ban, only a bare mapped address turns into IPv4 (an explicit /128 does not).
  const bytes = address.toByteArray();
  if (bits === 128 && slash < 0 && isIpv4Mapped(bytes)) {
    return { kind: 'ip', canonical: bytes.slice(12).join('.'), version: 4 };
  }
  maskHostBits(bytes, prefix);
  const text = bits === 32 ? bytes.join('.') : formatIpv6(bytes);
  if (prefix === bits) return { kind: 'ip', canonical: text, version: bits === 32 ? 4 : 6 };
  return { kind: 'network', canonical: `${text}/${prefix}`, version: bits === 32 ? 4 : 6 };
}

/** The canonical form of a ban id: normalised for IPs and networks, unchanged otherwise. */
export function canonicalId(id: string): string {
  return parseBanTarget(id)?.canonical ?? id;
}

/** True when two ban ids denote the same fail2ban entry. */
export function isSameId(a: string, b: string): boolean {
  return a === b || canonicalId(a) === canonicalId(b);
}

function parseStrictAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (text.includes(':')) {
    const v6 = withHexIpv4Tail(text);
    if (v6 === undefined || v6.includes('%') || !ipaddr.IPv6.isValid(v6)) return undefined;
    return ipaddr.IPv6.parse(v6);
  }
  // isValidFourPartDecimal rejects the shorthand forms inet_aton accepts but inet_pton
  // (and so fail2ban) does not.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return ipaddr.IPv4.parse(text);
}

/**
 * Rewrites a dotted IPv4 tail (`::1.2.3.4`) as two hex groups. Why: ipaddr.js reads
 * `::1.2.3.4` as `::ffff:1.2.3.4`, a different address.
 */
function withHexIpv4Tail(text: string): string | undefined {
  const m = /^(.*:)([^:]*\.[^:]*)$/.exec(text);
  if (!m) return text;
  const [, head = '', tail = ''] = m;
  if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
  return `${head}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** `::ffff:0:0/96`, the range fail2ban converts to plain IPv4. */
function isIpv4Mapped(bytes: number[]): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

function maskHostBits(bytes: number[], prefix: number): void {
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
}

/**
 * glibc `inet_ntop(AF_INET6)` output, which is what fail2ban lists: RFC 5952 compression
 * (longest run of two or more zero groups, the first on a tie), plus glibc's dotted tail for
 * `::a.b.c.d` and `::ffff:a.b.c.d`.
 */
function formatIpv6(bytes: number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  const hex = (w: number | undefined) => (w ?? 0).toString(16);
  const dotted = bestStart === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  const tailWords = dotted ? 6 : 8;
  const parts: string[] = [];
  for (let i = 0; i < tailWords; i++) {
    if (i === bestStart) {
      parts.push(i === 0 ? ':' : '');
      i += bestLen - 1;
      if (i === tailWords - 1) parts.push('');
      continue;
    }
    parts.push(hex(words[i]));
  }
  let text = parts.join(':');
  if (dotted) text += `${text.endsWith(':') ? '' : ':'}${bytes.slice(12).join('.')}`;
  return text;
}
