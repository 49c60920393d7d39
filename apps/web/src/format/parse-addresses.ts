/**
 * Splits what an admin typed or pasted into the ban form into addresses: separated by
 * commas, spaces or newlines, blanks dropped, duplicates removed (first occurrence wins).
 * Validation stays on the server, which knows exactly what fail2ban accepts.
 */
export function parseAddresses(input: string): string[] {
  return [...new Set(input.split(/[\s,;]+/).filter((item) => item !== ''))];
}
