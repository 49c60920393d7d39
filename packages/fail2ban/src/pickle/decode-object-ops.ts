import type { OpContext, OpHandler } from './decode-context.ts';
import { Op } from './opcodes.ts';
import type { PyDict, PyOpaque, PyValue } from './types.ts';
import { decodeUtf8 } from './utf8.ts';

/**
 * GLOBAL / STACK_GLOBAL / REDUCE / BUILD without executing anything: a global is an inert
 * `{module.name}` reference and a call makes an inert PyOpaque instance. The one exception
 * is `builtins.str(s)` (how fail2ban pickles IPAddr), which yields `s` itself.
 */
function pushGlobal(ctx: OpContext, module: string, name: string): void {
  if (module === '' || name === '') ctx.fail('malformed', 'empty global name');
  ctx.m.push(ctx.m.newGlobal(module, name));
}

function reduce(ctx: OpContext): void {
  const { m } = ctx;
  const args = m.pop();
  const callable = m.pop();
  if (m.kindOf(args) !== 'tuple') ctx.fail('malformed', 'REDUCE arguments are not a tuple');
  if (m.kindOf(callable) !== 'global') {
    ctx.fail('unsupported-value', 'REDUCE of something that is not a global');
  }
  const argList = args as PyValue[];
  const type = (callable as PyOpaque).type;
  if (type === 'builtins.str' && argList.length === 1 && typeof argList[0] === 'string') {
    m.push(argList[0]);
    return;
  }
  const instance: PyOpaque = { kind: 'py-opaque', type, args: argList };
  m.markInstance(instance);
  m.push(instance);
}

function build(ctx: OpContext): void {
  const { m } = ctx;
  const state = m.pop();
  const target = m.top();
  if (m.kindOf(target) !== 'instance') {
    ctx.fail('unsupported-value', 'BUILD target is not an object instance');
  }
  // Mutated in place because the memo may already hold this instance (MEMOIZE precedes BUILD).
  const instance = target as { state?: PyValue };
  const previous = instance.state;
  // Python's default __setstate__ updates __dict__, so two dict states merge.
  if (previous !== undefined && m.kindOf(previous) === 'dict' && m.kindOf(state) === 'dict') {
    Object.assign(previous as PyDict, state as PyDict);
  } else {
    instance.state = state;
  }
}

export const objectOps = new Map<number, OpHandler>([
  [
    Op.GLOBAL,
    (ctx) => {
      const moduleAt = ctx.r.pos;
      const module = decodeUtf8(ctx.r.line(), moduleAt);
      const nameAt = ctx.r.pos;
      pushGlobal(ctx, module, decodeUtf8(ctx.r.line(), nameAt));
    },
  ],
  [
    Op.STACK_GLOBAL,
    (ctx) => {
      const name = ctx.m.pop();
      const module = ctx.m.pop();
      if (typeof module !== 'string' || typeof name !== 'string') {
        ctx.fail('malformed', 'STACK_GLOBAL requires two str');
      }
      pushGlobal(ctx, module as string, name as string);
    },
  ],
  [Op.REDUCE, reduce],
  [Op.BUILD, build],
]);
