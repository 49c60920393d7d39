/** A value decoded from a pickle. Tuples, lists, sets and frozensets all decode to arrays. */
export type PyValue = null | boolean | number | bigint | string | PyValue[] | PyDict | PyOpaque;

/** A Python dict. Null-prototype object; non-string keys are stringified. */
export interface PyDict {
  [key: string]: PyValue;
}

/**
 * An inert stand-in for a Python object the decoder will not construct, e.g. an exception
 * instance: `module.Name(*args)` plus the state passed to BUILD. Nothing is ever looked up
 * or executed by name. A bare global that is never called decodes with `args: []`.
 */
export interface PyOpaque {
  readonly kind: 'py-opaque';
  /** `module.QualName` as written in the pickle. */
  readonly type: string;
  readonly args: PyValue[];
  readonly state?: PyValue;
}

/**
 * True for decoder-made opaque objects. Decoded dicts have a null prototype, so a Python
 * dict that happens to hold a `kind: 'py-opaque'` entry is never mistaken for one.
 */
export function isPyOpaque(v: unknown): v is PyOpaque {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.getPrototypeOf(v) === Object.prototype &&
    (v as { kind?: unknown }).kind === 'py-opaque'
  );
}

/** A Python tuple for the encoder (plain arrays encode as lists). */
export interface PyTuple {
  readonly kind: 'py-tuple';
  readonly items: PyInput[];
}

/**
 * Encoder input. JS integers (`Number.isInteger`) encode as Python int, other numbers as
 * float, bigints as int, arrays as list, `PyTuple` as tuple, other objects as dict.
 */
export type PyInput =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyInput[]
  | PyTuple
  | { [key: string]: PyInput };

export function pyTuple(...items: PyInput[]): PyTuple {
  return { kind: 'py-tuple', items };
}

export function isPyTuple(v: unknown): v is PyTuple {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'py-tuple';
}
