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

export interface BanEntry {
  id: string;
  /** ms epoch */
  startedAt: number;
  bantimeSeconds: number;
  /** ms epoch, or null for a permanent ban */
  endsAt: number | null;
  permanent: boolean;
}

export interface Fail2banPort {
  ping(): Promise<unknown>;
  status(): Promise<{ jails: string[] }>;
  jailStatus(jail: string, flavor: 'short'): Promise<JailCounts>;
  /** Passed through to clients as-is; its shape belongs to the fail2ban package. */
  jailSettings(jail: string): Promise<object>;
  bans(jail: string): Promise<BanEntry[]>;
  ban(jail: string, ids: string[]): Promise<{ banned: number }>;
  unban(jail: string, ids: string[]): Promise<{ unbanned: number }>;
  bannedIn(ids: string[]): Promise<Map<string, string[]>>;
}
