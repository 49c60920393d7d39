/**
 * What to say when fail2ban's socket refuses us (EACCES/EPERM). The only
 * right fix is to run BanGUI as the socket's owner: whoever can write to the
 * socket can make fail2ban run commands as root, so letting another user in
 * would hand that user root. The advice therefore never suggests touching the
 * socket itself.
 */
export function permissionDeniedAdvice(socketPath: string, ownerUid: number | undefined): string {
  const owner =
    ownerUid === undefined ? "the socket's owner" : `the socket's owner (uid ${ownerUid})`;
  return (
    `BanGUI must run as root or as ${owner} to use ${socketPath}: run the service as that user ` +
    '(systemd: User=, Docker: user: "0"). Access to this socket is root access, so keep it ' +
    'exactly as fail2ban created it.'
  );
}
