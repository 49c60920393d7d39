/**
 * BanGUI's domain events: what fail2ban was seen doing, and every action taken
 * through BanGUI. Times are UTC epochs in milliseconds. Read models are
 * projections of these events and can be rebuilt from the log at any time.
 */

/** Where an observation came from; the same ban seen by several channels is one event. */
export type ObservationSource = 'poll' | 'backfill' | 'push';

export interface BanObservedData {
  jail: string;
  /** the ID exactly as fail2ban reported it (not always an IP address) */
  id: string;
  /** time of ban as fail2ban records it (its `timeofban`, whole seconds, as ms epoch) */
  bannedAt: number;
  /** fail2ban's effective ban time in seconds; -1 = permanent */
  bantimeSeconds: number;
  /**
   * When the ban ends (ms epoch), null when permanent. Escalating ban times can put
   * the end beyond what a JavaScript Date holds: then `endsAt` is null and
   * `endsBeyondRange` is true. Never compute it without a range check.
   */
  endsAt: number | null;
  endsBeyondRange?: boolean;
  source: ObservationSource;
  /** fail2ban's failure count / matched lines when known (backfill, push) */
  failures?: number;
  matches?: string[];
}

export type BanEndReason = 'expired' | 'lifted-by-fail2ban' | 'lifted-through-bangui';

export interface BanEndedData {
  jail: string;
  id: string;
  /** the bannedAt of the ban that ended (part of its key) */
  bannedAt: number;
  endedAt: number;
  /**
   * True when the end was found only after a gap (BanGUI or fail2ban's socket was
   * unreachable): `endedAt` is then the last time the ban was still seen, the
   * earliest it can have ended, not the moment it ended.
   */
  endedAtApproximate?: boolean;
  reason: BanEndReason;
  /** who lifted it, for 'lifted-through-bangui' */
  actor?: string;
  source: ObservationSource;
}

/** Who did something through BanGUI, from where, and how it went. */
export interface ActionContext {
  /** user name, or null for an anonymous attempt (failed login with unknown user) */
  actor: string | null;
  clientAddress: string;
  outcome: 'succeeded' | 'failed' | 'refused';
  /** a short reason when the outcome is not 'succeeded' */
  reason?: string;
  at: number;
}

export interface BanRequestedData extends ActionContext {
  jail: string;
  ids: string[];
  /** how many fail2ban newly banned */
  changed?: number;
}
export interface UnbanRequestedData extends ActionContext {
  jail: string;
  ids: string[];
  changed?: number;
}
export interface JailControlRequestedData extends ActionContext {
  jail: string;
  action: 'start' | 'stop' | 'reload' | 'restart';
}
export interface JailSettingChangedData extends ActionContext {
  jail: string;
  setting: string;
  from?: unknown;
  to: unknown;
}
export interface LoginData extends ActionContext {
  /** the user name that was tried (also for unknown users) */
  username: string;
}
export type LogoutData = ActionContext;

/** A change to a user account (or to one's own sessions) asked for through BanGUI. */
export interface UserChangeRequestedData extends ActionContext {
  /** the account changed */
  target: string;
  change:
    | 'create'
    | 'role'
    | 'disable'
    | 'enable'
    | 'password'
    | 'revoke-session'
    | 'revoke-sessions';
  role?: string;
  /** sessions ended by the change */
  revokedSessions?: number;
}

/** An API token created or revoked through BanGUI (never its secret). */
export interface TokenChangeRequestedData extends ActionContext {
  change: 'create' | 'revoke';
  tokenId?: string;
  name?: string;
  role?: string;
}

export interface DomainEventMap {
  BanObserved: BanObservedData;
  BanEnded: BanEndedData;
  BanRequested: BanRequestedData;
  UnbanRequested: UnbanRequestedData;
  JailControlRequested: JailControlRequestedData;
  JailSettingChanged: JailSettingChangedData;
  LoginSucceeded: LoginData;
  LoginFailed: LoginData;
  LoggedOut: LogoutData;
  UserChangeRequested: UserChangeRequestedData;
  TokenChangeRequested: TokenChangeRequestedData;
}

export type DomainEventType = keyof DomainEventMap;
export type DomainEvent = {
  [K in DomainEventType]: { type: K; data: DomainEventMap[K] };
}[DomainEventType];

export const ADMIN_ACTION_TYPES = [
  'BanRequested',
  'UnbanRequested',
  'JailControlRequested',
  'JailSettingChanged',
  'LoginSucceeded',
  'LoginFailed',
  'LoggedOut',
  'UserChangeRequested',
  'TokenChangeRequested',
] as const satisfies readonly DomainEventType[];
