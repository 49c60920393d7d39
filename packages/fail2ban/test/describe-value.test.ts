import { describe, expect, it } from 'vitest';
import { describeValue } from '../src/describe-value.ts';
import type { PyDict, PyOpaque, PyValue } from '../src/index.ts';

/** L0 = []; L(k+1) = [Lk, Lk]: 2^61 nodes as a tree, 61 objects in memory. */
function doublingDag(levels: number): PyValue[] {
  let v: PyValue[] = [];
  for (let k = 0; k < levels; k++) v = [v, v];
  return v;
}

describe('describeValue', () => {
  it('renders small values like Python', () => {
    const dict = Object.assign(Object.create(null) as PyDict, { a: 1, b: [true, null] });
    expect(describeValue([1, 'x', false, null, 2.5])).toBe('[1, "x", False, None, 2.5]');
    expect(describeValue(dict)).toBe('{"a": 1, "b": [True, None]}');
    const exc: PyOpaque = { kind: 'py-opaque', type: 'builtins.ValueError', args: ['bad'] };
    expect(describeValue(exc)).toBe('builtins.ValueError("bad")');
  });

  it('stops at maxChars on a memo-shared DAG that JSON.stringify would expand 2^61 times', () => {
    // If it expanded the DAG, this test would run into the vitest timeout.
    const text = describeValue(doublingDag(60), 200);
    expect(text).toHaveLength(201);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('[[[[')).toBe(true);
  });

  it('terminates on a cycle', () => {
    const loop: PyValue[] = [];
    loop.push(loop, 1);
    expect(describeValue(loop, 50)).toHaveLength(51);
  });

  it('handles bigints: small ones in decimal, huge ones by size without converting them', () => {
    expect(describeValue([2n ** 70n])).toBe('[1180591620717411303424]');
    expect(describeValue(-(2n ** 80_000_000n))).toBe('<int below -2**256>');
    expect(describeValue(2n ** 257n)).toBe('<int above 2**256>');
  });

  it('cuts long strings and huge lists to the budget', () => {
    expect(describeValue('y'.repeat(10_000_000), 20)).toBe(`"${'y'.repeat(19)}…`);
    const many = new Array<PyValue>(5_000_000).fill(7);
    expect(describeValue(many, 30)).toBe('[7, 7, 7, 7, 7, 7, 7, 7, 7, 7,…');
  });
});
