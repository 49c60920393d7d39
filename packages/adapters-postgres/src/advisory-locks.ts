/**
 * Keys for transaction-scoped advisory locks (pg_advisory_xact_lock(class, id)).
 * The two-key form keeps BanGUI's locks apart from any other application's
 * locks in the same database: the class is 'BGUI' in ASCII. Transaction-scoped
 * locks are released at commit or rollback, so a pooled connection can never
 * leak one (session-level advisory locks would).
 */
export const LOCK_CLASS = 0x42475549;

/** held while migrations are checked and applied: N workers starting together migrate once */
export const MIGRATION_LOCK = 1;

/** held by every event append until it commits: positions become visible in commit order */
export const EVENT_APPEND_LOCK = 2;
