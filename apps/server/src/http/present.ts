import {
  type AuditEntry,
  type DossierWithHistory,
  type HistoryEntry,
  isoOrNull,
  type Stats,
} from '@bangui/domain';

/**
 * Read-model values as the API answers them: times as UTC ISO strings, like the
 * existing routes. A time a Date cannot hold (an escalated ban ending past year
 * 275760) or a permanent ban's end is null; `endsBeyondRange` tells the two apart.
 */
export function presentHistoryEntry(e: HistoryEntry) {
  return {
    kind: e.kind,
    at: isoOrNull(e.at),
    jail: e.jail,
    id: e.id,
    bannedAt: isoOrNull(e.bannedAt),
    bantimeSeconds: e.bantimeSeconds,
    endsAt: isoOrNull(e.endsAt),
    endsBeyondRange: e.endsBeyondRange,
    permanent: e.kind === 'ban' && e.bantimeSeconds !== null && e.bantimeSeconds < 0,
    origin: e.source,
    reason: e.reason === '' ? null : e.reason,
    actor: e.actor,
    position: e.position,
  };
}

export function presentAuditEntry(e: AuditEntry) {
  return {
    position: e.position,
    type: e.type,
    at: isoOrNull(e.at),
    actor: e.actor,
    clientAddress: e.clientAddress,
    outcome: e.outcome,
    reason: e.reason,
    details: e.details,
  };
}

export function presentDossier(d: DossierWithHistory | null) {
  if (!d) return null;
  return {
    address: d.address,
    id: d.id,
    timesBanned: d.timesBanned,
    jails: d.jails,
    firstSeen: isoOrNull(d.firstSeen),
    lastSeen: isoOrNull(d.lastSeen),
    currentlyBannedIn: d.currentlyBannedIn.map((b) => ({
      jail: b.jail,
      bannedAt: isoOrNull(b.bannedAt),
      endsAt: isoOrNull(b.endsAt),
      endsBeyondRange: b.endsBeyondRange,
    })),
  };
}

export function presentStats(stats: Stats) {
  return {
    series: stats.series.map((s) => ({
      jail: s.jail,
      points: s.points.map((p) => ({ t: isoOrNull(p.t), bans: p.bans, unbans: p.unbans })),
    })),
    topAddresses: stats.topAddresses,
    topJails: stats.topJails,
  };
}
