import * as v from 'valibot';

// A match is the whole line, or [before-date, date, after-date] (notes §4.2).
const MatchSchema = v.union([v.string(), v.tuple([v.string(), v.string(), v.string()])]);
const DataSchema = v.object({
  matches: v.optional(v.array(MatchSchema)),
  failures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export interface BanRowData {
  failures?: number;
  matches?: string[];
}

/**
 * Decodes fail2ban's `data` column: a BLOB of UTF-8 JSON. Anything that does
 * not decode or has an unexpected shape yields {} (the ban itself is still
 * worth recording without its details).
 */
export function decodeBanRowData(raw: Buffer | string | null): BanRowData {
  if (raw === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return {};
  }
  const result = v.safeParse(DataSchema, parsed);
  if (!result.success) return {};
  const { failures, matches } = result.output;
  return {
    ...(failures !== undefined ? { failures } : {}),
    ...(matches !== undefined
      ? { matches: matches.map((m) => (typeof m === 'string' ? m : m.join(''))) }
      : {}),
  };
}
