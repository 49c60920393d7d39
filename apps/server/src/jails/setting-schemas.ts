import { parseBanTarget } from '@bangui/fail2ban';
import * as v from 'valibot';

/** The longest ban/find time accepted (about 31 years): far beyond any real use. */
export const MAX_DURATION_SECONDS = 1_000_000_000;
export const MAX_RETRY = 1000;
export const MAX_IGNOREIP_ENTRIES = 100;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^\s*(?:\d{1,9}\s*[smhdw]\s*)+$/;
const DURATION_PART = /(\d{1,9})\s*([smhdw])/g;

/**
 * Seconds from an integer or one of fail2ban's duration strings ("600", "10m", "1h 30m",
 * "1d12h"; units s, m, h, d, w). Anything else is undefined. fail2ban itself evaluates
 * such strings as Python expressions (MyTime.str2seconds uses eval), so only the
 * computed number is ever sent to it, never the text.
 */
export function parseDuration(input: number | string): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : undefined;
  const text = input.trim();
  if (/^-?\d{1,10}$/.test(text)) return Number(text);
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, count, unit] of text.matchAll(DURATION_PART)) {
    total += Number(count) * (UNIT_SECONDS[unit as string] ?? Number.NaN);
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

const durationSchema = (name: string, allowPermanent: boolean) =>
  v.pipe(
    v.union(
      [v.number(), v.pipe(v.string(), v.maxLength(64))],
      `${name} must be a number of seconds or a duration such as 10m, 1h or 1d`,
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const seconds = parseDuration(dataset.value);
      const permanent = allowPermanent && seconds === -1;
      if (
        seconds === undefined ||
        (!permanent && (seconds < 1 || seconds > MAX_DURATION_SECONDS))
      ) {
        addIssue({
          message: `${name} must be whole seconds from 1 to ${MAX_DURATION_SECONDS}${
            allowPermanent ? ' (or -1 for a permanent ban)' : ''
          }, or a duration such as 10m, 1h or 1d`,
        });
        return NEVER;
      }
      return seconds;
    }),
  );

export const jailSettingsBodySchema = v.pipe(
  v.strictObject(
    {
      bantime: v.optional(durationSchema('bantime', true)),
      findtime: v.optional(durationSchema('findtime', false)),
      maxretry: v.optional(
        v.pipe(
          v.number('maxretry must be a whole number'),
          v.integer('maxretry must be a whole number'),
          v.minValue(1, 'maxretry must be at least 1'),
          v.maxValue(MAX_RETRY, `maxretry must be at most ${MAX_RETRY}`),
        ),
      ),
    },
    'only bantime, findtime and maxretry can be changed',
  ),
  v.check(
    (body) => Object.values(body).some((value) => value !== undefined),
    'give at least one of bantime, findtime, maxretry',
  ),
);

const entryList = (name: string) =>
  v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(`each ${name} entry must be a string`),
          v.nonEmpty(`a ${name} entry must not be empty`),
          v.maxLength(128, `a ${name} entry is at most 128 characters`),
        ),
        `${name} must be an array of strings`,
      ),
      v.maxLength(MAX_IGNOREIP_ENTRIES, `give at most ${MAX_IGNOREIP_ENTRIES} ${name} entries`),
    ),
    [],
  );

export const ignoreIpBodySchema = v.pipe(
  v.strictObject(
    { add: entryList('add'), remove: entryList('remove') },
    'only add and remove are accepted',
  ),
  v.check(
    (body) => body.add.length + body.remove.length > 0,
    'give at least one address to add or remove',
  ),
);

/** An ignoreip entry as fail2ban lists it (canonical IP or network), or undefined. */
export function canonicalIgnoreEntry(entry: string): string | undefined {
  return parseBanTarget(entry.trim())?.canonical;
}
