import { createHash, type Hash } from 'node:crypto';

/**
 * A SHA-256 over a projection's state that is equal exactly when the states are
 * deep-equal, whatever the insertion order of its Maps, Sets and object keys.
 * Why a walk instead of JSON.stringify: the states hold Maps, typed arrays and
 * -Infinity, which JSON drops or flattens to null; and a walk feeds the hash in
 * chunks instead of building one string as large as the whole history.
 */
export function stateDigest(state: unknown): string {
  const hash = createHash('sha256');
  const out = createChunkedWriter(hash);
  walk(state, out);
  out.flush();
  return hash.digest('hex');
}

interface Writer {
  write(text: string): void;
  flush(): void;
}

const CHUNK = 64 * 1024;

function createChunkedWriter(hash: Hash): Writer {
  let buffer = '';
  return {
    write(text) {
      buffer += text;
      if (buffer.length >= CHUNK) {
        hash.update(buffer);
        buffer = '';
      }
    },
    flush() {
      hash.update(buffer);
      buffer = '';
    },
  };
}

function walk(value: unknown, out: Writer): void {
  if (typeof value === 'object') walkObject(value, out);
  else out.write(token(value));
}

function token(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'u;';
    case 'boolean':
      return value ? 't;' : 'f;';
    case 'number':
      // String() keeps -Infinity and NaN apart from null (JSON would not); -0 is marked.
      return `n${Object.is(value, -0) ? '-0' : String(value)};`;
    case 'bigint':
      return `b${value};`;
    case 'string':
      // Length-prefixed, so no content can imitate a separator.
      return `s${value.length}:${value};`;
    default:
      throw new TypeError(`cannot digest a ${typeof value}`);
  }
}

function walkObject(value: object | null, out: Writer): void {
  if (value === null) {
    out.write('z;');
    return;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = value as ArrayLike<unknown>;
    out.write(`[${items.length};`);
    for (let i = 0; i < items.length; i++) walk(items[i], out);
    out.write(']');
    return;
  }
  if (value instanceof Map) {
    out.write(`M${value.size};`);
    for (const [key, item] of sortedEntries(value.entries())) {
      walk(key, out);
      walk(item, out);
    }
    out.write(']');
    return;
  }
  if (value instanceof Set) {
    out.write(`S${value.size};`);
    for (const [key] of sortedEntries([...value].map((v) => [v, v] as const))) walk(key, out);
    out.write(']');
    return;
  }
  const keys = Object.keys(value).sort();
  out.write(`O${keys.length};`);
  for (const key of keys) {
    walk(key, out);
    walk((value as Record<string, unknown>)[key], out);
  }
  out.write(']');
}

/** Entries ordered by key; keys in BanGUI's states are strings or numbers. */
function sortedEntries<K, V>(entries: Iterable<readonly [K, V]>): (readonly [K, V])[] {
  return [...entries].sort(([a], [b]) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
