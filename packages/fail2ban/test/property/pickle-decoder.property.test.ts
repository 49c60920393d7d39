import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DecodeOptions,
  decodePickle,
  decodePickleWithLength,
  encodePickle,
  isPyTuple,
  PickleError,
  type PickleProtocol,
  type PyInput,
  pyTuple,
} from '../../src/pickle/index.ts';
import { Op } from '../../src/pickle/opcodes.ts';
import { expectedDecoding } from '../pickle/support/random-input.ts';
import { END, fromHex, loadVectors, splitFrames } from '../pickle/support/vectors.ts';

/**
 * Property tests for the pickle decoder: whatever bytes it is fed, it returns a value or
 * throws a PickleError (never a TypeError, RangeError, stack overflow ...), within the
 * work and memory its limits allow. Fixed seeds keep CI reproducible; on a failure
 * fast-check prints the seed, the path and the shrunk counterexample.
 */

// PROPERTY_SEED / PROPERTY_RUNS_SCALE explore beyond CI's fixed runs, e.g. before a release.
const SEED = Number(process.env.PROPERTY_SEED ?? 0x0b4b6e1);
const runs = (n: number) => Math.ceil(n * Number(process.env.PROPERTY_RUNS_SCALE ?? 1));
const vectors = loadVectors();
/** Every recorded pickle: fail2ban's replies (vector 74 holds two frames) and our requests. */
const recorded: Uint8Array[] = [
  ...vectors.flatMap((v) => splitFrames(fromHex(v.reply_hex))),
  ...vectors
    .filter((v) => v.request_protocol !== null)
    .map((v) => fromHex(v.request_hex.slice(0, -END.length * 2))),
];

/** Tight but realistic limits: a hostile pickle hits one long before it costs real work. */
const TIGHT: DecodeOptions = {
  maxBytes: 64 * 1024,
  maxDepth: 200,
  maxMemo: 10_000,
  maxLogicalNodes: 100_000,
  maxLogicalChars: 1_000_000,
};

type Outcome = { ok: true } | { ok: false; error: unknown };

function attempt(bytes: Uint8Array, options?: DecodeOptions, withLength = false): Outcome {
  try {
    if (withLength) decodePickleWithLength(bytes, options);
    else decodePickle(bytes, options);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The property itself: ok, or a PickleError with a known code. Anything else fails with the error. */
function onlyPickleErrors(outcome: Outcome): void {
  if (outcome.ok) return;
  const { error } = outcome;
  if (!(error instanceof PickleError)) {
    const e = error as Error;
    throw new Error(
      `decoder threw ${e?.constructor?.name ?? typeof error}: ${e?.message ?? String(error)}`,
      { cause: error },
    );
  }
  expect([
    'truncated',
    'malformed',
    'unsupported-opcode',
    'unsupported-value',
    'too-large',
    'too-deep',
    'trailing-data',
  ]).toContain(error.code);
}

function codeOf(outcome: Outcome): string {
  if (outcome.ok) return 'ok';
  const e = outcome.error as Error;
  return e instanceof PickleError ? e.code : `${e?.constructor?.name}: ${e?.message}`;
}

function checkBoth(bytes: Uint8Array, options?: DecodeOptions): void {
  onlyPickleErrors(attempt(bytes, options));
  onlyPickleErrors(attempt(bytes, options, true));
}

// ---- arbitraries -------------------------------------------------------------------------

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'xor-bit'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; from: number; len: number; to: number };

const position = fc.nat({ max: 100_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('xor-bit' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 9 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    len: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    from: position,
    len: fc.integer({ min: 1, max: 40 }),
    to: position,
  }),
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const m of mutations) {
    const at = (n: number, extra = 0) => (b.length + extra === 0 ? 0 : n % (b.length + extra));
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[at(m.at)] = m.byte;
        break;
      case 'xor-bit':
        if (b.length > 0) b[at(m.at)] = (b[at(m.at)] as number) ^ (1 << m.bit);
        break;
      case 'insert':
        b.splice(at(m.at, 1), 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(at(m.at), m.len);
        break;
      case 'truncate':
        b = b.slice(0, at(m.at, 1));
        break;
      case 'duplicate': {
        const from = at(m.from);
        const seg = b.slice(from, from + m.len);
        b.splice(at(m.to, 1), 0, ...seg);
        break;
      }
    }
  }
  return Uint8Array.from(b);
}

const recordedPickle = fc.constantFrom(...recorded);
const mutatedRecorded = fc
  .tuple(recordedPickle, fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([p, ms]) => mutate(p, ms));

const u8 = (...xs: number[]) => Uint8Array.of(...xs);
const ascii = (s: string) => new TextEncoder().encode(s);
const le = (n: number, bytes: number) =>
  Uint8Array.from({ length: bytes }, (_, i) => Math.floor(n / 256 ** i) % 256);

/** Opcodes with no argument, including the refused ones (REDUCE, BUILD, NEWOBJ ...). */
const bareOps = [
  Op.MARK,
  Op.POP,
  Op.POP_MARK,
  Op.DUP,
  Op.NONE,
  Op.REDUCE,
  Op.APPEND,
  Op.BUILD,
  Op.DICT,
  Op.EMPTY_DICT,
  Op.APPENDS,
  Op.LIST,
  Op.EMPTY_LIST,
  Op.OBJ,
  Op.SETITEM,
  Op.TUPLE,
  Op.EMPTY_TUPLE,
  Op.SETITEMS,
  Op.NEWOBJ,
  Op.TUPLE1,
  Op.TUPLE2,
  Op.TUPLE3,
  Op.NEWTRUE,
  Op.NEWFALSE,
  Op.EMPTY_SET,
  Op.ADDITEMS,
  Op.FROZENSET,
  Op.NEWOBJ_EX,
  Op.STACK_GLOBAL,
  Op.MEMOIZE,
  Op.BINPERSID,
  Op.NEXT_BUFFER,
  Op.READONLY_BUFFER,
];

const smallText = fc.string({ maxLength: 12, unit: 'grapheme-ascii' });
const memoIndex = fc.nat({ max: 8 });

/** One opcode with a plausible (often valid, sometimes not) argument. */
const token: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...bareOps).map((op) => u8(op)) },
  { weight: 2, arbitrary: fc.nat({ max: 255 }).map((n) => u8(Op.BININT1, n)) },
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => u8(Op.BININT, ...le(n >>> 0, 4))),
  fc.nat({ max: 0xffff }).map((n) => u8(Op.BININT2, ...le(n, 2))),
  { weight: 2, arbitrary: memoIndex.map((n) => u8(Op.BINGET, n)) },
  { weight: 2, arbitrary: memoIndex.map((n) => u8(Op.BINPUT, n)) },
  memoIndex.map((n) => u8(Op.LONG_BINGET, ...le(n, 4))),
  memoIndex.map((n) => u8(Op.LONG_BINPUT, ...le(n, 4))),
  memoIndex.map((n) => ascii(`g${n}\n`)),
  memoIndex.map((n) => ascii(`p${n}\n`)),
  smallText.map((s) => {
    const b = ascii(s);
    return u8(Op.SHORT_BINUNICODE, b.length, ...b);
  }),
  smallText.map((s) => {
    const b = ascii(s);
    return u8(Op.BINUNICODE, ...le(b.length, 4), ...b);
  }),
  fc.oneof(fc.bigInt().map(String), smallText).map((s) => ascii(`I${s}\n`)),
  fc
    .oneof(
      fc.bigInt().map((n) => `${n}L`),
      smallText,
    )
    .map((s) => ascii(`L${s}\n`)),
  fc.oneof(fc.double().map(String), smallText).map((s) => ascii(`F${s}\n`)),
  fc.double().map((d) => {
    const b = new Uint8Array(9);
    b[0] = Op.BINFLOAT;
    new DataView(b.buffer).setFloat64(1, d, false);
    return b;
  }),
  fc.uint8Array({ maxLength: 10 }).map((b) => u8(Op.LONG1, b.length, ...b)),
  fc.uint8Array({ maxLength: 10 }).map((b) => u8(Op.LONG4, ...le(b.length, 4), ...b)),
  smallText.map((s) => ascii(`V${s}\n`)),
  smallText.map((s) => ascii(`S'${s}'\n`)),
  fc.tuple(smallText, smallText).map(([m, n]) => ascii(`c${m}\n${n}\n`)),
  fc.tuple(smallText, smallText).map(([m, n]) => ascii(`i${m}\n${n}\n`)),
  fc.nat({ max: 5 }).map((p) => u8(Op.PROTO, p)),
  fc.nat({ max: 64 }).map((n) => u8(Op.FRAME, ...le(n, 8))),
  fc.uint8Array({ maxLength: 4 }).map((b) => u8(Op.SHORT_BINBYTES, b.length, ...b)),
  fc.nat({ max: 255 }).map((n) => u8(n)),
);

/** PROTO, a soup of opcodes, STOP: reaches stack/memo/mark states random bytes rarely do. */
const opcodeSoup = fc
  .tuple(fc.constantFrom(0, 2, 4, 5), fc.array(token, { maxLength: 60 }), fc.boolean())
  .map(([proto, tokens, stop]) => {
    const parts: Uint8Array[] = proto === 0 ? [] : [u8(Op.PROTO, proto)];
    parts.push(...tokens);
    if (stop) parts.push(u8(Op.STOP));
    return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
  });

/** Nested lists/dicts/tuples of strings, ints (small and big), floats, bools and None. */
const pyInput: fc.Arbitrary<PyInput> = fc.letrec<{ value: PyInput }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
    fc.double({ noDefaultInfinity: false }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => pyTuple(...items)),
    fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('value'), {
      maxKeys: 5,
      noNullPrototype: true,
    }),
  ),
})).value;

/**
 * What decoding `encodePickle(v)` gives. Beyond the support helper: a JS number that is an
 * integer encodes as a Python int, so -0 comes back as 0 and integral doubles past 2^53
 * (e.g. 1e300) come back as exact bigints.
 */
function expected(v: PyInput): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) {
    return Number.isSafeInteger(v) ? v + 0 : BigInt(v);
  }
  if (Array.isArray(v)) return v.map(expected);
  if (isPyTuple(v)) return v.items.map(expected);
  if (typeof v === 'object' && v !== null && typeof v !== 'bigint') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expected(x)]));
  }
  return expectedDecoding(v);
}

// ---- properties --------------------------------------------------------------------------

let heapBefore = 0;
beforeAll(() => {
  heapBefore = process.memoryUsage().heapUsed;
});
afterAll(() => {
  // Generous: the decoder's limits keep every single decode small; a leak or an unbounded
  // expansion (a memo bomb slipping past maxLogicalNodes) would blow far past this.
  const grown = process.memoryUsage().heapUsed - heapBefore;
  expect(grown, `heap grew by ${Math.round(grown / 2 ** 20)} MiB`).toBeLessThan(512 * 2 ** 20);
});

describe('pickle decoder properties', () => {
  it('(a) arbitrary bytes: a value or a PickleError, with default and tight limits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        checkBoth(bytes);
        checkBoth(bytes, TIGHT);
      }),
      { seed: SEED, numRuns: runs(4000) },
    );
  });

  it('(a) arbitrary bytes after a valid protocol header', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 5), fc.uint8Array({ maxLength: 200 }), (p, bytes) => {
        checkBoth(Uint8Array.of(Op.PROTO, p, ...bytes), TIGHT);
      }),
      { seed: SEED + 1, numRuns: runs(3000) },
    );
  });

  it('(a) opcode soup: plausible opcode sequences with memo refs, marks and refused ops', () => {
    fc.assert(
      fc.property(opcodeSoup, (bytes) => {
        checkBoth(bytes);
        checkBoth(bytes, TIGHT);
      }),
      { seed: SEED + 2, numRuns: runs(4000) },
    );
  });

  it('(b) recorded replies and requests, mutated: flips, bit flips, inserts, deletes, cuts, duplicated segments', () => {
    fc.assert(
      fc.property(mutatedRecorded, (bytes) => {
        checkBoth(bytes);
        checkBoth(bytes, TIGHT);
      }),
      { seed: SEED + 3, numRuns: runs(5000) },
    );
  });

  it('(b) mutated recordings followed by the END terminator, as the framing reader sees them', () => {
    fc.assert(
      fc.property(mutatedRecorded, (bytes) => {
        onlyPickleErrors(attempt(Uint8Array.from([...bytes, ...END]), undefined, true));
      }),
      { seed: SEED + 4, numRuns: runs(1500) },
    );
  });

  it('(c) well-formed pickles of random structures round-trip through every protocol', () => {
    fc.assert(
      fc.property(pyInput, fc.constantFrom<PickleProtocol>(0, 2, 3, 4, 5), (input, protocol) => {
        const bytes = encodePickle(input, protocol);
        const decoded = decodePickle(bytes);
        expect(decoded).toEqual(expected(input));
        const { length } = decodePickleWithLength(Uint8Array.from([...bytes, ...END]));
        expect(length).toBe(bytes.length);
      }),
      { seed: SEED + 5, numRuns: runs(1500) },
    );
  });

  it('(c) every strict prefix of a well-formed pickle is "truncated"; mutations of one stay PickleErrors', () => {
    fc.assert(
      fc.property(
        pyInput,
        fc.constantFrom<PickleProtocol>(0, 2, 5),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (input, protocol, ms) => {
          const bytes = encodePickle(input, protocol);
          for (let n = 0; n < bytes.length; n += Math.max(1, bytes.length >> 5)) {
            const r = attempt(bytes.subarray(0, n));
            expect(codeOf(r)).toBe('truncated');
          }
          checkBoth(mutate(bytes, ms), TIGHT);
        },
      ),
      { seed: SEED + 6, numRuns: runs(600) },
    );
  });

  it('memo bombs (a container referenced from itself via DUP/BINGET, doubled n times) stop at the logical limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 40 }), fc.boolean(), (n, viaGet) => {
        // [] then n times: a pair of the previous level, so 2^n leaves in ~4n bytes.
        const body: number[] = [Op.PROTO, 4, Op.EMPTY_LIST, Op.MEMOIZE];
        for (let i = 0; i < n; i++) {
          if (viaGet) body.push(Op.POP, Op.BINGET, i, Op.BINGET, i, Op.TUPLE2, Op.MEMOIZE);
          else body.push(Op.DUP, Op.TUPLE2, Op.MEMOIZE);
        }
        body.push(Op.STOP);
        const r = attempt(Uint8Array.from(body), { maxLogicalNodes: 1_000_000 });
        onlyPickleErrors(r);
        if (n >= 21) expect(codeOf(r)).toBe('too-large');
      }),
      { seed: SEED + 7, numRuns: runs(200) },
    );
  });
});
