import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed survey deliveries, pure. A survey with a signing secret takes a response only
 * with `X-Amends-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
 * made with the secret it shares with the provider; the timestamp must be within five
 * minutes of our clock, so a captured delivery cannot be replayed later. Several `v1`
 * entries may be sent (while a secret is being changed); one matching is enough.
 */
export const SIGNATURE_HEADER = 'X-Amends-Signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export function signatureFor(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value a provider sends, for tests and for the provider's documentation. */
export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${signatureFor(secret, timestamp, rawBody)}`;
}

/** Why a delivery's signature is refused, or null when it holds. */
export function signatureProblem(header: string | undefined, rawBody: Buffer | undefined, secret: string, now: Date): string | null {
  if (!header) return `This survey takes signed deliveries only: send ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">`;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const given = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v);
  if (!t || !/^\d{1,12}$/.test(t) || !given.length) return `${SIGNATURE_HEADER} must look like t=<unix seconds>,v1=<hex HMAC-SHA256>`;
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(t));
  if (skew > SIGNATURE_TOLERANCE_SECONDS) return `${SIGNATURE_HEADER} timestamp is ${skew} s away from our clock; at most ${SIGNATURE_TOLERANCE_SECONDS} s is accepted (sign each delivery when you send it)`;
  if (!rawBody) return `${SIGNATURE_HEADER} does not match the body`;
  const expected = Buffer.from(signatureFor(secret, Number(t), rawBody), 'hex');
  // Every candidate is compared in full and in constant time; only well-formed hex can match.
  let match = false;
  for (const v of given) {
    const wellFormed = /^[0-9a-f]{64}$/i.test(v);
    const candidate = wellFormed ? Buffer.from(v, 'hex') : Buffer.alloc(expected.length);
    if (timingSafeEqual(candidate, expected) && wellFormed) match = true;
  }
  return match ? null : `${SIGNATURE_HEADER} does not match the body (sign "<t>.<raw body>" with the survey's secret)`;
}
