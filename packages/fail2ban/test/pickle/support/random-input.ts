import { isPyTuple, type PyInput, pyTuple } from '../../../src/pickle/index.ts';
import type { Prng } from './prng.ts';

const CHARS = [
  'a',
  'Z',
  ' ',
  '\n',
  '\r',
  '\0',
  '\\',
  '\x1a',
  'é',
  'ÿ',
  'Ā',
  '☃',
  '𝄞',
  '\ud800',
  '\udfff',
  'u',
];

function randomString(rng: Prng): string {
  let s = '';
  for (let n = rng.int(0, 12); n > 0; n--) s += rng.pick(CHARS);
  // Sometimes a long one, to cross the 256-byte SHORT_BINUNICODE limit.
  return rng.next() < 0.05 ? s + 'x'.repeat(rng.int(250, 300)) : s;
}

function randomScalar(rng: Prng): PyInput {
  switch (rng.int(0, 8)) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.int(0, 70000);
    case 3:
      return rng.int(-3_000_000_000, 3_000_000_000);
    case 4:
      return (
        (BigInt(rng.int(1, 1 << 30)) << BigInt(rng.int(53, 2100))) * (rng.next() < 0.5 ? -1n : 1n)
      );
    case 5:
      // Non-integer floats only: integral JS numbers encode as Python int by design.
      return (rng.int(-1e6, 1e6) + 0.5) * 10 ** rng.int(-300, 8);
    case 6:
      return rng.pick([
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        0.1,
        -2.5e-7,
      ]);
    default:
      return randomString(rng);
  }
}

/** A random encoder input: scalars, lists, tuples and string-keyed dicts, nested a few levels. */
export function randomInput(rng: Prng, depth = 0): PyInput {
  if (depth >= 4 || rng.next() < 0.45) return randomScalar(rng);
  const items = () => Array.from({ length: rng.int(0, 6) }, () => randomInput(rng, depth + 1));
  switch (rng.int(0, 2)) {
    case 0:
      return items();
    case 1:
      return pyTuple(...items());
    default: {
      const dict: { [key: string]: PyInput } = {};
      for (let n = rng.int(0, 5); n > 0; n--) dict[randomString(rng)] = randomInput(rng, depth + 1);
      return dict;
    }
  }
}

/** What decoding an input must give back: tuples become arrays, safe bigints become numbers. */
export function expectedDecoding(v: PyInput): unknown {
  if (typeof v === 'bigint') return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v;
  if (Array.isArray(v)) return v.map(expectedDecoding);
  if (isPyTuple(v)) return v.items.map(expectedDecoding);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expectedDecoding(x)]));
  }
  return v;
}
