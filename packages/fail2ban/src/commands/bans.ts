import { asStringList } from '../values.ts';
import { type BanEntry, parseBanTimeLine } from './ban-time-line.ts';
import { assertJail } from './jail-name.ts';
import type { Requester } from './requester.ts';

export type UnparsedBanListener = (info: { jail: string; line: string }) => void;

/**
 * Current bans of a jail with their times (`get JAIL banip --with-time`), ordered by end
 * of ban. A line that does not parse is skipped and passed to `onUnparsed`, so one odd
 * entry cannot hide all the others.
 */
export async function bans(
  request: Requester,
  jail: string,
  onUnparsed: UnparsedBanListener,
): Promise<BanEntry[]> {
  assertJail(jail);
  const lines = asStringList(await request(['get', jail, 'banip', '--with-time']), 'banip');
  const out: BanEntry[] = [];
  for (const line of lines) {
    const entry = parseBanTimeLine(line);
    if (entry) out.push(entry);
    else onUnparsed({ jail, line });
  }
  return out;
}
