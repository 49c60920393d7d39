/** The one-time notice for a generated admin password, framed so it stands out in logs. */
export function passwordBox(username: string, password: string, file: string): string {
  const lines = [
    'BanGUI generated an admin password (shown only this once):',
    '',
    `  username: ${username}`,
    `  password: ${password}`,
    '',
    `Only its hash is stored, in ${file}.`,
    'Set BANGUI_ADMIN_PASSWORD or BANGUI_ADMIN_PASSWORD_FILE to choose your own.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return [border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border].join('\n');
}
