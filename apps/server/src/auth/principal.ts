import type { Role } from './roles.ts';

/** Who is making an API request, however they proved it. */
export interface Principal {
  /** the user name (for a token: its owner), recorded as the audit actor */
  name: string;
  role: Role;
  via: 'session' | 'token';
  /** the session id or the token id */
  credentialId: string;
  /** still valid? (long-lived requests such as the event stream ask again) */
  alive(): Promise<boolean>;
}
