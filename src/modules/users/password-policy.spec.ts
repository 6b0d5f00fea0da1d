import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.js';
import { passwordProblems } from './password-policy.js';

describe('the password policy', () => {
  it('wants twelve characters at least, counted as characters rather than bytes', () => {
    expect(passwordProblems('short-pass1')).toEqual(['newPassword must be at least 12 characters']);
    expect(passwordProblems('ærlig-æble-ø')).toEqual([]);
    expect(passwordProblems('a'.repeat(201), 'password')).toEqual(['password must be at most 200 characters']);
  });

  it('refuses a common password whatever its case, naming the field', () => {
    expect(passwordProblems('Password1234')).toEqual(['newPassword is one of the most common passwords; choose another']);
    expect(passwordProblems('QWERTYUIOP123', 'password')[0]).toMatch(/^password is one of the most common/);
    expect(isCommonPassword(' iloveyou1234 ')).toBe(true);
    expect(passwordProblems('plum-kettle-harbour')).toEqual([]);
  });

  it('ships a list of a few hundred, all lower case and without repeats', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(250);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    expect(COMMON_PASSWORDS.filter((p) => p !== p.toLowerCase())).toEqual([]);
  });
});
