import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Monday 30 November 2026, 10:00 in Utrecht. */
const START = new Date('2026-11-30T09:00:00Z');
const DAY = 86_400_000;

/** The customer's page as a phone browser gets it: no session, the language it asks for. */
async function page(t: TestApp, path: string, acceptLanguage = 'nl-NL,nl;q=0.9') {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { accept: 'text/html', 'accept-language': acceptLanguage }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), language: res.headers.get('content-language') };
}

async function post(t: TestApp, path: string, fields: Record<string, string>) {
  const res = await fetch(`${t.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { accept: 'text/html' }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** The <li> of one step of the vertical list. */
const step = (html: string, i: number) => [...html.matchAll(/<li class="[^"]*"[^>]*>\s*<span class="mark"[\s\S]*?<\/li>/g)][i]?.[0] ?? '';

describe("the customer's tracking page", () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let staff: Client;
  let dealers: Record<string, DemoDealer>;
  let path: string;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    dealers = await demoDealers(staff);
    // The sales-desk case: listened to, apologised to and given a full tank at the counter.
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, {
      department: 'sales',
      customer: { name: 'Sanne de Vries', email: 'sanne@example.nl', language: 'nl' },
      onTheSpot: { listened: true, apology: { by: 'Pieter', how: 'in-person' }, compensation: { kind: 'fuel', value: { amount: 45, currency: 'EUR' }, note: 'Tank filled' } },
    }));
    expect(res.status, res.text).toBe(201);
    path = new URL(res.body.trackingUrl).pathname;
  });
  afterAll(() => t?.close());

  it('shows the steps as a vertical list: ✓ for done, "now" for the current one, the compensation named and done', async () => {
    const { status, html } = await page(t, path);
    expect(status).toBe(200);
    expect(html).toContain('<ol class="steps track-steps">');
    expect(step(html, 0)).toMatch(/class="done"[\s\S]*✓[\s\S]*We hebben naar u geluisterd/);
    expect(step(html, 1)).toMatch(/class="done"[\s\S]*✓[\s\S]*We hebben onze excuses aangeboden/);
    expect(step(html, 2)).toMatch(/class=" current" aria-current="step"[\s\S]*We werken aan een oplossing <strong class="now">nu<\/strong>/);
    expect(step(html, 2)).not.toContain('✓');
    expect(step(html, 3)).toMatch(/class="done"[\s\S]*✓[\s\S]*We hebben het goedgemaakt[\s\S]*<span class="given">U hoeft de leenauto niet te tanken<\/span>/);
    expect(step(html, 4)).not.toMatch(/✓|aria-current/);
    // The history names it too, in Dutch; the staff's English note stays on the staff side.
    expect(html).not.toContain('Tank filled');
    expect(html).toMatch(/<p class="promise">U hoort uiterlijk \d{1,2} [a-z]+ om \d\d:\d\d van ons\.<\/p>/);
  });

  it("shows the dealer's phone (as a link to call) and address", async () => {
    const { html } = await page(t, path);
    expect(html).toContain('<a href="tel:+31302345678">+31 30 234 56 78</a>');
    expect(html).toContain('Autohuis Utrecht, Kanaalweg 8, 3526 KL Utrecht');
  });

  it('confirms a sent message back at the message list, newest first', async () => {
    const first = await post(t, `${path}/messages?lang=nl`, { body: 'Kunt u mij na 17:00 bellen?' });
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${path}?lang=nl&sent=message#messages`);
    clock.set(new Date(START.getTime() + 60_000));
    const second = await post(t, `${path}/messages?lang=nl`, { body: 'Of morgenochtend.' });
    const { html } = await page(t, second.location!.replace(/#.*$/, ''));
    expect(html).toMatch(/<section id="messages"[\s\S]*<p class="notice" role="status">Bedankt, uw bericht is verstuurd\. We reageren zo snel mogelijk\.<\/p>/);
    const newest = html.indexOf('Of morgenochtend.');
    expect(newest).toBeGreaterThan(html.indexOf('id="messages"'));
    expect(newest).toBeLessThan(html.indexOf('Kunt u mij na 17:00 bellen?'));
    // Without the flag (a reload later, or a link) there is no confirmation.
    expect((await page(t, path)).html).not.toContain('role="status"');
  });

  it('keeps the language switch short: each language by its own short name', async () => {
    const { html } = await page(t, path);
    const nav = /<nav class="langs"[\s\S]*?<\/nav>/.exec(html)![0];
    expect([...nav.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(['English', 'Norsk', 'Svenska', 'Nederlands']);
  });

  it('answers an unknown link in the language the browser asks for, with no way to the staff sign-in', async () => {
    const unknown = `/track/${'A'.repeat(43)}`;
    const dutch = await page(t, unknown, 'nl-BE,nl;q=0.9,en;q=0.5');
    expect(dutch.status).toBe(404);
    expect(dutch.language).toBe('nl');
    expect(dutch.html).toContain('<html lang="nl">');
    expect(dutch.html).toContain('Deze link werkt niet');
    expect(dutch.html).toContain('Neem contact op met uw dealer');
    expect(dutch.html).not.toMatch(/\/login|href="\/"/);
    const norwegian = await page(t, '/track/not-a-token', 'no,en;q=0.5');
    expect(norwegian.status).toBe(404);
    expect(norwegian.html).toContain('Lenken virker ikke');
    expect((await page(t, unknown, 'fr-FR')).html).toContain('This link does not work');
    // A form posted to it answers the same way.
    const posted = await fetch(`${t.baseUrl}${unknown}/messages`, { method: 'POST', body: new URLSearchParams({ body: 'Hallo' }), headers: { accept: 'text/html', 'accept-language': 'sv' }, redirect: 'manual' });
    expect(posted.status).toBe(404);
    expect(await posted.text()).toContain('Länken fungerar inte');
  });

  it('answers a link that lapsed after the case closed the same way', async () => {
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales' }));
    const ref = res.body.ref as string;
    const lapsing = new URL(res.body.trackingUrl).pathname;
    for (const [stage, body] of [
      ['listen', { contactedVia: 'phone' }],
      ['apologise', { by: 'Staff', how: 'phone' }],
      ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Staff' }],
      ['compensate', { noCompensation: { reason: 'Not wanted' } }],
      ['follow-up', { score: 4, via: 'phone' }],
      ['closed', { outcome: 'retained' }],
    ] as const) expect((await staff.post(`/api/tickets/${ref}/stages/${stage}`, body)).status).toBe(200);
    expect((await page(t, lapsing)).status).toBe(200);
    clock.set(new Date(START.getTime() + 120 * DAY));
    const lapsed = await page(t, lapsing, 'sv-SE,sv;q=0.9');
    expect(lapsed.status).toBe(404);
    expect(lapsed.html).toContain('<html lang="sv">');
    expect(lapsed.html).toContain('Vi hittar inget ärende för den här länken');
    expect(lapsed.html).not.toContain('/login');
  });
});
