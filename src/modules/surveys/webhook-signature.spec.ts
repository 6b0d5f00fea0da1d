import { describe, expect, it } from 'vitest';
import { signatureFor, signatureHeader, signatureProblem } from './webhook-signature.js';

const secret = 'a-shared-secret-of-at-least-32-chars!';
const body = Buffer.from('{"externalId":"x","answers":[]}');
const now = new Date('2026-11-30T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('survey webhook signatures', () => {
  it('accepts the HMAC of "<t>.<raw body>" made with the secret', () => {
    expect(signatureProblem(signatureHeader(secret, t, body), body, secret, now)).toBeNull();
  });

  it('accepts any one matching v1 among several (a secret being changed)', () => {
    const header = `t=${t},v1=${signatureFor('the-old-secret-the-old-secret-xx', t, body)},v1=${signatureFor(secret, t, body)}`;
    expect(signatureProblem(header, body, secret, now)).toBeNull();
  });

  it('refuses a missing or malformed header', () => {
    expect(signatureProblem(undefined, body, secret, now)).toMatch(/signed deliveries only/);
    expect(signatureProblem('v1=abc', body, secret, now)).toMatch(/must look like/);
    expect(signatureProblem(`t=${t}`, body, secret, now)).toMatch(/must look like/);
    expect(signatureProblem(`t=soon,v1=${signatureFor(secret, t, body)}`, body, secret, now)).toMatch(/must look like/);
  });

  it('refuses another secret, another body, another timestamp and non-hex', () => {
    expect(signatureProblem(signatureHeader('another-secret-another-secret-xx', t, body), body, secret, now)).toMatch(/does not match/);
    expect(signatureProblem(signatureHeader(secret, t, body), Buffer.from('{"externalId":"y","answers":[]}'), secret, now)).toMatch(/does not match/);
    expect(signatureProblem(`t=${t - 1},v1=${signatureFor(secret, t, body)}`, body, secret, now)).toMatch(/does not match/);
    expect(signatureProblem(`t=${t},v1=${'z'.repeat(64)}`, body, secret, now)).toMatch(/does not match/);
    expect(signatureProblem(`t=${t},v1=${signatureFor(secret, t, body).slice(2)}`, body, secret, now)).toMatch(/does not match/);
    expect(signatureProblem(signatureHeader(secret, t, body), undefined, secret, now)).toMatch(/does not match/);
  });

  it('allows five minutes of skew either way, and no more', () => {
    expect(signatureProblem(signatureHeader(secret, t - 300, body), body, secret, now)).toBeNull();
    expect(signatureProblem(signatureHeader(secret, t + 300, body), body, secret, now)).toBeNull();
    expect(signatureProblem(signatureHeader(secret, t - 301, body), body, secret, now)).toMatch(/301 s away from our clock/);
    expect(signatureProblem(signatureHeader(secret, t + 3600, body), body, secret, now)).toMatch(/3600 s away/);
  });
});
