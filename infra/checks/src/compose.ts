import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Env = Readonly<Record<string, string | undefined>>;

/** Parses one compose file as Compose does: YAML 1.2 with anchors and `<<` merge keys. */
export function readComposeFile(path: string): JsonObject {
  const doc: unknown = parse(readFileSync(path, 'utf8'), { merge: true, maxAliasCount: 100 });
  if (!isObject(doc)) throw new Error(`${path}: not a YAML mapping`);
  return doc;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const VARIABLE =
  /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Compose's interpolation of one string: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}` and `$$` for a literal `$`.
 * Defaults are interpolated in turn (`${A:-${B}}`).
 */
export function interpolate(value: string, env: Env): string {
  return value.replace(
    VARIABLE,
    (whole, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const current = env[name];
      const missing = operator?.startsWith(':') ? !current : current === undefined;
      if (operator?.endsWith('-'))
        return missing ? interpolate(argument ?? '', env) : (current ?? '');
      if (operator?.endsWith('?')) {
        if (missing) throw new Error(`required variable ${name} is missing: ${argument ?? ''}`);
        return current ?? '';
      }
      return current ?? '';
    },
  );
}

/** Interpolates every string value (not keys) of a parsed compose file. */
export function interpolateAll(value: Json, env: Env): Json {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]),
    );
  }
  return value;
}

// Sequences that an overlay replaces instead of extending (Compose merge rules).
const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test']);
// Sequences merged by a key of their entries; the overlay's entry wins.
const KEYED_SEQUENCES: Record<string, (entry: Json) => string> = {
  volumes: (entry) =>
    typeof entry === 'string' ? volumeTarget(entry) : String(objectField(entry, 'target')),
  secrets: (entry) => (typeof entry === 'string' ? entry : String(objectField(entry, 'source'))),
  configs: (entry) => (typeof entry === 'string' ? entry : String(objectField(entry, 'source'))),
};

function objectField(entry: Json, field: string): Json | undefined {
  return isObject(entry) ? entry[field] : undefined;
}

/** The container path of a short-syntax volume (`source:target[:mode]` or `target`). */
export function volumeTarget(spec: string): string {
  const parts = spec.split(':');
  return parts.length === 1 ? (parts[0] ?? '') : (parts[1] ?? '');
}

/**
 * Merges an overlay into a base file with Compose's rules for the keys these
 * files use: mappings merge recursively, `command`/`entrypoint`/healthcheck
 * `test` are replaced, volumes and secrets are merged by target/source, other
 * sequences (ports, cap_add, ...) are appended without duplicates. Environment
 * lists (`KEY=value`) are normalised to mappings first.
 */
export function mergeCompose(base: Json, overlay: Json, key = ''): Json {
  if (key === 'environment') return { ...environmentMap(base), ...environmentMap(overlay) };
  if (isObject(base) && isObject(overlay)) {
    const out: JsonObject = { ...base };
    for (const [name, value] of Object.entries(overlay)) {
      const current = out[name];
      out[name] = current === undefined ? value : mergeCompose(current, value, name);
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(overlay)) {
    if (REPLACED_SEQUENCES.has(key)) return overlay;
    const keyOf = KEYED_SEQUENCES[key];
    if (keyOf) {
      const merged = new Map<string, Json>();
      for (const entry of [...base, ...overlay]) merged.set(keyOf(entry), entry);
      return [...merged.values()];
    }
    const out = [...base];
    for (const entry of overlay) {
      if (!out.some((existing) => JSON.stringify(existing) === JSON.stringify(entry)))
        out.push(entry);
    }
    return out;
  }
  return overlay;
}

/** `environment` as a mapping, from either of its two syntaxes. */
export function environmentMap(value: Json | undefined): Record<string, Json> {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  }
  if (isObject(value)) return value;
  throw new Error(`environment must be a list or a mapping, got ${JSON.stringify(value)}`);
}

/** Reads, interpolates and merges compose files left to right, like `docker compose -f a -f b`. */
export function loadMerged(paths: readonly string[], env: Env = {}): JsonObject {
  let merged: Json = {};
  for (const path of paths)
    merged = mergeCompose(merged, interpolateAll(readComposeFile(path), env));
  if (!isObject(merged)) throw new Error('merged compose model is not a mapping');
  return merged;
}

/** The services of a compose model, each as a mapping. */
export function services(model: JsonObject): Record<string, JsonObject> {
  const all = model.services;
  if (!isObject(all)) throw new Error('no services mapping');
  const out: Record<string, JsonObject> = {};
  for (const [name, service] of Object.entries(all)) {
    if (!isObject(service)) throw new Error(`service ${name} is not a mapping`);
    out[name] = service;
  }
  return out;
}

/** Every path of keys in a parsed document, for "key X appears nowhere" checks. */
export function keyPaths(value: Json, prefix: readonly string[] = []): string[][] {
  const out: string[][] = [];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      out.push(...keyPaths(item, [...prefix, String(index)]));
    }
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      out.push(...keyPaths(item, [...prefix, key]));
    }
  }
  return out;
}
