import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Text kept in the database that only the holder of a secret it never sees can read: a
 * new ticket's tracking link waiting in a session for its one display (sealed with the
 * session cookie's token), a kept answer under an Idempotency-Key (sealed with the key).
 * AES-256-GCM with a key derived from the secret and a purpose, so one secret cannot open
 * what was sealed for another use.
 */
export function seal(plain: string, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** The sealed text, or null when the secret or purpose is wrong or the text was altered. */
export function unseal(sealed: string, secret: string, purpose: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function keyFor(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`amends:${purpose}\0${secret}`, 'utf8').digest();
}
