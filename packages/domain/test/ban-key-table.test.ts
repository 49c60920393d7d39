import { describe, expect, it } from 'vitest';
import { createBanKeyTable } from '../src/ban-key-table.ts';

const T = Date.UTC(2025, 0, 1);

describe('ban key table', () => {
  it('answers true only for the first position of a key, per kind', () => {
    const keys = createBanKeyTable();
    expect(keys.claim('observed', 0, 7, T, '10')).toBe(true);
    expect(keys.claim('observed', 0, 7, T + 999, '11')).toBe(false); // same second
    expect(keys.claim('observed', 0, 7, T, '10')).toBe(true); // the first, asked again
    expect(keys.claim('ended', 0, 7, T, '12')).toBe(true);
    expect(keys.claim('observed', 1, 7, T, '13')).toBe(true); // another jail
    expect(keys.claim('observed', 0, 8, T, '14')).toBe(true); // another address
    expect(keys.claim('observed', 0, 7, T + 1000, '15')).toBe(true); // another second
    expect(keys.size).toBe(4);
  });

  it('keeps the smallest position, so the answer does not depend on who asked first', () => {
    const keys = createBanKeyTable();
    expect(keys.claim('observed', 0, 1, T, '50')).toBe(true);
    expect(keys.claim('observed', 0, 1, T, '9')).toBe(true);
    expect(keys.claim('observed', 0, 1, T, '50')).toBe(false);
  });

  it('keeps every key and its first position when it grows, long positions included', () => {
    const keys = createBanKeyTable();
    const long = (n: number) => `1${String(n).padStart(20, '0')}`;
    // Short, past 2^32 (a double but not 32 bits), and past a double's exact range.
    const positionOf = (n: number) =>
      n % 3 === 0 ? String(n + 1) : n % 3 === 1 ? String(2 ** 32 + n) : long(n);
    for (let n = 0; n < 5000; n++) {
      expect(keys.claim('observed', n % 3, n, T + n * 1000, positionOf(n))).toBe(true);
    }
    for (let n = 0; n < 5000; n++) {
      const position = positionOf(n);
      expect(keys.claim('observed', n % 3, n, T + n * 1000, position)).toBe(true);
      expect(keys.claim('observed', n % 3, n, T + n * 1000, `${position}0`)).toBe(false);
    }
    expect(keys.size).toBe(5000);
    // A short position is before every long one; a long one never replaces a short one.
    expect(keys.claim('observed', 1, 1, T + 1000, '5')).toBe(true);
    expect(keys.claim('observed', 1, 1, T + 1000, String(2 ** 32 + 1))).toBe(false);
    expect(keys.claim('observed', 2, 2, T + 2000, String(2 ** 32))).toBe(true);
    expect(keys.claim('observed', 2, 2, T + 2000, long(2))).toBe(false);
    expect(keys.claim('observed', 0, 0, T, long(0))).toBe(false);
  });
});
