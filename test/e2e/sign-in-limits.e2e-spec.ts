import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { loginForm } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A sign-in through the API, from the address `from` when a proxy is believed. */
async function signIn(t: TestApp, email: string, password: string, from?: string): Promise<{ status: number; retryAfter: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (from) headers['x-forwarded-for'] = from;
  const res = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ email, password }) });
  await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

let sprayed = 0;
const randomEmail = () => `spray-${++sprayed}@nowhere.test`;

describe('sign-in budget per client address, without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_ADDRESS_RATE_LIMIT: '5', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t?.close());

  it('limits random e-mails from one address, and then even a right password, by API and form alike; X-Forwarded-For changes nothing', async () => {
    // Each e-mail is new, so the per-address-and-e-mail budget never fills: only the per-address one can stop this.
    for (let i = 0; i < 5; i++) expect((await signIn(t, randomEmail(), 'guess-guess', `10.9.0.${i}`)).status).toBe(401);
    const blocked = await signIn(t, 'admin@demo.test', 'demo-password', '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    const form = await loginForm(t.baseUrl);
    const page = await fetch(`${t.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: form.cookie, accept: 'text/html', 'x-forwarded-for': '10.9.9.8' },
      body: new URLSearchParams({ _csrf: form.csrf, email: 'quality@demo.test', password: 'demo-password' }),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('set-cookie') ?? '').not.toContain('amends_session=');
  });
});

describe('sign-in behind a trusted proxy: budgets per address, a growing delay per account, a cap on hashing', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp(
      { TRUST_PROXY: '1', LOGIN_ADDRESS_RATE_LIMIT: '5', LOGIN_ACCOUNT_FREE_FAILURES: '3', LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '60', LOGIN_MAX_CONCURRENT_HASHES: '1' },
      { clock },
    );
  });
  afterAll(() => t?.close());

  it('honours X-Forwarded-For: each client address has its own budget', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(t, randomEmail(), 'guess-guess', '10.1.0.1')).status).toBe(401);
    expect((await signIn(t, randomEmail(), 'guess-guess', '10.1.0.1')).status).toBe(429);
    // Another client behind the same proxy is not locked out by it.
    expect((await signIn(t, 'reception.nl@demo.test', 'demo-password', '10.1.0.2')).status).toBe(200);
  });

  it('slows one account tried from many addresses with a doubling delay, never a lockout', async () => {
    const email = 'sales.manager.se@demo.test';
    let address = 0;
    const from = () => `10.2.0.${++address}`;
    for (let i = 0; i < 3; i++) expect((await signIn(t, email, `guess-${i}`, from())).status).toBe(401);
    const waits: string[] = [];
    for (let round = 0; round < 3; round++) {
      // Even the right password waits, and from a fresh address: the count is the account's.
      const early = await signIn(t, email, 'demo-password', from());
      expect(early.status).toBe(429);
      waits.push(early.retryAfter!);
      clock.advance(Number(early.retryAfter) * 1000);
      expect((await signIn(t, email, `guess-again-${round}`, from())).status).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4']);
    // The form answers the same.
    const form = await loginForm(t.baseUrl);
    const page = await fetch(`${t.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: form.cookie, accept: 'text/html', 'x-forwarded-for': from() },
      body: new URLSearchParams({ _csrf: form.csrf, email, password: 'demo-password' }),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('8');
    // An unknown e-mail is slowed the same way, so the delay does not tell which accounts exist.
    for (let i = 0; i < 3; i++) expect((await signIn(t, 'ghost@demo.test', `guess-${i}`, from())).status).toBe(401);
    expect(await signIn(t, 'ghost@demo.test', 'guess', from())).toEqual({ status: 429, retryAfter: '1' });
    // Once the wait is over the owner gets in, and that clears the count.
    clock.advance(8000);
    expect((await signIn(t, email, 'demo-password', from())).status).toBe(200);
    expect((await signIn(t, email, 'guess-after', from())).status).toBe(401);
    expect((await signIn(t, email, 'demo-password', from())).status).toBe(200);
  });

  it('refuses password checks beyond the cap with 503 and Retry-After, and frees the slot afterwards', async () => {
    const emails = ['admin@demo.test', 'quality@demo.test', 'principal@demo.test', 'reception.no@demo.test', 'reception.se@demo.test', 'sales.manager.no@demo.test'];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(t, emails[i % emails.length], 'demo-password', `10.3.0.${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 503), statuses.join()).toBe(true);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    for (const a of answers.filter((x) => x.status === 503)) expect(a.retryAfter).toBe('1');
    expect((await signIn(t, 'admin@demo.test', 'demo-password', '10.3.1.1')).status).toBe(200);
  });
});
