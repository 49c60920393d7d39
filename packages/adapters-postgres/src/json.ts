/**
 * Values travel to PostgreSQL as JSON text cast to jsonb (`$1::text::jsonb`).
 * Text, not a jsonb parameter: postgres.js would JSON-encode a jsonb parameter
 * itself, but drizzle replaces that serializer on the shared client, and a JSON
 * `null` must stay the jsonb value 'null' (a bare null parameter is SQL NULL).
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value is not JSON-serialisable');
  return text;
}

/** jsonb columns arrive parsed by postgres.js; int8 and bigint columns as strings. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}
