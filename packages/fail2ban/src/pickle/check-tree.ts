import { PickleError } from './pickle-error.ts';
import { isPyOpaque, type PyValue } from './types.ts';

/**
 * Rejects decoded values nested deeper than `maxDepth` and self-containing (recursive)
 * structures, which the memo can build but JSON and most callers cannot handle.
 * Heights are cached per object, so shared sub-structures (a DAG built with GET) are
 * visited once and the walk stays linear in the number of objects.
 */
export function checkTree(root: PyValue, maxDepth: number): void {
  const heights = new Map<object, number>();
  const onPath = new Set<object>();

  function height(v: PyValue, depth: number): number {
    if (typeof v !== 'object' || v === null) return 0;
    const known = heights.get(v);
    if (known !== undefined) {
      if (depth + known - 1 > maxDepth) tooDeep();
      return known;
    }
    if (onPath.has(v)) {
      throw new PickleError(
        'unsupported-value',
        'recursive structure (a container contains itself)',
      );
    }
    if (depth > maxDepth) tooDeep();
    onPath.add(v);
    let h = 0;
    for (const child of children(v)) h = Math.max(h, height(child, depth + 1));
    onPath.delete(v);
    heights.set(v, h + 1);
    return h + 1;
  }

  function tooDeep(): never {
    throw new PickleError('too-deep', `value nests deeper than ${maxDepth} levels`);
  }

  height(root, 1);
}

function children(v: object): PyValue[] {
  if (Array.isArray(v)) return v;
  if (isPyOpaque(v)) return v.state === undefined ? v.args : [...v.args, v.state];
  return Object.values(v as Record<string, PyValue>);
}
