import type { SessionRecord } from '@bangui/core';

/** Hono context typing shared by the app and its sub-apps. */
export interface AppEnv {
  Variables: {
    /** Set by requireSession on every authenticated /api request. */
    session: SessionRecord;
  };
}
