import type { RecordedEvent } from '@bangui/core';
import { ledgerForProjection } from '../ban-ledger-scope.ts';
import { asBanEnded, asBanObserved } from '../event-guards.ts';
import { decodePosition, type EncodedPosition, encodePosition } from '../position.ts';
import { createCheckpointGate, type Projection } from '../projection.ts';

export interface DossierBan {
  jail: string;
  bannedAt: number;
  endsAt: number | null;
  endsBeyondRange: boolean;
}

export interface Dossier {
  /** the ID as first reported */
  id: string;
  /** canonical form, the key */
  address: string;
  timesBanned: number;
  jails: { jail: string; bans: number }[];
  /** earliest and latest time of ban */
  firstSeen: number;
  lastSeen: number;
  currentlyBannedIn: DossierBan[];
  /** positions of its newest events, newest first (read them for the full history) */
  recentPositions: string[];
}

export interface DossierProjection extends Projection {
  /** null for an address never banned */
  get(address: string): Dossier | null;
  state(): unknown;
}

interface JailRecord {
  jail: string;
  bans: number;
  active: DossierBan | null;
  /** time of ban of the newest ban that ended, so an older one never shows as active */
  lastEnded: number;
}

interface AddressRecord {
  id: string;
  timesBanned: number;
  firstSeen: number;
  lastSeen: number;
  /** an array, not a Map: an address is banned in few jails, and 100k Maps cost ~3x more */
  jails: JailRecord[];
  /** oldest first, at most `recentLimit` */
  recent: EncodedPosition[];
}

/**
 * Per canonical address: how often, where, when, whether banned now, and where
 * its newest events are in the log. Memory: roughly 300-400 bytes per address
 * plus 8 bytes per remembered position (see the projections benchmark).
 */
export function createDossierProjection(options: { recentLimit?: number } = {}): DossierProjection {
  const recentLimit = options.recentLimit ?? 20;
  /** by the ledger's address id: an array, not a Map keyed by address strings */
  const records: (AddressRecord | undefined)[] = [];
  const ledger = ledgerForProjection();

  function remember(record: AddressRecord, position: string): void {
    record.recent.push(encodePosition(position));
    if (record.recent.length > recentLimit) record.recent.shift();
  }

  function handle(event: RecordedEvent): void {
    const observed = asBanObserved(event);
    if (observed) {
      const facts = ledger.facts(event, 'observed', observed.jail, observed.id, observed.bannedAt);
      if (!facts.first) return;
      let record = records[facts.address];
      if (!record) {
        record = {
          id: observed.id,
          timesBanned: 0,
          firstSeen: observed.bannedAt,
          lastSeen: observed.bannedAt,
          jails: [],
          recent: [],
        };
        records[facts.address] = record;
      }
      record.timesBanned++;
      record.firstSeen = Math.min(record.firstSeen, observed.bannedAt);
      record.lastSeen = Math.max(record.lastSeen, observed.bannedAt);
      let jail = record.jails.find((j) => j.jail === observed.jail);
      if (!jail) {
        jail = { jail: observed.jail, bans: 0, active: null, lastEnded: -Infinity };
        record.jails.push(jail);
      }
      jail.bans++;
      const newer = !jail.active || jail.active.bannedAt < observed.bannedAt;
      if (newer && observed.bannedAt > jail.lastEnded) {
        jail.active = {
          jail: observed.jail,
          bannedAt: observed.bannedAt,
          endsAt: observed.endsAt ?? null,
          endsBeyondRange: observed.endsBeyondRange === true,
        };
      }
      remember(record, event.position);
      return;
    }
    const end = asBanEnded(event);
    if (!end) return;
    const facts = ledger.facts(event, 'ended', end.jail, end.id, end.bannedAt);
    if (!facts.first) return;
    const record = records[facts.address];
    const jail = record?.jails.find((j) => j.jail === end.jail);
    if (!record || !jail) return; // an end without its ban: nothing to say about it
    jail.lastEnded = Math.max(jail.lastEnded, end.bannedAt);
    if (jail.active && jail.active.bannedAt <= end.bannedAt) jail.active = null;
    remember(record, event.position);
  }

  const gate = createCheckpointGate(handle);
  ledger.join(gate.checkpoint);

  return {
    name: 'dossier',
    checkpoint: gate.checkpoint,
    apply: gate.apply,
    reset() {
      records.length = 0;
      gate.reset();
      ledger.memberReset();
    },
    get(address) {
      const addressId = ledger.addressIdOf(address);
      const record = addressId === undefined ? undefined : records[addressId];
      if (!record) return null;
      const canonical = ledger.address(addressId as number);
      const jails = [...record.jails].sort((a, b) =>
        a.jail < b.jail ? -1 : a.jail > b.jail ? 1 : 0,
      );
      return {
        id: record.id,
        address: canonical,
        timesBanned: record.timesBanned,
        jails: jails.map((r) => ({ jail: r.jail, bans: r.bans })),
        firstSeen: record.firstSeen,
        lastSeen: record.lastSeen,
        currentlyBannedIn: jails.flatMap((r) => (r.active ? [{ ...r.active }] : [])),
        recentPositions: record.recent.map(decodePosition).reverse(),
      };
    },
    state() {
      // Keyed by canonical address, the shape it had before the ledger's ids.
      const byAddress = new Map<string, AddressRecord>();
      records.forEach((record, addressId) => {
        if (record) byAddress.set(ledger.address(addressId), record);
      });
      return { checkpoint: gate.checkpoint(), records: byAddress };
    },
  };
}
