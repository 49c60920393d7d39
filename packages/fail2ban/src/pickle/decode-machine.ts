import { PickleError } from './pickle-error.ts';
import type { PyDict, PyOpaque, PyValue } from './types.ts';

/** What each decoded container really was in Python; all of them are arrays/objects in JS. */
type Kind = 'list' | 'tuple' | 'set' | 'dict' | 'global' | 'instance';

/**
 * The unpickler's data structures: a stack split at MARKs (CPython's metastack, so a pop
 * can never cross a mark), the memo, and the Python kind of every container it built.
 * Every operation reports misuse as a `malformed` PickleError at the current offset.
 */
export interface DecodeMachine {
  push(v: PyValue): void;
  pop(): PyValue;
  top(): PyValue;
  mark(): void;
  popMark(): PyValue[];
  readonly depthOfMarks: number;
  readonly stackSize: number;
  memoPut(index: number, v: PyValue): void;
  memoGet(index: number): PyValue;
  memoize(): void;
  newList(items: PyValue[]): PyValue[];
  newTuple(items: PyValue[]): PyValue[];
  newSet(items: PyValue[]): PyValue[];
  newDict(): PyDict;
  newGlobal(module: string, name: string): PyOpaque;
  kindOf(v: PyValue): Kind | undefined;
  markInstance(v: PyOpaque): void;
  setItem(dict: PyValue, key: PyValue, value: PyValue): void;
}

export function createDecodeMachine(maxMemo: number, offset: () => number): DecodeMachine {
  let stack: PyValue[] = [];
  const metastack: PyValue[][] = [];
  const memo = new Map<number, PyValue>();
  const kinds = new WeakMap<object, Kind>();

  const malformed = (message: string): never => {
    throw new PickleError('malformed', message, offset());
  };
  const tag = <T extends object>(v: T, kind: Kind): T => {
    kinds.set(v, kind);
    return v;
  };

  function memoPut(index: number, v: PyValue): void {
    if (!memo.has(index) && memo.size >= maxMemo) {
      throw new PickleError('too-large', `memo exceeds ${maxMemo} entries`, offset());
    }
    memo.set(index, v);
  }

  function top(): PyValue {
    if (stack.length === 0) malformed('unpickling stack underflow');
    return stack[stack.length - 1] as PyValue;
  }

  return {
    push(v) {
      stack.push(v);
    },
    pop() {
      if (stack.length === 0) malformed('unpickling stack underflow');
      return stack.pop() as PyValue;
    },
    top,
    mark() {
      metastack.push(stack);
      stack = [];
    },
    popMark() {
      const items = stack;
      const previous = metastack.pop();
      if (previous === undefined) return malformed('could not find MARK');
      stack = previous;
      return items;
    },
    get depthOfMarks() {
      return metastack.length;
    },
    get stackSize() {
      return stack.length;
    },
    memoPut,
    memoGet(index) {
      if (!memo.has(index)) malformed(`memo key ${index} not found`);
      return memo.get(index) as PyValue;
    },
    memoize() {
      memoPut(memo.size, top());
    },
    newList: (items) => tag(items, 'list'),
    newTuple: (items) => tag(items, 'tuple'),
    newSet: (items) => tag(items, 'set'),
    newDict: () => tag(Object.create(null) as PyDict, 'dict'),
    newGlobal(module, name) {
      return tag({ kind: 'py-opaque', type: `${module}.${name}`, args: [] }, 'global');
    },
    kindOf(v) {
      return typeof v === 'object' && v !== null ? kinds.get(v) : undefined;
    },
    markInstance(v) {
      tag(v, 'instance');
    },
    setItem(dict, key, value) {
      if (typeof dict !== 'object' || dict === null || kinds.get(dict) !== 'dict') {
        malformed('SETITEM(S) target is not a dict');
      }
      (dict as PyDict)[dictKey(key, offset)] = value;
    },
  };
}

/** Python dict keys become JS property names; only hashable scalars are accepted. */
function dictKey(key: PyValue, offset: () => number): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint') return String(key);
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  if (key === null) return 'None';
  throw new PickleError(
    'unsupported-value',
    'dict key is not a str, int, float, bool or None',
    offset(),
  );
}
