import { describe, expect, it } from 'vitest';
import { decodePickle, encodePickle, type PyInput, pyTuple } from '../../src/pickle/index.ts';
import { createPrng } from './support/prng.ts';
import { expectedDecoding, randomInput } from './support/random-input.ts';

const protocols = [0, 2, 3, 4, 5] as const;

describe.each(protocols)('encode -> decode round trip, protocol %i', (protocol) => {
  it('preserves 300 random structures', () => {
    const rng = createPrng(1000 + protocol);
    for (let i = 0; i < 300; i++) {
      const input = randomInput(rng);
      expect(decodePickle(encodePickle(input, protocol))).toEqual(expectedDecoding(input));
    }
  });

  it('keeps big ints exact', () => {
    const ints = [
      2n ** 53n,
      -(2n ** 53n),
      2n ** 64n,
      -(2n ** 63n) - 1n,
      2n ** 4000n + 7n,
      -(2n ** 2047n),
    ];
    expect(decodePickle(encodePickle(ints, protocol))).toEqual(ints);
    expect(decodePickle(encodePickle([2 ** 53 - 1, -(2 ** 53 - 1)], protocol))).toEqual([
      2 ** 53 - 1,
      -(2 ** 53 - 1),
    ]);
  });

  it('handles big payloads (frames, large strings, >1000-item batches)', () => {
    const big: PyInput = {
      s: 'é'.repeat(70_000),
      list: Array.from({ length: 2500 }, (_, i) => `10.0.${i >> 8}.${i & 255}`),
      shared: pyTuple('same', 'same'),
    };
    expect(decodePickle(encodePickle(big, protocol))).toEqual(expectedDecoding(big));
  });

  it('preserves identity of shared lists through the memo', () => {
    const shared = [1, 2];
    const v = decodePickle(encodePickle([shared, shared], protocol)) as unknown[];
    expect(v[0]).toBe(v[1]);
  });
});

describe('encoder input validation', () => {
  it('rejects values that are not PyInput', () => {
    expect(() => encodePickle([undefined as unknown as PyInput])).toThrow(/cannot pickle/);
    expect(() => encodePickle(new Date() as unknown as PyInput)).toThrow(/plain objects/);
  });

  it('rejects absurdly deep input instead of overflowing the stack', () => {
    let v: PyInput = [];
    for (let i = 0; i < 5000; i++) v = [v];
    expect(() => encodePickle(v)).toThrow(/too deeply/);
  });
});
