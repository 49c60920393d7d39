import * as v from 'valibot';

const MAX_DATE_MS = 8.64e15;
/**
 * An ISO 8601 date (taken as UTC midnight) or date-time with an explicit zone.
 * Why the zone is required: `Date.parse` reads a date-time without one in the
 * server's local zone, so the same URL would mean different times on different hosts.
 */
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const EPOCH_MS = /^-?\d{1,16}$/;

/** ms epoch from ISO text or epoch milliseconds; undefined when it is neither. */
export function parseTimeParam(text: string): number | undefined {
  let t: number;
  if (EPOCH_MS.test(text)) t = Number(text);
  else if (ISO.test(text) && isRealDateTime(text)) t = Date.parse(text);
  else return undefined;
  return Number.isFinite(t) && Math.abs(t) <= MAX_DATE_MS ? t : undefined;
}

/**
 * Why: `Date.parse` rolls impossible dates over (2025-02-30 becomes March 2,
 * T24:00 the next day), so a typo would silently move the range.
 */
function isRealDateTime(text: string): boolean {
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = (text.match(/\d+/g) ?? []).map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === mo - 1 &&
    day.getUTCDate() === d &&
    h <= 23 &&
    mi <= 59 &&
    s <= 59
  );
}

/** A query parameter holding a time; the output is a ms epoch. */
export function timeParam(name: string) {
  return v.pipe(
    v.string(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const t = parseTimeParam(dataset.value);
      if (t === undefined) {
        addIssue({
          message: `${name} must be an ISO 8601 time with a zone (e.g. 2025-01-31T12:00:00Z), a date (2025-01-31), or epoch milliseconds`,
        });
        return NEVER;
      }
      return t;
    }),
  );
}

/** Refuses `from >= to` when both are given: an empty range is always a mistake. */
export function checkRange(query: { from?: number; to?: number }): string | undefined {
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    return 'from must be earlier than to';
  }
  return undefined;
}
