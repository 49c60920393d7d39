import type { BanEntry, JailSettings } from '@bangui/fail2ban';

export type { BanEntry, JailSettings };

/**
 * The part of `@bangui/fail2ban`'s client this app uses. Routes depend on this
 * narrow shape so unit tests can inject a fake; production and integration
 * tests pass the real client, which satisfies it structurally.
 */
export interface JailCounts {
  currentlyFailed: number;
  totalFailed: number;
  currentlyBanned: number;
  totalBanned: number;
}

export interface Fail2banPort {
  ping(): Promise<unknown>;
  status(): Promise<{ jails: string[] }>;
  jailStatus(jail: string, flavor: 'short'): Promise<JailCounts>;
  jailSettings(jail: string): Promise<JailSettings>;
  bans(jail: string): Promise<BanEntry[]>;
  ban(jail: string, ids: string[]): Promise<{ banned: number }>;
  unban(jail: string, ids: string[]): Promise<{ unbanned: number }>;
  bannedIn(ids: string[]): Promise<Map<string, string[]>>;
}
