/**
 * The jails defined in infra/fail2ban/jail.conf. Kept in one place so the
 * sandbox, the traffic generator and the tests agree; a test checks that the
 * running server reports exactly these.
 */
export const SANDBOX_JAILS = ['sshd', 'web.login', 'nginx-auth'] as const;

export type SandboxJail = (typeof SANDBOX_JAILS)[number];

export function isSandboxJail(name: string): name is SandboxJail {
  return (SANDBOX_JAILS as readonly string[]).includes(name);
}
