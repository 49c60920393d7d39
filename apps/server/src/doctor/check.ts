/** One line of `bangui doctor`: what was checked, how it went, and what to do about it. */
export interface CheckResult {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** what the operator should do; present for warn and fail */
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'warn',
  detail,
  fix,
});
export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  fix,
});

/** The report as printed: one line per check, the fix indented under it. */
export function formatReport(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.flatMap((r) => [
    `${r.status.toUpperCase().padEnd(4)}  ${r.name.padEnd(width)}  ${r.detail}`,
    ...(r.fix ? [`      ${' '.repeat(width)}  fix: ${r.fix}`] : []),
  ]);
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  lines.push(
    failed > 0
      ? `\n${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}: BanGUI will not work until they are fixed.`
      : `\nBanGUI is ready${warned ? ` (${warned} warning(s))` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
