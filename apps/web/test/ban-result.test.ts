import { describe, expect, it } from 'vitest';
import { describeBanResult, describeUnbanResult } from '../src/format/ban-result.ts';
import { listAddresses } from '../src/format/list-addresses.ts';

describe('ban result messages', () => {
  it('names the addresses that were banned', () => {
    expect(
      describeBanResult({ requested: 2, banned: 2, changed: true }, ['203.0.113.7', '2001:db8::7']),
    ).toBe('Banned 203.0.113.7, 2001:db8::7');
  });

  it('says when every address was already banned', () => {
    expect(describeBanResult({ requested: 1, banned: 0, changed: false }, ['203.0.113.7'])).toBe(
      'Already banned, nothing changed: 203.0.113.7',
    );
  });

  it('counts the already banned ones when only some were new', () => {
    expect(
      describeBanResult({ requested: 3, banned: 2, changed: true }, [
        '192.0.2.1',
        '192.0.2.2',
        '192.0.2.3',
      ]),
    ).toBe('Banned 2 of 3, 1 already banned: 192.0.2.1, 192.0.2.2, 192.0.2.3');
  });

  it('reports addresses that were not banned on unban', () => {
    expect(describeUnbanResult({ requested: 1, unbanned: 1, changed: true })).toBe('Unbanned 1');
    expect(describeUnbanResult({ requested: 3, unbanned: 1, changed: true })).toBe(
      'Unbanned 1, 2 were not banned',
    );
  });
});

describe('listAddresses', () => {
  it('lists a few addresses in full', () => {
    expect(listAddresses(['192.0.2.1', '192.0.2.2'])).toBe('192.0.2.1, 192.0.2.2');
  });

  it('shortens a long list', () => {
    const many = Array.from({ length: 12 }, (_, i) => `192.0.2.${i + 1}`);
    expect(listAddresses(many)).toBe(
      '192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4, 192.0.2.5 and 7 more',
    );
  });
});
