import { describe, expect, it } from 'vitest';
import { describeIgnored } from '../src/format/ignored-warning.ts';

describe('describeIgnored', () => {
  it('names one address and the entry that covers it', () => {
    expect(describeIgnored([{ address: '127.0.0.1', entry: '127.0.0.0/8' }])).toBe(
      "127.0.0.1 (127.0.0.0/8) is in this jail's ignore list.",
    );
  });

  it('does not repeat an address that is itself the entry', () => {
    expect(describeIgnored([{ address: '::1', entry: '::1' }])).toBe(
      "::1 is in this jail's ignore list.",
    );
  });

  it('lists several', () => {
    expect(
      describeIgnored([
        { address: '127.0.0.1', entry: '127.0.0.0/8' },
        { address: '127.0.0.2', entry: '127.0.0.0/8' },
        { address: '::1', entry: '::1' },
      ]),
    ).toBe(
      "127.0.0.1 (127.0.0.0/8), 127.0.0.2 (127.0.0.0/8) and ::1 are in this jail's ignore list.",
    );
  });
});
