/**
 * Random addresses from the ranges reserved for documentation (RFC 5737 and
 * RFC 3849), so demo traffic can never name a real host.
 */
const IPV4_PREFIXES = ['192.0.2', '198.51.100', '203.0.113'] as const;

export function randomDocumentationIp(random: () => number): string {
  // Roughly one address in five is IPv6, so the GUI shows both families.
  if (random() < 0.2) {
    const group = () => Math.floor(random() * 0x10000).toString(16);
    return `2001:db8:${group()}::${group()}`;
  }
  const prefix = IPV4_PREFIXES[Math.floor(random() * IPV4_PREFIXES.length)] ?? IPV4_PREFIXES[0];
  // Hosts 1..254: skip the network and broadcast addresses.
  return `${prefix}.${1 + Math.floor(random() * 254)}`;
}

const REMEMBERED_OFFENDERS = 20;

/**
 * Returns a picker that mostly draws fresh addresses but sometimes brings back
 * a recent one: repeat offenders are what bantime.increment and the per-IP
 * history in BanGUI are about.
 */
export function documentationIpPool(random: () => number): () => string {
  const recent: string[] = [];
  return () => {
    const again = recent[Math.floor(random() * recent.length)];
    if (again !== undefined && random() < 0.3) return again;
    const ip = randomDocumentationIp(random);
    recent.push(ip);
    if (recent.length > REMEMBERED_OFFENDERS) recent.shift();
    return ip;
  };
}
