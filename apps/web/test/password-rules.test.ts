import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from '../src/settings/password-rules.ts';

describe('newPasswordProblem', () => {
  it('names a password under 12 characters and its length', () => {
    expect(newPasswordProblem('old-password-1', 'short-pw', 'short-pw')).toBe(
      'The new password needs at least 12 characters; it has 8.',
    );
  });

  it('refuses two different new passwords', () => {
    expect(newPasswordProblem('old', 'correct horse battery', 'correct horse batery')).toBe(
      'The two new passwords are not the same.',
    );
  });

  it('refuses the current password again', () => {
    expect(newPasswordProblem('same-password-1', 'same-password-1', 'same-password-1')).toBe(
      'The new password must differ from the current one.',
    );
  });

  it('accepts a long, repeated, new password', () => {
    expect(newPasswordProblem('old', 'correct horse battery', 'correct horse battery')).toBeNull();
  });
});
