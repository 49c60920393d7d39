import { describeValue } from '../describe-value.ts';
import { protocolError } from '../errors.ts';
import type { PyValue } from '../pickle/index.ts';
import { asBool, asInt, asList, asOptionalString, asString, asStringList } from '../values.ts';
import { assertJail } from './jail-name.ts';
import type { Requester } from './requester.ts';

export interface BantimeIncrement {
  enabled: boolean;
  /** Strings as configured (fail2ban evaluates them); null when unset. */
  factor: string | null;
  formula: string | null;
  multipliers: string | null;
  /** Seconds; null when unset. */
  maxtime: number | null;
  rndtime: number | null;
  overalljails: boolean | null;
}

export interface JailSettings {
  /** Seconds; -1 = permanent. */
  bantime: number;
  findtime: number;
  maxretry: number;
  maxlines: number;
  maxmatches: number;
  ignoreip: string[];
  ignoreself: boolean;
  /** null when unset (fail2ban reports False). */
  ignorecommand: string | null;
  logpath: string[];
  actions: string[];
  usedns: string;
  logencoding: string;
  failregex: string[];
  /** `(pattern or None, name)`, e.g. `{ pattern: null, name: 'Default Detectors' }`. */
  datepattern: { pattern: string | null; name: string };
  bantimeIncrement: BantimeIncrement;
}

const OPTIONS = [
  'bantime',
  'findtime',
  'maxretry',
  'maxlines',
  'maxmatches',
  'ignoreip',
  'ignoreself',
  'ignorecommand',
  'logpath',
  'actions',
  'usedns',
  'logencoding',
  'failregex',
  'datepattern',
  'bantime.increment',
  'bantime.factor',
  'bantime.formula',
  'bantime.multipliers',
  'bantime.maxtime',
  'bantime.rndtime',
  'bantime.overalljails',
] as const;

type Option = (typeof OPTIONS)[number];

/** Reads a jail's settings with one `get` per option, all pipelined on the connection. */
export async function jailSettings(request: Requester, jail: string): Promise<JailSettings> {
  assertJail(jail);
  const values = await Promise.all(OPTIONS.map((o) => request(['get', jail, o])));
  const v = Object.fromEntries(OPTIONS.map((o, i) => [o, values[i] ?? null])) as Record<
    Option,
    PyValue
  >;
  const optionalInt = (o: Option) => (v[o] === null ? null : asInt(v[o], o));
  return {
    bantime: asInt(v.bantime, 'bantime'),
    findtime: asInt(v.findtime, 'findtime'),
    maxretry: asInt(v.maxretry, 'maxretry'),
    maxlines: asInt(v.maxlines, 'maxlines'),
    maxmatches: asInt(v.maxmatches, 'maxmatches'),
    ignoreip: asStringList(v.ignoreip, 'ignoreip'),
    ignoreself: asBool(v.ignoreself, 'ignoreself'),
    ignorecommand:
      v.ignorecommand === false || v.ignorecommand === null || v.ignorecommand === ''
        ? null
        : asString(v.ignorecommand, 'ignorecommand'),
    logpath: asStringList(v.logpath, 'logpath'),
    actions: asStringList(v.actions, 'actions'),
    usedns: asString(v.usedns, 'usedns'),
    logencoding: asString(v.logencoding, 'logencoding'),
    failregex: asStringList(v.failregex, 'failregex'),
    datepattern: parseDatepattern(v.datepattern),
    bantimeIncrement: {
      enabled:
        v['bantime.increment'] === null
          ? false
          : asBool(v['bantime.increment'], 'bantime.increment'),
      factor: optionalText(v['bantime.factor'], 'bantime.factor'),
      formula: optionalText(v['bantime.formula'], 'bantime.formula'),
      multipliers: optionalText(v['bantime.multipliers'], 'bantime.multipliers'),
      maxtime: optionalInt('bantime.maxtime'),
      rndtime: optionalInt('bantime.rndtime'),
      overalljails: parseOptionalBool(v['bantime.overalljails'], 'bantime.overalljails'),
    },
  };
}

function parseDatepattern(value: PyValue): JailSettings['datepattern'] {
  const pair = asList(value, 'datepattern');
  if (pair.length !== 2) throw protocolError('expected a (pattern, name) pair for datepattern');
  return {
    pattern: asOptionalString(pair[0] ?? null, 'datepattern pattern'),
    name: asString(pair[1] ?? null, 'datepattern name'),
  };
}

/** Option values fail2ban keeps as given: a string, or occasionally a number. */
function optionalText(value: PyValue, what: string): string | null {
  if (typeof value === 'number') return String(value);
  // Through asInt: a hostile huge LONG4 int must not be converted to decimal text.
  if (typeof value === 'bigint') return String(asInt(value, what));
  return asOptionalString(value, what);
}

/** overalljails is stored as configured: a bool, or a string such as "true"/"false". */
function parseOptionalBool(value: PyValue, what: string): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  const text = asString(value, what).trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  throw protocolError(`unexpected ${what} value ${describeValue(value)}`);
}
