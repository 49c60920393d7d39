import ipaddr from 'ipaddr.js';

/**
 * True for an IP address or a CIDR network: what the history's `address` filter accepts.
 * A partial search such as "203.0.113." is not one, and must not be sent there (the
 * server would refuse the whole query).
 */
export function isAddressOrNetwork(text: string): boolean {
  const value = text.trim();
  if (value === '') return false;
  if (value.includes('/')) {
    try {
      ipaddr.parseCIDR(value);
      return true;
    } catch {
      return false;
    }
  }
  // Only dotted quads: ipaddr also takes "1" or "0x1" as IPv4, which nobody means here.
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}
