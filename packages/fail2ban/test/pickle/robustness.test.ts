import { describe, expect, it } from 'vitest';
import {
  decodePickle,
  decodePickleWithLength,
  encodePickle,
  PickleError,
  pyTuple,
} from '../../src/pickle/index.ts';
import { pk, u32le, u64le } from './support/bytes.ts';
import { outcome } from './support/outcome.ts';
import { createPrng } from './support/prng.ts';
import { END, fromHex, loadVectors, splitFrames } from './support/vectors.ts';

const vectors = loadVectors();
const replies = vectors.flatMap((v) => splitFrames(fromHex(v.reply_hex)));
const requests = vectors.map((v) => fromHex(v.request_hex.slice(0, -END.length * 2)));
const validPickles = [
  ...replies,
  ...requests.filter((_, i) => vectors[i]?.request_protocol !== null),
];

function codeOf(bytes: Uint8Array, options?: Parameters<typeof decodePickle>[1]): string {
  const r = outcome(bytes, options);
  if ('value' in r) return 'ok';
  return r.error instanceof PickleError ? r.error.code : `non-PickleError: ${String(r.error)}`;
}

describe('truncation', () => {
  it('reports every strict prefix of every recorded pickle as truncated', () => {
    const codes = new Set<string>();
    for (const p of validPickles) {
      for (let n = 0; n < p.length; n++) codes.add(codeOf(p.subarray(0, n)));
    }
    expect([...codes]).toEqual(['truncated']);
  });

  it('treats the bytes before an END inside a string as truncated (vector 74)', () => {
    const v74 = vectors.find((v) => v.file.startsWith('74-'));
    const request = fromHex(v74?.request_hex ?? '');
    const [firstFrame] = splitFrames(request.subarray(0, request.indexOf(0x3c, 20) + END.length));
    expect(codeOf(firstFrame as Uint8Array)).toBe('truncated');
  });

  it('reports the consumed length so a reader can check that END follows STOP', () => {
    const reply = fromHex(vectors[0]?.reply_hex ?? '');
    const { value, length } = decodePickleWithLength(reply);
    expect(value).toEqual([0, 'pong']);
    expect(reply.subarray(length)).toEqual(END);
    expect(codeOf(reply)).toBe('trailing-data');
  });
});

describe('random corruption', () => {
  it('never throws anything but PickleError for byte flips, cuts and insertions', () => {
    const rng = createPrng(0xf2b);
    const foreign: unknown[] = [];
    for (const p of validPickles) {
      for (let round = 0; round < 40; round++) {
        const b = Array.from(p);
        for (let k = rng.int(1, 3); k > 0; k--) {
          const at = rng.int(0, b.length - 1);
          const mode = rng.int(0, 2);
          if (mode === 0) b[at] = rng.int(0, 255);
          else if (mode === 1) b.splice(at, rng.int(1, 4));
          else b.splice(at, 0, rng.int(0, 255));
        }
        const r = outcome(Uint8Array.from(b));
        if ('error' in r && !(r.error instanceof PickleError)) foreign.push(r.error);
      }
    }
    expect(foreign).toEqual([]);
  });

  it('never throws anything but PickleError for random garbage', () => {
    const rng = createPrng(42);
    const foreign: unknown[] = [];
    for (let round = 0; round < 3000; round++) {
      const bytes = Uint8Array.from({ length: rng.int(0, 40) }, () => rng.int(0, 255));
      const r = outcome(bytes);
      if ('error' in r && !(r.error instanceof PickleError)) foreign.push(r.error);
    }
    expect(foreign).toEqual([]);
  });
});

describe('limits', () => {
  it('rejects absurd length fields before allocating', () => {
    expect(codeOf(pk(0x8d, u64le(1n << 62n), '.'))).toBe('too-large'); // BINUNICODE8
    expect(codeOf(pk(0x95, u64le(0xffffffffffffffffn), '.'))).toBe('too-large'); // FRAME
    expect(codeOf(pk('X', u32le(0xffffffff), 'abc.'))).toBe('too-large'); // BINUNICODE
    expect(codeOf(pk(0x8b, u32le(0x7fffffff), '.'))).toBe('too-large'); // LONG4
    expect(codeOf(pk('X', u32le(100), 'abc.'), { maxBytes: 10 })).toBe('too-large');
  });

  it('distinguishes a plausible length that runs past the input (truncated)', () => {
    expect(codeOf(pk('X', u32le(100), 'abc.'))).toBe('truncated');
    expect(codeOf(pk(0x80, 5, 0x95, u64le(50n), 'N.'))).toBe('truncated');
  });

  it('rejects input larger than maxBytes', () => {
    expect(codeOf(pk('N.'), { maxBytes: 1 })).toBe('too-large');
  });

  it('rejects a negative LONG4 size', () => {
    expect(codeOf(pk(0x8b, u32le(0xffffffff), '.'))).toBe('malformed');
  });

  it('enforces maxDepth', () => {
    const nested = (n: number) => pk(']'.repeat(n), 'a'.repeat(n - 1), '.');
    expect(codeOf(nested(1001))).toBe('too-deep');
    expect(codeOf(nested(20), { maxDepth: 19 })).toBe('too-deep');
    let v = decodePickle(nested(20), { maxDepth: 20 });
    let depth = 1;
    while (Array.isArray(v) && v.length === 1) {
      v = v[0] as typeof v;
      depth++;
    }
    expect(depth).toBe(20);
  });

  it('survives a huge number of MARKs', () => {
    expect(codeOf(pk('('.repeat(200_000), 'N.'))).toBe('malformed');
  });

  /** L0 = []; L(k+1) = [Lk, Lk] through the memo: ~9 bytes per level, 2^(levels+1)-1 nodes as a tree. */
  function doublingDag(levels: number): Uint8Array {
    const parts: (string | number)[] = [']', 0x94];
    for (let k = 0; k < levels; k++) parts.push('0', ']', 0x94, '(', 'h', k, 'h', k, 'e');
    return pk(...parts, '.');
  }

  it('rejects a tiny pickle that expands to 2^61 nodes (memo-shared lists) by default', () => {
    expect(doublingDag(60).length).toBeLessThan(600);
    expect(codeOf(doublingDag(60))).toBe('too-large');
    // 27 levels (the reported ~250-byte attack): 2^28 nodes, far above the 5M default.
    expect(codeOf(doublingDag(27))).toBe('too-large');
  });

  it('counts expanded nodes exactly: 2^11-1 nodes pass a limit of 2047 and fail one of 2046', () => {
    expect(codeOf(doublingDag(10), { maxLogicalNodes: 2047 })).toBe('ok');
    expect(codeOf(doublingDag(10), { maxLogicalNodes: 2046 })).toBe('too-large');
  });

  it('walks shared sub-structures once (a 2^46-node DAG is measured without expanding it)', () => {
    const top = decodePickle(doublingDag(45), { maxLogicalNodes: Number.MAX_SAFE_INTEGER }) as
      | unknown[]
      | undefined;
    expect(top?.[0]).toBe(top?.[1]);
    let depth = 0;
    for (let v: unknown = top; Array.isArray(v); v = v[0]) depth++;
    expect(depth).toBe(46);
  });

  it('counts a memo-shared string at every use (maxLogicalChars)', () => {
    // One 1000-char string referenced 100 times: 100,000 characters once expanded.
    const refs = Array.from({ length: 100 }, () => ['h', 0]).flat();
    const bytes = pk('X', u32le(1000), 'y'.repeat(1000), 0x94, '0', '(', ...refs, 'l.');
    expect(codeOf(bytes, { maxLogicalChars: 100_000 })).toBe('ok');
    expect(codeOf(bytes, { maxLogicalChars: 99_999 })).toBe('too-large');
  });

  it('keeps a 65k-ban reply far below the logical node limit', () => {
    const lines = Array.from(
      { length: 65_536 },
      (_, i) => `10.${i >> 8}.${i & 255}.1 \t2026-12-03 16:16:56 + 600 = 2026-12-03 16:26:56`,
    );
    const reply = encodePickle(pyTuple(0, lines), 5);
    expect(codeOf(reply, { maxLogicalNodes: 200_000 })).toBe('ok');
  });

  it('enforces maxMemo', () => {
    expect(codeOf(pk('N', 0x94, 0x94, 0x94, '.'), { maxMemo: 2 })).toBe('too-large');
  });

  it('rejects a recursive structure', () => {
    expect(codeOf(pk(']', 0x94, 'h', 0, 'a.'))).toBe('unsupported-value');
  });
});
