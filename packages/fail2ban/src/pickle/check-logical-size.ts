import { PickleError } from './pickle-error.ts';
import { isPyOpaque, type PyValue } from './types.ts';

export interface LogicalLimits {
  /** Most nodes (containers, scalars, dict keys) the value has once shared parts are expanded. */
  maxNodes: number;
  /** Most string characters (values, dict keys, type names) once expanded. */
  maxChars: number;
}

interface Size {
  nodes: number;
  chars: number;
}

/**
 * Rejects values whose EXPANDED size is out of proportion to their bytes. The memo lets a
 * pickle reference one container many times (BINGET), so ~250 bytes can describe a list
 * doubling 27 levels deep: 2^27 nodes for anything that walks it as a tree (JSON.stringify,
 * label parsing, copying), i.e. a blocked event loop and gigabytes. Likewise one long
 * string referenced a million times. Sizes are memoised per container object, so this
 * walk itself costs O(unique objects); it must run after `checkTree` (no cycles, bounded
 * depth). Sums stop at the first overflow, so they never get large enough to lose precision.
 */
export function checkLogicalSize(root: PyValue, limits: LogicalLimits): void {
  const sizes = new Map<object, Size>();

  function sizeOf(v: PyValue): Size {
    if (typeof v === 'string') return { nodes: 1, chars: v.length };
    if (typeof v !== 'object' || v === null) return { nodes: 1, chars: 0 };
    const known = sizes.get(v);
    if (known !== undefined) return known;
    const total: Size = { nodes: 1, chars: 0 };
    const add = (part: Size) => {
      total.nodes += part.nodes;
      total.chars += part.chars;
      if (total.nodes > limits.maxNodes || total.chars > limits.maxChars) tooLarge(total);
    };
    if (Array.isArray(v)) {
      for (const item of v) add(sizeOf(item));
    } else if (isPyOpaque(v)) {
      add({ nodes: 0, chars: v.type.length });
      for (const item of v.args) add(sizeOf(item));
      if (v.state !== undefined) add(sizeOf(v.state));
    } else {
      for (const [key, item] of Object.entries(v)) {
        add({ nodes: 1, chars: key.length });
        add(sizeOf(item));
      }
    }
    sizes.set(v, total);
    return total;
  }

  function tooLarge(size: Size): never {
    const what =
      size.nodes > limits.maxNodes
        ? `more than ${limits.maxNodes} nodes`
        : `more than ${limits.maxChars} string characters`;
    throw new PickleError('too-large', `decoded value expands to ${what} (shared references)`);
  }

  sizeOf(root);
}
