import type { SessionRecord } from '@bangui/core';
import type { Principal } from '../auth/principal.ts';

/** Hono context typing shared by the app and its sub-apps. */
export interface AppEnv {
  Variables: {
    /** Set by authenticate on every /api request signed in with a session cookie. */
    session: SessionRecord;
    /** Set by authenticate on every authenticated /api request (session or API token). */
    principal: Principal;
  };
}
