/** Shapes of the BanGUI JSON API, as the browser sees them. */

/** Ordered: each role may do everything the one before it may. */
export type Role = 'viewer' | 'operator' | 'admin';

/** The signed-in user. */
export interface User {
  name: string;
  role: Role;
}

/** An account as an admin sees it on the users page. */
export interface Account {
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** One of the signed-in user's live sessions; `current` is the one this browser holds. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** An API token as listed: never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  owner: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to creating a token: the only time `token` (the secret) is ever sent. */
export interface CreatedToken {
  token: string;
  id: string;
  name: string;
  role: Role;
  expiresAt: string | null;
}

export interface JailCounts {
  currentlyFailed: number;
  totalFailed: number;
  currentlyBanned: number;
  totalBanned: number;
}

export interface JailSummary extends JailCounts {
  name: string;
}

export interface JailSettings {
  bantime: number;
  findtime: number;
  maxretry: number;
  ignoreip: string[];
  logpath: string[];
  actions: string[];
  [other: string]: unknown;
}

export interface JailDetail {
  name: string;
  status: JailCounts;
  settings: JailSettings;
}

export interface Ban {
  id: string;
  startedAt: string;
  endsAt: string | null;
  permanent: boolean;
  bantimeSeconds: number;
}

export interface BanPage {
  items: Ban[];
  total: number;
  offset: number;
  limit: number;
}

export interface BanResult {
  requested: number;
  banned: number;
  changed: boolean;
}

export interface UnbanResult {
  requested: number;
  unbanned: number;
  changed: boolean;
}

/** One row of the ban history: a ban, or the end of one. */
export interface HistoryItem {
  kind: 'ban' | 'unban';
  at: string | null;
  jail: string;
  id: string;
  bannedAt: string | null;
  bantimeSeconds: number | null;
  endsAt: string | null;
  endsBeyondRange: boolean;
  permanent: boolean;
  origin: 'poll' | 'backfill' | 'push';
  reason: string | null;
  actor: string | null;
  position: string;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type StatsRange = '24h' | '7d' | '30d';

export interface StatsPoint {
  t: string;
  bans: number;
  unbans: number;
}

export interface Stats {
  series: { jail: string; points: StatsPoint[] }[];
  topAddresses: { id: string; address: string; bans: number }[];
  topJails: { jail: string; bans: number }[];
  from: string;
  to: string;
  bucket: 'hour' | 'day';
}

export interface AuditItem {
  position: string;
  type: string;
  at: string | null;
  actor: string | null;
  clientAddress: string;
  outcome: 'succeeded' | 'failed' | 'refused';
  reason: string | null;
  details: Record<string, unknown>;
}

export interface CurrentBan {
  jail: string;
  bannedAt: string | null;
  endsAt: string | null;
  endsBeyondRange: boolean;
}

export interface AddressReport {
  ip: string;
  bannedIn: string[];
  dossier: {
    address: string;
    timesBanned: number;
    /** bans per jail over the address's whole history */
    jails: { jail: string; bans: number }[];
    firstSeen: string | null;
    lastSeen: string | null;
    currentlyBannedIn: CurrentBan[];
  } | null;
  history: HistoryItem[];
}
