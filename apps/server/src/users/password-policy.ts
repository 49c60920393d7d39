import * as v from 'valibot';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Length is what makes a password hard to guess (NIST SP 800-63B): at least 12
 * characters, no composition rules; the upper bound only keeps argon2's input sane.
 */
export const newPasswordSchema = v.pipe(
  v.string('the password must be a string'),
  v.minLength(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`),
  v.maxLength(1024, 'a password is at most 1024 characters'),
);
