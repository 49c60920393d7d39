import { describe, expect, it } from 'vitest';
import { decodePickle, encodePickle, type PyInput, pyTuple } from '../../src/pickle/index.ts';
import { toVectorShape } from './support/vector-shape.ts';
import { fromHex, loadVectors, splitFrames, toHex } from './support/vectors.ts';

const vectors = loadVectors();

// The JSON `command` field cannot tell tuples from lists; these inputs restore the tuples
// shown by the request disassembly.
const tupleInputs: Record<string, PyInput> = {
  '79-coverage-echo-containers.json': [
    'echo',
    { a: 1, b: [1, 2] },
    pyTuple('x', 'y', 'z'),
    pyTuple('w', 'x', 'y', 'z'),
    pyTuple(),
    [],
  ],
};

const MEMO_OPS = ['MEMOIZE', 'BINPUT', 'LONG_BINPUT', 'PUT'];
const TUPLE_OPS = ['EMPTY_TUPLE', 'TUPLE1', 'TUPLE2', 'TUPLE3', 'TUPLE'];

describe('recorded fail2ban vectors', () => {
  it('finds the vector directory', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(84);
  });

  describe.each(vectors)('$file', (v) => {
    it('decodes the reply to the recorded value', () => {
      const frames = splitFrames(fromHex(v.reply_hex)).map((f) => toVectorShape(decodePickle(f)));
      expect(frames.length === 1 ? frames[0] : frames).toEqual(v.decoded);
    });

    const listRequest = v.request_protocol !== null && Array.isArray(v.command);
    // Raw non-list payloads (70-72) have a description instead of a command; they are
    // not generated as tests rather than reported as skipped.
    if (listRequest) {
      it('decodes the request to the command', () => {
        // Strip only the final terminator: in 74 the argument itself contains END.
        expect(decodePickle(fromHex(v.request_hex.slice(0, -34)))).toEqual(v.command);
      });
    }

    // CPython always memoises a list, so a list request without memo opcodes was hand-built
    // (83, 84) and is not something pickle.dumps would produce.
    const fromPickleDumps = v.request_opcodes?.some((op) => MEMO_OPS.includes(op)) ?? false;
    if (listRequest && fromPickleDumps) {
      it('encodes the command to the recorded bytes', () => {
        const hasTuples = v.request_opcodes?.some((op) => TUPLE_OPS.includes(op)) ?? false;
        const input = tupleInputs[v.file] ?? (v.command as PyInput);
        if (hasTuples)
          expect(tupleInputs[v.file], 'tuple request needs a tupleInputs entry').toBeDefined();
        const expected = v.request_hex.slice(0, -34); // minus the END terminator
        expect(toHex(encodePickle(input, v.request_protocol ?? undefined))).toBe(expected);
      });
    }
  });
});
