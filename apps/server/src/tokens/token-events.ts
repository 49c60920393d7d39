import type { RecordedEvent } from '@bangui/core';
import { isRole, type Role } from '../auth/roles.ts';

/** Each API token has its own stream, `token-<id>`; revocation ends it for good. */
export const TOKEN_STREAM_PREFIX = 'token-';

export function tokenStream(id: string): string {
  return `${TOKEN_STREAM_PREFIX}${id}`;
}

export interface TokenCreated {
  id: string;
  name: string;
  /** the user who created it; the token never acts above this user's current role */
  owner: string;
  role: Role;
  /** SHA-256 hex of the secret */
  secretHash: string;
  /** ms epoch, null = does not expire */
  expiresAt: number | null;
}
export interface TokenRevoked {
  id: string;
  by: string;
}

export interface TokenState extends TokenCreated {
  createdAt: number;
  revoked: boolean;
}

export function evolveToken(
  state: TokenState | undefined,
  event: RecordedEvent,
): TokenState | undefined {
  const d = event.data as Partial<TokenCreated> | null;
  if (!d || typeof d.id !== 'string') return state;
  if (event.type === 'TokenCreated') {
    if (state || typeof d.owner !== 'string' || typeof d.secretHash !== 'string') return state;
    if (!isRole(d.role) || typeof d.name !== 'string') return state;
    const expiresAt = typeof d.expiresAt === 'number' ? d.expiresAt : null;
    return { ...(d as TokenCreated), expiresAt, createdAt: event.recordedAt, revoked: false };
  }
  if (event.type === 'TokenRevoked' && state) return { ...state, revoked: true };
  return state;
}

export function foldToken(events: readonly RecordedEvent[]): TokenState | undefined {
  return events.reduce<TokenState | undefined>(evolveToken, undefined);
}
