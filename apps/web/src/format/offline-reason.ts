// The server words every "cannot reach fail2ban" error as "fail2ban is unreachable: <why>".
const serverPrefix = /^fail2ban is unreachable:\s*/i;

/**
 * The server's reason without its "fail2ban is unreachable:" lead-in, which would repeat
 * the banner's heading: "Its control socket … does not exist. …".
 */
export function offlineReason(message: string): string {
  const why = message.replace(serverPrefix, '');
  return why.charAt(0).toUpperCase() + why.slice(1);
}
