import { readFileSync } from 'node:fs';

/** section -> key -> every value assigned, in order (systemd keys may repeat). */
export type Unit = Map<string, Map<string, string[]>>;

/** A small parser for systemd unit files: sections, `Key=value`, comments, continuations. */
export function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      section = unit.get(name) ?? new Map();
      unit.set(name, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 0) throw new Error(`not a unit file line: ${line}`);
    const key = line.slice(0, eq).trim();
    const values = section.get(key) ?? [];
    values.push(line.slice(eq + 1).trim());
    section.set(key, values);
  }
  return unit;
}

export function readUnit(path: string): Unit {
  return parseUnit(readFileSync(path, 'utf8'));
}

/** The values of a key (empty when it is absent). */
export function values(unit: Unit, section: string, key: string): string[] {
  return unit.get(section)?.get(key) ?? [];
}
