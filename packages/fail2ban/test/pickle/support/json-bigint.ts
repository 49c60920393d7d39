/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact as bigint (Node 20's
 * JSON.parse has no access to the source text). Only the vector files go through it.
 */
export function parseJsonBigInt(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`bad JSON at ${i}`);
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      while (true) {
        ws();
        const key = value();
        if (typeof key !== 'string') fail();
        ws();
        if (text[i++] !== ':') fail();
        obj[key as string] = value();
        ws();
        const sep = text[i++];
        if (sep === '}') return obj;
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      while (true) {
        arr.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return arr;
        if (sep !== ',') fail();
      }
    }
    // Strings, literals and numbers: slice the token and let JSON.parse decode it.
    const token = /^(?:"(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i),
    );
    if (!token) return fail();
    i += token[0].length;
    const t = token[0];
    if (/^-?\d+$/.test(t) && !Number.isSafeInteger(Number(t))) return BigInt(t);
    return JSON.parse(t);
  };
  const out = value();
  ws();
  if (i !== text.length) fail();
  return out;
}
