import { describe, expect, it } from 'vitest';
import { canonicalId, isSameId, parseBanTarget } from '../src/index.ts';

// Expected forms were produced by fail2ban itself: str(fail2ban.server.ipdns.IPAddr(input)).
const FAIL2BAN_FORMS: Array<[string, string]> = [
  ['2001:DB8:0:0:0:0:0:52', '2001:db8::52'],
  ['::ffff:1.2.3.4', '1.2.3.4'],
  ['::1.2.3.4', '::1.2.3.4'],
  ['::ffff:0:0/96', '::ffff:0.0.0.0/96'],
  ['::ffff:1.2.3.4/120', '::ffff:1.2.3.0/120'],
  ['192.0.2.5/24', '192.0.2.0/24'],
  ['192.0.2.5/32', '192.0.2.5'],
  ['2001:db8::1/64', '2001:db8::/64'],
  ['2001:db8::1/128', '2001:db8::1'],
  ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
  ['1:0:0:0:1:0:0:1', '1::1:0:0:1'],
  ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
  ['::0.0.1.0', '::100'],
];

describe('parseBanTarget', () => {
  it.each(FAIL2BAN_FORMS)('%s is stored by fail2ban as %s', (input, expected) => {
    expect(parseBanTarget(input)?.canonical).toBe(expected);
  });

  it('reports kind and version', () => {
    expect(parseBanTarget('192.0.2.1')).toEqual({ kind: 'ip', canonical: '192.0.2.1', version: 4 });
    expect(parseBanTarget('2001:db8::/32')).toEqual({
      kind: 'network',
      canonical: '2001:db8::/32',
      version: 6,
    });
  });

  it.each([
    '1.2.3',
    '01.2.3.4',
    '0x7f.0.0.1',
    '1.2.3.4/0',
    '1.2.3.4/33',
    '1.2.3.4/',
    '1.2.3.4/255.255.255.0',
    'fe80::1%eth0',
    '[::1]',
    ' 1.2.3.4',
    'not-an-ip',
    '',
  ])('rejects %j', (input) => {
    expect(parseBanTarget(input)).toBeUndefined();
  });
});

describe('canonicalId / isSameId', () => {
  it('normalises IPs and leaves other ids untouched', () => {
    expect(canonicalId('2001:DB8::0:52')).toBe('2001:db8::52');
    expect(canonicalId('Not-An-IP')).toBe('Not-An-IP');
  });

  it('compares ids by fail2ban identity', () => {
    expect(isSameId('2001:DB8:0:0:0:0:0:52', '2001:db8::52')).toBe(true);
    expect(isSameId('::ffff:192.0.2.1', '192.0.2.1')).toBe(true);
    expect(isSameId('192.0.2.1', '192.0.2.10')).toBe(false);
    expect(isSameId('abc', 'ABC')).toBe(false);
  });
});
