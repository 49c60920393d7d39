import { describe, expect, it } from 'vitest';
import { parseAddresses } from '../src/format/parse-addresses.ts';

describe('parseAddresses', () => {
  it('splits on commas, spaces and newlines and drops blanks', () => {
    expect(parseAddresses(' 203.0.113.7,2001:db8::7\n\n198.51.100.1  192.0.2.0/24 ,')).toEqual([
      '203.0.113.7',
      '2001:db8::7',
      '198.51.100.1',
      '192.0.2.0/24',
    ]);
  });

  it('removes duplicates, keeping the first', () => {
    expect(parseAddresses('192.0.2.1 192.0.2.2, 192.0.2.1')).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('returns nothing for whitespace only', () => {
    expect(parseAddresses(' \n\t, ')).toEqual([]);
  });
});
