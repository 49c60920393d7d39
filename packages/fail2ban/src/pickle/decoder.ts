import { createByteReader } from './byte-reader.ts';
import { checkLogicalSize } from './check-logical-size.ts';
import { checkTree } from './check-tree.ts';
import { containerOps } from './decode-container-ops.ts';
import { createOpContext, type OpHandler } from './decode-context.ts';
import { createDecodeMachine } from './decode-machine.ts';
import { objectOps } from './decode-object-ops.ts';
import { scalarOps } from './decode-scalar-ops.ts';
import { Op, opcodeName } from './opcodes.ts';
import { PickleError } from './pickle-error.ts';
import type { PyValue } from './types.ts';

export interface DecodeOptions {
  /** Largest accepted input and length field, in bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Deepest accepted container nesting (top level = 1). Default 1000, capped at 10000. */
  maxDepth?: number;
  /** Most memo entries. Default 4 Mi. */
  maxMemo?: number;
  /**
   * Most nodes of the value counted as a tree, i.e. with memo-shared containers expanded
   * (what JSON.stringify or any recursive walk visits). Default 5,000,000: a reply listing
   * 65k bans has about 200k.
   */
  maxLogicalNodes?: number;
  /** Most string characters with shared strings counted at every use. Default 128 Mi (twice the default input cap). */
  maxLogicalChars?: number;
}

export interface DecodeResult {
  value: PyValue;
  /** Bytes consumed: the offset just after STOP. */
  length: number;
}

const DEFAULTS = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 1000,
  maxMemo: 4 * 1024 * 1024,
  maxLogicalNodes: 5_000_000,
  maxLogicalChars: 128 * 1024 * 1024,
};
// The depth check recurses once per level, so keep it far below the JS call-stack limit.
const DEPTH_CEILING = 10_000;

const handlers = new Map<number, OpHandler>([...scalarOps, ...containerOps, ...objectOps]);

/**
 * Decodes one pickle that must span `bytes` exactly (bytes after STOP are an error).
 * Never executes or resolves anything by name.
 */
export function decodePickle(bytes: Uint8Array, options?: DecodeOptions): PyValue {
  const { value, length } = decodePickleWithLength(bytes, options);
  if (length !== bytes.length) {
    throw new PickleError('trailing-data', `${bytes.length - length} bytes after STOP`, length);
  }
  return value;
}

/**
 * Decodes the pickle at the start of `bytes`, ignoring what follows STOP (as Python does),
 * and reports how many bytes it consumed, so a framing reader can check its terminator.
 */
export function decodePickleWithLength(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const limits = resolveOptions(options);
  if (bytes.length > limits.maxBytes) {
    throw new PickleError('too-large', `input of ${bytes.length} bytes exceeds ${limits.maxBytes}`);
  }
  const r = createByteReader(bytes, limits.maxBytes);
  let opStart = 0;
  const at = () => opStart;
  const m = createDecodeMachine(limits.maxMemo, at);
  const ctx = createOpContext(r, m, at);

  while (true) {
    opStart = r.pos;
    if (r.remaining === 0) ctx.fail('truncated', 'pickle data was truncated (no STOP)');
    const op = r.u8();
    if (op === Op.STOP) {
      if (m.depthOfMarks !== 0 || m.stackSize !== 1)
        ctx.fail('malformed', 'unbalanced stack at STOP');
      const value = m.pop();
      checkTree(value, limits.maxDepth);
      checkLogicalSize(value, {
        maxNodes: limits.maxLogicalNodes,
        maxChars: limits.maxLogicalChars,
      });
      return { value, length: r.pos };
    }
    const handler = handlers.get(op);
    if (handler !== undefined) {
      handler(ctx, op);
      continue;
    }
    // Known but refused: bytes/buffers, PERSID, NEWOBJ(_EX), INST/OBJ, EXT*, py2 STRING...
    const name = opcodeName(op);
    if (name !== undefined) ctx.fail('unsupported-opcode', `opcode ${name} is not supported`);
    ctx.fail('malformed', `invalid load key 0x${op.toString(16).padStart(2, '0')}`);
  }
}

function resolveOptions(options: DecodeOptions | undefined): Required<DecodeOptions> {
  const out = { ...DEFAULTS, ...options };
  for (const [key, value] of Object.entries(out)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`DecodeOptions.${key} must be a positive integer, got ${value}`);
    }
  }
  out.maxDepth = Math.min(out.maxDepth, DEPTH_CEILING);
  return out;
}
