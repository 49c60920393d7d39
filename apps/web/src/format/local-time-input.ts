/**
 * A `datetime-local` input's value ("2026-01-31T14:05", the viewer's wall clock) as a UTC
 * ISO instant for the API; "" (no bound) as undefined. The browser's own zone rules
 * apply, so the offset is right on both sides of a daylight-saving change.
 */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
