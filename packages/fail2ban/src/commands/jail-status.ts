import { protocolError } from '../errors.ts';
import type { PyValue } from '../pickle/index.ts';
import { asInt, asList, asStringList } from '../values.ts';
import { assertJail } from './jail-name.ts';
import { labelledEntries } from './labelled.ts';
import type { Requester } from './requester.ts';

export interface JailStatus {
  jail: string;
  currentlyFailed: number;
  totalFailed: number;
  fileList: string[];
  currentlyBanned: number;
  /** Cumulative since the jail started; `unban --all` does not reset it. */
  totalBanned: number;
  /** Only with the 'basic' flavor (the 'short' one omits it, which keeps it cheap). */
  bannedIds?: string[];
}

/**
 * `status JAIL [short]`. 'short' is the default because it stays ~200 bytes however many
 * bans the jail holds, while 'basic' carries the whole ban list.
 */
export async function jailStatus(
  request: Requester,
  jail: string,
  flavor: 'basic' | 'short' = 'short',
): Promise<JailStatus> {
  assertJail(jail);
  const args = flavor === 'short' ? ['status', jail, 'short'] : ['status', jail];
  const entries = labelledEntries(asList(await request(args), 'jail status'), 'jail status');
  const get = (label: string): PyValue => {
    const v = entries.get(label);
    if (v === undefined) throw protocolError(`jail status has no '${label}' entry`);
    return v;
  };
  const status: JailStatus = {
    jail,
    currentlyFailed: asInt(get('Currently failed'), 'Currently failed'),
    totalFailed: asInt(get('Total failed'), 'Total failed'),
    // Other backends (systemd) report 'Journal matches' instead of a file list.
    fileList: entries.has('File list') ? asStringList(get('File list'), 'File list') : [],
    currentlyBanned: asInt(get('Currently banned'), 'Currently banned'),
    totalBanned: asInt(get('Total banned'), 'Total banned'),
  };
  if (flavor === 'basic') {
    status.bannedIds = asStringList(get('Banned IP list'), 'Banned IP list');
  }
  return status;
}
