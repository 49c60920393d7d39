import { type OpContext, type OpHandler, textLine } from './decode-context.ts';
import { Op } from './opcodes.ts';
import type { PyValue } from './types.ts';

function memoIndexLine(ctx: OpContext): number {
  const s = textLine(ctx);
  if (!/^\d{1,15}$/.test(s)) ctx.fail('malformed', 'bad memo index');
  return Number(s);
}

function popList(ctx: OpContext): PyValue[] {
  const target = ctx.m.pop();
  if (ctx.m.kindOf(target) !== 'list') ctx.fail('malformed', 'APPEND target is not a list');
  return target as PyValue[];
}

function setItems(ctx: OpContext, dict: PyValue, items: PyValue[]): void {
  if (items.length % 2 !== 0) ctx.fail('malformed', 'odd number of dict items');
  for (let i = 0; i < items.length; i += 2) {
    ctx.m.setItem(dict, items[i] as PyValue, items[i + 1] as PyValue);
  }
}

const tupleN: OpHandler = ({ m }, op) => {
  const items: PyValue[] = [];
  for (let n = op - Op.TUPLE1; n >= 0; n--) items.unshift(m.pop());
  m.push(m.newTuple(items));
};

/** Stack, mark and memo manipulation plus list, tuple, dict and set construction. */
export const containerOps = new Map<number, OpHandler>([
  [Op.MARK, ({ m }) => m.mark()],
  [
    Op.POP,
    // CPython's POP discards the topmost mark when the current stack segment is empty.
    ({ m }) => {
      if (m.stackSize === 0) m.popMark();
      else m.pop();
    },
  ],
  [Op.POP_MARK, ({ m }) => m.popMark()],
  [Op.DUP, ({ m }) => m.push(m.top())],
  [Op.MEMOIZE, ({ m }) => m.memoize()],
  [Op.BINPUT, ({ r, m }) => m.memoPut(r.u8(), m.top())],
  [Op.LONG_BINPUT, ({ r, m }) => m.memoPut(r.u32le(), m.top())],
  [Op.PUT, (ctx) => ctx.m.memoPut(memoIndexLine(ctx), ctx.m.top())],
  [Op.BINGET, ({ r, m }) => m.push(m.memoGet(r.u8()))],
  [Op.LONG_BINGET, ({ r, m }) => m.push(m.memoGet(r.u32le()))],
  [Op.GET, (ctx) => ctx.m.push(ctx.m.memoGet(memoIndexLine(ctx)))],
  [Op.EMPTY_LIST, ({ m }) => m.push(m.newList([]))],
  [Op.LIST, ({ m }) => m.push(m.newList(m.popMark()))],
  [
    Op.APPEND,
    (ctx) => {
      const item = ctx.m.pop();
      const list = popList(ctx);
      list.push(item);
      ctx.m.push(list);
    },
  ],
  [
    Op.APPENDS,
    (ctx) => {
      const items = ctx.m.popMark();
      const list = popList(ctx);
      for (const item of items) list.push(item);
      ctx.m.push(list);
    },
  ],
  [Op.EMPTY_TUPLE, ({ m }) => m.push(m.newTuple([]))],
  [Op.TUPLE1, tupleN],
  [Op.TUPLE2, tupleN],
  [Op.TUPLE3, tupleN],
  [Op.TUPLE, ({ m }) => m.push(m.newTuple(m.popMark()))],
  [Op.EMPTY_DICT, ({ m }) => m.push(m.newDict())],
  [
    Op.DICT,
    (ctx) => {
      const items = ctx.m.popMark();
      const dict = ctx.m.newDict();
      setItems(ctx, dict, items);
      ctx.m.push(dict);
    },
  ],
  [
    Op.SETITEM,
    (ctx) => {
      const value = ctx.m.pop();
      const key = ctx.m.pop();
      setItems(ctx, ctx.m.top(), [key, value]);
    },
  ],
  [
    Op.SETITEMS,
    (ctx) => {
      const items = ctx.m.popMark();
      setItems(ctx, ctx.m.top(), items);
    },
  ],
  [Op.EMPTY_SET, ({ m }) => m.push(m.newSet([]))],
  [
    Op.ADDITEMS,
    (ctx) => {
      const items = ctx.m.popMark();
      const set = ctx.m.top();
      if (ctx.m.kindOf(set) !== 'set') ctx.fail('malformed', 'ADDITEMS target is not a set');
      for (const item of items) (set as PyValue[]).push(item);
    },
  ],
  [Op.FROZENSET, ({ m }) => m.push(m.newSet(m.popMark()))],
]);
