/**
 * One CSV cell (RFC 4180 quoting) that a spreadsheet will not run as a formula:
 * text starting with = + - @, also after leading whitespace (spreadsheets trim
 * spaces, tabs and carriage returns before looking), gets a leading apostrophe,
 * per OWASP's CSV injection advice.
 * Numbers are written as they are, so negative numbers stay numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = /^[\t\r]|^\s*[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV line with CRLF, as RFC 4180 specifies. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
