import { writeBool, writeFloat, writeInt, writeStr } from './encode-scalars.ts';
import { createFramer, type Framer } from './framer.ts';
import { Op } from './opcodes.ts';
import { PickleError } from './pickle-error.ts';
import { isPyTuple, type PyInput } from './types.ts';

export type PickleProtocol = 0 | 2 | 3 | 4 | 5;

// CPython's Pickler._BATCHSIZE.
const BATCH_SIZE = 1000;
// Like Python's recursion limit: refuse absurd nesting instead of overflowing the JS stack.
const MAX_ENCODE_DEPTH = 1000;

/**
 * `pickle.dumps(value, protocol)` of CPython 3.11, byte for byte, for the PyInput shapes.
 * Strings are memoised by value (CPython memoises by identity; equal literals share one).
 */
export function encodePickle(value: PyInput, protocol: PickleProtocol = 5): Uint8Array {
  if (![0, 2, 3, 4, 5].includes(protocol)) {
    throw new PickleError('unsupported-value', `unsupported pickle protocol ${protocol}`);
  }
  const f = createFramer();
  if (protocol >= 2) f.sink.bytes(Uint8Array.of(Op.PROTO, protocol));
  if (protocol >= 4) f.start();
  createSaver(f, protocol).save(value, 0);
  f.sink.byte(Op.STOP);
  return f.finish();
}

function createSaver(f: Framer, proto: number) {
  // Keys: strings by value, lists/dicts/tuples by identity.
  const memo = new Map<unknown, number>();
  const bin = proto >= 1;

  function memoize(obj: unknown): void {
    const idx = memo.size;
    memo.set(obj, idx);
    if (proto >= 4) f.sink.byte(Op.MEMOIZE);
    else if (!bin) f.sink.ascii(`p${idx}\n`);
    else if (idx < 256) f.sink.bytes(Uint8Array.of(Op.BINPUT, idx));
    else f.sink.bytes(indexOp(Op.LONG_BINPUT, idx));
  }

  function writeGet(idx: number): void {
    if (!bin) f.sink.ascii(`g${idx}\n`);
    else if (idx < 256) f.sink.bytes(Uint8Array.of(Op.BINGET, idx));
    else f.sink.bytes(indexOp(Op.LONG_BINGET, idx));
  }

  function save(v: PyInput, depth: number): void {
    f.boundary();
    if (depth > MAX_ENCODE_DEPTH) {
      throw new PickleError('too-deep', 'value nests too deeply to pickle');
    }
    if (v === null) f.sink.byte(Op.NONE);
    else if (typeof v === 'boolean') writeBool(f, proto, v);
    else if (typeof v === 'number') {
      if (Number.isInteger(v)) writeInt(f, proto, BigInt(v));
      else writeFloat(f, proto, v);
    } else if (typeof v === 'bigint') writeInt(f, proto, v);
    else if (typeof v === 'string' || typeof v === 'object') saveMemoisable(v, depth);
    else throw new PickleError('unsupported-value', `cannot pickle a JS ${typeof v}`);
  }

  function saveMemoisable(v: string | object, depth: number): void {
    const seen = memo.get(v);
    if (seen !== undefined) writeGet(seen);
    else if (typeof v === 'string') {
      writeStr(f, proto, v);
      memoize(v);
    } else if (Array.isArray(v)) saveList(v, depth);
    else if (isPyTuple(v)) saveTuple(v, v.items, depth);
    else if (isPlainObject(v)) saveDict(v as { [key: string]: PyInput }, depth);
    else throw new PickleError('unsupported-value', 'only plain objects pickle as dicts');
  }

  function saveList(list: PyInput[], depth: number): void {
    f.sink.ascii(bin ? ']' : '(l');
    memoize(list);
    batch(list.length, (i) => save(list[i] as PyInput, depth + 1), Op.APPEND, Op.APPENDS);
  }

  function saveDict(dict: { [key: string]: PyInput }, depth: number): void {
    f.sink.ascii(bin ? '}' : '(d');
    memoize(dict);
    const entries = Object.entries(dict);
    const saveEntry = (i: number) => {
      const [key, value] = entries[i] as [string, PyInput];
      save(key, depth + 1);
      save(value, depth + 1);
    };
    batch(entries.length, saveEntry, Op.SETITEM, Op.SETITEMS);
  }

  /** CPython's batch_list_exact / batch_dict_exact (the C pickler). */
  function batch(n: number, saveItem: (i: number) => void, one: number, many: number): void {
    if (!bin) {
      for (let i = 0; i < n; i++) {
        saveItem(i);
        f.sink.byte(one);
      }
      return;
    }
    if (n === 1) {
      saveItem(0);
      f.sink.byte(one);
      return;
    }
    for (let start = 0; start < n; start += BATCH_SIZE) {
      f.sink.byte(Op.MARK);
      for (let i = start; i < Math.min(n, start + BATCH_SIZE); i++) saveItem(i);
      f.sink.byte(many);
    }
  }

  function saveTuple(tuple: object, items: PyInput[], depth: number): void {
    const n = items.length;
    if (n === 0) {
      f.sink.ascii(bin ? ')' : '(t');
      return;
    }
    const short = n <= 3 && proto >= 2;
    if (!short) f.sink.byte(Op.MARK);
    for (const item of items) save(item, depth + 1);
    const seen = memo.get(tuple);
    if (seen !== undefined) {
      // The tuple was reached through its own items (tuple -> list -> tuple): drop the
      // items and fetch the copy already built, exactly like CPython.
      if (short) f.sink.ascii('0'.repeat(n));
      else f.sink.ascii(bin ? '1' : '0'.repeat(n + 1));
      writeGet(seen);
      return;
    }
    f.sink.byte(short ? Op.TUPLE1 + n - 1 : Op.TUPLE);
    memoize(tuple);
  }

  return { save };
}

function indexOp(op: number, idx: number): Uint8Array {
  const b = new Uint8Array(5);
  b[0] = op;
  new DataView(b.buffer).setUint32(1, idx, true);
  return b;
}

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
