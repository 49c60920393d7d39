import { describe, expect, it } from 'vitest';
import { decodePickle, isPyOpaque, PickleError } from '../../src/pickle/index.ts';
import { pk, u32le } from './support/bytes.ts';

function codeOf(bytes: Uint8Array): string {
  try {
    decodePickle(bytes);
    return 'ok';
  } catch (error) {
    return error instanceof PickleError ? error.code : 'foreign';
  }
}

const short = (s: string) => pk(0x8c, s.length, s);

describe('globals never execute', () => {
  it('turns os.system(...) via GLOBAL + REDUCE into an inert PyOpaque', () => {
    const v = decodePickle(pk(0x80, 2, 'cos\nsystem\n', '(X', u32le(8), 'rm -rf /', 'tR.'));
    expect(isPyOpaque(v)).toBe(true);
    expect(v).toEqual({ kind: 'py-opaque', type: 'os.system', args: ['rm -rf /'] });
  });

  it('turns STACK_GLOBAL builtins.eval(...) into an inert PyOpaque', () => {
    const v = decodePickle(pk(short('builtins'), short('eval'), 0x93, short('1+1'), 0x85, 'R.'));
    expect(v).toEqual({ kind: 'py-opaque', type: 'builtins.eval', args: ['1+1'] });
  });

  it('maps builtins.str(s) to s, but not str of a non-string', () => {
    expect(
      decodePickle(pk(short('builtins'), short('str'), 0x93, short('1.2.3.4'), 0x85, 'R.')),
    ).toBe('1.2.3.4');
    const v = decodePickle(pk(short('builtins'), short('str'), 0x93, 'K', 5, 0x85, 'R.'));
    expect(v).toEqual({ kind: 'py-opaque', type: 'builtins.str', args: [5] });
  });

  it('leaves an uncalled global as a PyOpaque without args', () => {
    expect(decodePickle(pk('cos\nsystem\n.'))).toEqual({
      kind: 'py-opaque',
      type: 'os.system',
      args: [],
    });
  });

  it('attaches BUILD state in place, so memo references see it', () => {
    const exc = pk(short('m'), short('E'), 0x93, ')R', 0x94);
    const v = decodePickle(
      pk(']', exc, '}', short('k'), 'K', 1, 's', 'b', 'a', 'h', 0, 'a.'),
    ) as unknown[];
    expect(v[1]).toBe(v[0]);
    expect(v[0]).toEqual({ kind: 'py-opaque', type: 'm.E', args: [], state: { k: 1 } });
  });

  it('refuses REDUCE of a non-global and BUILD on a non-instance', () => {
    expect(codeOf(pk(']', ')R.'))).toBe('unsupported-value');
    expect(codeOf(pk(']', '}b.'))).toBe('unsupported-value');
    expect(codeOf(pk('cos\nsystem\n', '}b.'))).toBe('unsupported-value');
  });
});

describe('refused and invalid opcodes', () => {
  const refused: Record<string, Uint8Array> = {
    PERSID: pk('Pid\n.'),
    BINPERSID: pk('N', 'Q.'),
    NEWOBJ: pk(short('m'), short('C'), 0x93, ')', 0x81, '.'),
    NEWOBJ_EX: pk(short('m'), short('C'), 0x93, ')}', 0x92, '.'),
    INST: pk('(ios\nsystem\n.'),
    OBJ: pk('(cos\nsystem\no.'),
    EXT1: pk(0x82, 1, '.'),
    EXT2: pk(0x83, 1, 0, '.'),
    EXT4: pk(0x84, 1, 0, 0, 0, '.'),
    SHORT_BINBYTES: pk('C', 1, 'x.'),
    BINBYTES: pk('B', u32le(1), 'x.'),
    BINBYTES8: pk(0x8e, 1, 0, 0, 0, 0, 0, 0, 0, 'x.'),
    BYTEARRAY8: pk(0x96, 1, 0, 0, 0, 0, 0, 0, 0, 'x.'),
    STRING: pk("S'x'\n."),
    SHORT_BINSTRING: pk('U', 1, 'x.'),
  };
  it.each(Object.entries(refused))('%s is unsupported-opcode', (_name, bytes) => {
    expect(codeOf(bytes)).toBe('unsupported-opcode');
  });

  it('rejects bytes that are no opcode, and a future protocol', () => {
    expect(codeOf(pk(0xff, '.'))).toBe('malformed');
    expect(codeOf(pk(0x80, 6, 'N.'))).toBe('malformed');
  });
});

describe('malformed structure', () => {
  it.each([
    ['stack underflow', pk('a.')],
    ['no mark for TUPLE', pk('Nt.')],
    ['pop across a mark', pk('N(a.')],
    ['memo index out of range', pk('h', 5, '.')],
    ['empty stack at STOP', pk('.')],
    ['two values at STOP', pk('NN.')],
    ['APPEND to a tuple', pk(')Na.')],
    ['SETITEM on a list', pk(']NNs.')],
    ['odd SETITEMS', pk('}(Nu.')],
    ['STACK_GLOBAL of non-strings', pk('NN', 0x93, '.')],
    ['bad INT text', pk('I12x\n.')],
    ['bad FLOAT text', pk('Fone\n.')],
    ['bad memo index text', pk('Np-1\n.')],
    ['bad \\u escape', pk('V\\u12\n.')],
  ])('%s', (_name, bytes) => {
    expect(codeOf(bytes)).toBe('malformed');
  });

  it('rejects unhashable dict keys', () => {
    expect(codeOf(pk('}]Ns.'))).toBe('unsupported-value');
  });
});

describe('strings', () => {
  it('rejects invalid UTF-8', () => {
    expect(codeOf(pk(0x8c, 1, 0xff, '.'))).toBe('malformed');
    expect(codeOf(pk(0x8c, 2, 0xc0, 0x80, '.'))).toBe('malformed'); // overlong NUL
    expect(codeOf(pk(0x8c, 2, 0xe2, 0x98, '.'))).toBe('malformed'); // cut sequence
  });

  it('accepts surrogatepass-encoded lone surrogates, like Python', () => {
    expect(decodePickle(pk(0x8c, 4, 'a', 0xed, 0xa0, 0x80, '.'))).toBe('a\ud800');
  });

  it('decodes protocol-0 raw-unicode-escape', () => {
    expect(decodePickle(pk('V\\u00e9\\U0001d11e\\\\u0041x\n.'))).toBe('é𝄞\\\\u0041x');
  });
});

describe('dicts and scalars', () => {
  it('builds null-prototype dicts, immune to __proto__ keys', () => {
    const v = decodePickle(pk('}', short('__proto__'), '}', short('polluted'), 0x88, 's', 's.'));
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not mistake a dict shaped like a PyOpaque for one', () => {
    const v = decodePickle(
      pk('}(', short('kind'), short('py-opaque'), short('type'), short('x'), 'u.'),
    );
    expect(isPyOpaque(v)).toBe(false);
  });

  it('stringifies int, bool and None keys', () => {
    const v = decodePickle(pk('}(K', 5, 'N', 0x88, 'N', 'N', 'N', 'u.'));
    expect(Object.keys(v as object).sort()).toEqual(['5', 'None', 'True']);
  });

  it('decodes text-protocol scalars', () => {
    expect(
      decodePickle(pk('(I01\nI00\nI-7\nL123456789012345678901234567890L\nF-1.5e-07\nFinf\nl.')),
    ).toEqual([
      true,
      false,
      -7,
      123456789012345678901234567890n,
      -1.5e-7,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('decodes ints beyond 2^53 exactly as bigint and smaller ones as number', () => {
    // LONG1 0x0020000000000000 = 2^53 (not safe) and 2^53 - 1 (safe)
    expect(decodePickle(pk(0x8a, 7, 0, 0, 0, 0, 0, 0, 0x20, '.'))).toBe(2n ** 53n);
    expect(decodePickle(pk(0x8a, 7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f, '.'))).toBe(
      2 ** 53 - 1,
    );
    expect(decodePickle(pk(0x8a, 0, '.'))).toBe(0);
  });

  it('decodes sets and frozensets to arrays', () => {
    expect(decodePickle(pk(0x8f, '(K', 1, 'K', 2, 0x90, '.'))).toEqual([1, 2]);
    expect(decodePickle(pk('(K', 3, 0x91, '.'))).toEqual([3]);
  });

  it('supports POP, POP_MARK and DUP', () => {
    expect(decodePickle(pk('(K', 1, 'K', 2, '1', 'K', 3, '2', 0x86, 'K', 4, '0.'))).toEqual([3, 3]);
  });
});
