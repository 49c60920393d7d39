export { type AppDeps, createApp, DEFAULT_LOGIN_LIMITS } from './app.ts';
export { ADMIN_USERNAME, type AdminAccount, loadAdminAccount } from './auth/admin-account.ts';
export { type Env, loadConfig, type ServerConfig } from './config.ts';
export { ConfigError } from './config-error.ts';
export type { BanEntry, Fail2banPort, JailCounts } from './fail2ban-port.ts';
export type { Logger } from './logger.ts';
export { selectAdapters } from './select-adapters.ts';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.ts';
