import argon2 from 'argon2';

/** argon2id with the library's recommended parameters (the string carries them). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verifying against this when the e-mail is unknown keeps both answers equally slow.
let dummy: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword('not-a-real-password');
  const target = hash ?? (await dummy);
  try {
    const ok = await argon2.verify(target, password);
    return ok && hash !== undefined;
  } catch {
    return false;
  }
}
