/** Shapes of the BanGUI JSON API, as the browser sees them. */

export interface User {
  name: string;
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
