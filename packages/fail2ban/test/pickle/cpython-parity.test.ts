import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodePickle, isPyTuple, type PyInput, pyTuple } from '../../src/pickle/index.ts';
import { createPrng } from './support/prng.ts';
import { randomInput } from './support/random-input.ts';
import { toHex } from './support/vectors.ts';

// The Python that runs fail2ban (Debian's fail2ban package depends on it).
const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('./support/cpython-dumps.py', import.meta.url));

/** PyInput -> JSON the Python side can rebuild with exact types (see cpython-dumps.py). */
function tagged(v: PyInput): unknown {
  if (typeof v === 'bigint') return { i: String(v) };
  if (typeof v === 'number' && !Number.isInteger(v))
    return { f: Number.isNaN(v) ? 'nan' : String(v) };
  if (Array.isArray(v)) return v.map(tagged);
  if (isPyTuple(v)) return { t: v.items.map(tagged) };
  if (typeof v === 'object' && v !== null)
    return { d: Object.entries(v).map(([k, x]) => [k, tagged(x)]) };
  return v;
}

function cpythonDumps(cases: { value: PyInput; protocol: number }[]): string[] {
  const input = cases
    .map((c) => JSON.stringify({ value: tagged(c.value), protocol: c.protocol }))
    .join('\n');
  const r = spawnSync(PYTHON, [script], {
    input: `${input}\n`,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

const edgeCases: PyInput[] = [
  Array.from({ length: 1001 }, (_, i) => i), // batch of 1000 + a batch of 1
  Array.from({ length: 2001 }, (_, i) => `s${i}`.padEnd(100, 'x')), // several 64 KiB frames
  ['a', 'y'.repeat(70_000), 'b'], // a string written outside frames
  ['a'.repeat(65_535), 'b'.repeat(65_536)], // both sides of the large-bytes threshold
  Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])),
  { only: 1 },
  Array.from({ length: 300 }, (_, i) => `u${i % 290}`), // memo indexes past 255
  [0.1, 1e-5, 123456789.125, 1.5e-300, 1.2345e-7, 5e-324, 1234567890123.5, Number.NaN, -0.5],
  ['a\\u0041\n\r\0\x1a\u00e9\u1234\u{1F600}\\', '\ud800x'],
  [2147483647, 2147483648, -2147483649, 2n ** 70n, -(2n ** 2100n), -(2n ** 63n)],
  pyTuple(pyTuple(), pyTuple(1), pyTuple(1, 2), pyTuple(1, 2, 3), pyTuple(1, 2, 3, 4)),
];

// /usr/bin/python3 is Debian's (fail2ban itself runs on it), so the comparison always runs.
describe('byte-for-byte parity with CPython pickle.dumps', () => {
  it('has the Python that fail2ban uses', () => {
    expect(existsSync(PYTHON)).toBe(true);
  });

  it.each([0, 2, 3, 4, 5] as const)(
    'protocol %i: edge cases and 200 random structures',
    (protocol) => {
      const rng = createPrng(7 + protocol);
      const values = [...edgeCases, ...Array.from({ length: 200 }, () => randomInput(rng))];
      const expected = cpythonDumps(values.map((value) => ({ value, protocol })));
      const actual = values.map((v) => toHex(encodePickle(v, protocol)));
      expect(actual.length).toBe(expected.length);
      actual.forEach((hex, i) => {
        expect(hex, `value #${i}`).toBe(expected[i]);
      });
    },
  );
});
