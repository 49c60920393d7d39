import { protocolError } from '../errors.ts';
import { asInt, asList, asStringList } from '../values.ts';
import { banTargets, existingIds, lookupIds } from './ban-ids.ts';
import { assertJail } from './jail-name.ts';
import { chunk, type Requester } from './requester.ts';

export interface BulkOptions {
  /** Ids per command (fail2ban blocks every client while it runs one). */
  chunkSize: number;
  /** Base timeout of one command. */
  timeoutMs: number;
}

// A real firewall action costs about 9 ms per IP inside fail2ban (notes §5.2); budget
// twice that per id on top of the base timeout.
const PER_ID_TIMEOUT_MS = 20;

function chunkTimeout(options: BulkOptions, ids: number): number {
  return options.timeoutMs + ids * PER_ID_TIMEOUT_MS;
}

/** Bans IPs/networks in a jail; counts only newly banned ones (already banned -> 0). */
export async function ban(
  request: Requester,
  jail: string,
  ids: readonly string[],
  options: BulkOptions,
): Promise<{ banned: number }> {
  assertJail(jail);
  const targets = banTargets(ids);
  let banned = 0;
  // Chunks run one after another so health checks can slip in between them.
  for (const part of chunk(targets, options.chunkSize)) {
    const reply = await request(['set', jail, 'banip', ...part], {
      timeoutMs: chunkTimeout(options, part.length),
    });
    banned += asInt(reply, 'banip count');
  }
  return { banned };
}

/** Unbans exactly the ids given (ids not banned count 0). */
export async function unban(
  request: Requester,
  jail: string,
  ids: readonly string[],
  options: BulkOptions,
): Promise<{ unbanned: number }> {
  assertJail(jail);
  existingIds(ids);
  let unbanned = 0;
  for (const part of chunk(ids, options.chunkSize)) {
    const reply = await request(['set', jail, 'unbanip', ...part], {
      timeoutMs: chunkTimeout(options, part.length),
    });
    unbanned += asInt(reply, 'unbanip count');
  }
  return { unbanned };
}

/** For each id, the jails it is banned in now (`banned id...`), keyed by the id as given. */
export async function bannedIn(
  request: Requester,
  ids: readonly string[],
  options: BulkOptions,
): Promise<Map<string, string[]>> {
  const sent = lookupIds(ids);
  const out = new Map<string, string[]>();
  for (const [n, part] of chunk(sent, options.chunkSize).entries()) {
    const reply = asList(await request(['banned', ...part]), 'banned');
    if (reply.length !== part.length) {
      throw protocolError(`banned answered ${reply.length} entries for ${part.length} ids`);
    }
    reply.forEach((jails, i) => {
      out.set(ids[n * options.chunkSize + i] ?? '', asStringList(jails, 'banned jails'));
    });
  }
  return out;
}

/** Whether each id is banned in the jail, in the order given. */
export async function isBanned(
  request: Requester,
  jail: string,
  ids: readonly string[],
  options: BulkOptions,
): Promise<boolean[]> {
  assertJail(jail);
  const sent = lookupIds(ids);
  const out: boolean[] = [];
  for (const part of chunk(sent, options.chunkSize)) {
    const reply = await request(['get', jail, 'banned', ...part]);
    // Quirk: one id gives a bare 0/1, several give a list of 0/1.
    const flags = part.length === 1 && !Array.isArray(reply) ? [reply] : asList(reply, 'banned');
    if (flags.length !== part.length) {
      throw protocolError(`get banned answered ${flags.length} flags for ${part.length} ids`);
    }
    for (const f of flags) out.push(asInt(f, 'banned flag') === 1);
  }
  return out;
}
