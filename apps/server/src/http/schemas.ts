import * as v from 'valibot';

export const MAX_IDS = 10_000;

/** fail2ban jail names as BanGUI accepts them (also keeps them safe as CLI arguments). */
export const jailNameSchema = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z0-9._][A-Za-z0-9._-]{0,99}$/,
    "a jail name is 1-100 characters of A-Z, a-z, 0-9, '.', '_', '-' and does not start with '-'",
  ),
);

export const jailParamsSchema = v.object({ jail: jailNameSchema });

export const idsBodySchema = v.object({
  ids: v.pipe(
    v.array(
      v.pipe(
        v.string('each id must be a string'),
        v.nonEmpty('an id must not be empty'),
        v.maxLength(256, 'an id is at most 256 characters'),
      ),
      'ids must be an array of strings',
    ),
    v.minLength(1, 'give at least one id'),
    v.maxLength(MAX_IDS, `give at most ${MAX_IDS} ids per request`),
  ),
});

/** A ban request; `confirm` goes ahead with a ban the self-ban guard questioned (admins only). */
export const banBodySchema = v.object({
  ...idsBodySchema.entries,
  confirm: v.optional(v.boolean('confirm must be true or false')),
});

export const loginBodySchema = v.object({
  username: v.pipe(v.string('username must be a string'), v.maxLength(256)),
  password: v.pipe(v.string('password must be a string'), v.maxLength(1024)),
});

const nonNegativeInt = (name: string, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/, `${name} must be a non-negative integer`),
    v.transform(Number),
    v.maxValue(max, `${name} must be at most ${max}`),
  );

export const bansQuerySchema = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(256, 'q is at most 256 characters')), ''),
  offset: v.optional(nonNegativeInt('offset', 100_000_000), '0'),
  limit: v.optional(
    v.pipe(nonNegativeInt('limit', 500), v.minValue(1, 'limit must be at least 1')),
    '50',
  ),
});
