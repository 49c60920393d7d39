/** The server's minimum (NIST SP 800-63B: length, no composition rules). */
export const minPasswordLength = 12;

/**
 * What is wrong with a new password before it is sent, or null. The server checks the
 * same rules; checking here too names the problem without a round trip. Length counts
 * UTF-16 units, as the server does.
 */
export function newPasswordProblem(current: string, next: string, repeat: string): string | null {
  if (next.length < minPasswordLength) {
    return `The new password needs at least ${minPasswordLength} characters; it has ${next.length}.`;
  }
  if (next !== repeat) return 'The two new passwords are not the same.';
  if (next === current) return 'The new password must differ from the current one.';
  return null;
}
