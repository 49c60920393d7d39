import * as v from 'valibot';

const nonEmpty = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/**
 * What the bangui-push fail2ban action sends (infra/fail2ban/action.d/bangui-push.conf).
 * `timeofban` is fail2ban's `<time>` (Unix seconds, possibly with a fraction);
 * `bantime` its `<bantime>` in seconds, -1 for permanent.
 */
export const PushPayloadSchema = v.object({
  action: v.picklist(['ban', 'unban']),
  jail: nonEmpty(200),
  ip: nonEmpty(200),
  timeofban: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e12)),
  bantime: v.pipe(v.number(), v.integer(), v.minValue(-1)),
  failures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export type PushPayload = v.InferOutput<typeof PushPayloadSchema>;
