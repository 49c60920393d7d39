import { describeValue } from '../describe-value.ts';
import { protocolError } from '../errors.ts';
import { asInt, asList, asString } from '../values.ts';
import { labelledEntries } from './labelled.ts';
import type { Requester } from './requester.ts';

export async function ping(request: Requester): Promise<void> {
  const reply = await request(['ping']);
  if (reply !== 'pong') throw protocolError(`expected 'pong', got ${describeValue(reply)}`);
}

export async function version(request: Requester): Promise<string> {
  return asString(await request(['version']), 'version');
}

export interface ServerStatus {
  jails: string[];
}

/** `status` -> `[("Number of jail", n), ("Jail list", "a, b, c")]`. */
export async function status(request: Requester): Promise<ServerStatus> {
  const entries = labelledEntries(asList(await request(['status']), 'status'), 'status');
  const listText = asString(entries.get('Jail list') ?? '', 'Jail list');
  const jails = listText === '' ? [] : listText.split(', ');
  const count = entries.get('Number of jail');
  if (count !== undefined && asInt(count, 'Number of jail') !== jails.length) {
    throw protocolError(`status lists ${jails.length} jails but reports ${describeValue(count)}`);
  }
  return { jails };
}
