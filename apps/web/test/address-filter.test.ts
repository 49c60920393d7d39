import { describe, expect, it } from 'vitest';
import { isAddressOrNetwork } from '../src/format/address-filter.ts';

describe('isAddressOrNetwork', () => {
  it('accepts addresses and CIDR networks of both families', () => {
    for (const text of ['203.0.113.7', '2001:db8::7', '203.0.113.0/24', '2001:db8::/32']) {
      expect(isAddressOrNetwork(text)).toBe(true);
    }
  });

  it('refuses partial searches, garbage and bad prefixes', () => {
    for (const text of ['', '203.0.113.', 'host.example', '10.0.0.0/33', 'abc', '1']) {
      expect(isAddressOrNetwork(text)).toBe(false);
    }
  });
});
