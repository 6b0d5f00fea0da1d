import { isCommonPassword } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** What is wrong with a new password, as messages naming `field`; empty when it will do. */
export function passwordProblems(password: string, field = 'newPassword'): string[] {
  if ([...password].length < PASSWORD_MIN_LENGTH) return [`${field} must be at least ${PASSWORD_MIN_LENGTH} characters`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`${field} must be at most ${PASSWORD_MAX_LENGTH} characters`];
  if (isCommonPassword(password)) return [`${field} is one of the most common passwords; choose another`];
  return [];
}
