import { describe, expect, it } from 'vitest';
import { canonicalAddress, cidrContains, parseCidr } from '../src/address.ts';
import { comparePositions, decodePosition, encodePosition } from '../src/position.ts';
import { isoOrNull } from '../src/utc-time.ts';

describe('addresses', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['192.0.2.01', '192.0.2.01'], // not a dotted quad fail2ban prints: left as an opaque ID
    ['some-user', 'some-user'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
  ])('canonical form of %j is %j', (id, canonical) => {
    expect(canonicalAddress(id)).toBe(canonical);
  });

  it('matches networks by family, never non-IP IDs', () => {
    const net = parseCidr('2001:db8::/32');
    expect(net && cidrContains(net, '2001:DB8:ffff::1')).toBe(true);
    expect(net && cidrContains(net, '192.0.2.1')).toBe(false);
    expect(net && cidrContains(net, 'user')).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});

describe('positions', () => {
  it('orders decimal positions numerically, not as text', () => {
    expect(comparePositions('9', '10')).toBe(-1);
    expect(comparePositions('10', '10')).toBe(0);
    expect(comparePositions('123456789012345678901', '99')).toBe(1);
    expect(() => comparePositions('a', '1')).toThrow(/decimal/);
  });

  it('stores positions compactly and gives back the same text', () => {
    for (const p of ['0', '42', '9007199254740993', '123456789012345678901']) {
      expect(decodePosition(encodePosition(p))).toBe(p);
    }
    expect(typeof encodePosition('42')).toBe('number');
  });
});

describe('time', () => {
  it('formats only times a Date can hold', () => {
    expect(isoOrNull(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoOrNull(8.64e15 + 1)).toBeNull();
    expect(isoOrNull(Number.POSITIVE_INFINITY)).toBeNull();
    expect(isoOrNull(null)).toBeNull();
  });
});
