import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Friday 20 November 2026, 16:35 in Utrecht (CET, UTC+1). */
const FRIDAY_1635 = new Date('2026-11-20T15:35:00Z');

describe("staff mails in each recipient's language", () => {
  const clock = new FixedClock(FRIDAY_1635);
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  const ids: Record<string, string> = {};

  const newUser = async (email: string, extra: Record<string, unknown>) => {
    const res = await admin.post('/api/users', { name: email.split('@')[0], email, password: 'demo-password-long', ...extra });
    expect(res.status, res.text).toBe(201);
    ids[email] = res.body.id;
    return res.body;
  };
  const languageOf = async (email: string) => (await admin.get('/api/users')).body.find((u: any) => u.email === email).language;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("gives a new user their dealer's language, English without a dealer, and takes a chosen one in either case", async () => {
    expect((await newUser('anouk@demo.test', { role: 'department-manager', dealerId: dealers.nl.id, department: 'service' })).language).toBe('nl');
    expect((await newUser('sara@demo.test', { role: 'department-manager', dealerId: dealers.nl.id, department: 'service' })).language).toBe('nl');
    expect((await newUser('ian@demo.test', { role: 'quality-manager', dealerId: null })).language).toBe('en');
    expect((await newUser('nils@demo.test', { role: 'receptionist', dealerId: dealers.nl.id, language: 'NB' })).language).toBe('nb');

    const patched = await admin.patch(`/api/users/${ids['sara@demo.test']}`, { language: 'SV' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.language).toBe('sv');
    const bad = await admin.patch(`/api/users/${ids['sara@demo.test']}`, { language: 'de' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('language must be one of en, nb, sv, nl');
    expect(await languageOf('sara@demo.test')).toBe('sv');
  });

  it('lets staff choose their own mail language on /account, and admins on the admin page', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'nils@demo.test', 'demo-password-long');
    expect((await page.get('/account')).html).toMatch(/<option value="nb" selected>/);
    const done = await page.post('/account/language', { language: 'EN' }, '/account');
    expect(done.status).toBe(303);
    expect(done.location).toBe('/account?done=language');
    expect(await languageOf('nils@demo.test')).toBe('en');
    const refused = await page.post('/account/language', { language: 'klingon' }, '/account');
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/aria-invalid="true"[^>]*aria-describedby="[^"]*language/);
    expect(await languageOf('nils@demo.test')).toBe('en');

    const adminPage = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    const saved = await adminPage.post(`/admin/users/${ids['nils@demo.test']}`, { name: 'nils', role: 'receptionist', dealerId: dealers.nl.id, department: '', language: 'nl' }, '/admin');
    expect(saved.status, saved.html.slice(0, 500)).toBe(303);
    expect(await languageOf('nils@demo.test')).toBe('nl');
  });

  it('writes the escalation to each service manager in their own language, the deadline written out in the dealer zone', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'service', severity: 'high', receivedAt: '2026-11-20T16:30:00+01:00' }));
    expect(res.status, res.text).toBe(201);
    const ref = res.body.ref as string;
    // Saturday 12:31 in Utrecht: the listen deadline (12:30) has passed.
    clock.set(new Date('2026-11-21T11:31:00Z'));
    expect((await admin.post('/api/sla/sweep')).status).toBe(200);
    await t.app.get(OutboxWorker).deliverDue();

    const escalation = (to: string) => smtp.mails.filter((m) => m.to.includes(to) && m.subject.includes(ref) && /Escalatie|Eskalering|Escalation/.test(m.subject));
    const [dutch] = escalation('anouk@demo.test');
    expect(dutch.subject).toBe(`[Amends] Escalatie niveau 1: ${ref} heeft de termijn voor het luisteren naar de klant overschreden`);
    expect(dutch.text).toContain('(werkplaats, ernst hoog)');
    expect(dutch.text).toContain('die liep af op zaterdag 21 november 2026, 12:30');
    const [swedish] = escalation('sara@demo.test');
    expect(swedish.subject).toBe(`[Amends] Eskalering nivå 1: ${ref} har passerat tidsgränsen för att lyssna på kunden`);
    expect(swedish.text).toContain('som var lördag 21 november 2026 kl. 12:30');
    for (const mail of [dutch, swedish]) expect(mail.text).not.toMatch(/\b(Ticket|Hello|deadline|severity|Saturday)\b/);
  });

  it('writes a manual escalation in the reader language too', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'service' }));
    const manager = await Client.login(t.baseUrl, 'anouk@demo.test', 'demo-password-long');
    const escalated = await manager.post(`/api/tickets/${res.body.ref}/escalate`, { reason: 'Klant dreigt de auto terug te brengen' });
    expect(escalated.status, escalated.text).toBe(200);
    await t.app.get(OutboxWorker).deliverDue();
    const mail = (to: string) => smtp.mails.find((m) => m.to.includes(to) && m.subject.includes(res.body.ref))!;
    expect(mail('anouk@demo.test').subject).toBe(`[Amends] anouk heeft ${res.body.ref} naar u geëscaleerd (niveau 1)`);
    expect(mail('sara@demo.test').subject).toBe(`[Amends] anouk har eskalerat ${res.body.ref} till dig (nivå 1)`);
    expect(mail('sara@demo.test').text).toContain('Klant dreigt de auto terug te brengen');
  });
});

describe('ISO codes typed in either case', () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const calendar = { weekly: { mon: [['09:00', '17:00']] }, holidays: [] };

  it('accepts SE, eur and NL for a dealer and stores se, EUR and nl', async () => {
    const res = await admin.post('/api/dealers', { name: 'Bil Malmö', country: 'SE', timeZone: 'Europe/Stockholm', language: 'NL', currency: 'eur', calendar, phone: ' +46 40 123 45 ', address: 'Hamngatan 1, Malmö' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ country: 'se', language: 'nl', currency: 'EUR', phone: '+46 40 123 45', address: 'Hamngatan 1, Malmö' });
    const rows = await t.dataSource.query(t.dataSource.options.type === 'postgres' ? 'SELECT country, language, currency FROM dealers WHERE id = $1' : 'SELECT country, language, currency FROM dealers WHERE id = ?', [res.body.id]);
    expect(rows[0]).toEqual({ country: 'se', language: 'nl', currency: 'EUR' });

    const patched = await admin.patch(`/api/dealers/${res.body.id}`, { country: 'No', currency: 'nok', phone: '' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ country: 'no', currency: 'NOK', phone: null });
    const bad = await admin.post('/api/dealers', { name: 'Bad', country: 'SWE', timeZone: 'Europe/Stockholm', language: 'DE', currency: 'EURO', calendar });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^country/), expect.stringMatching(/^language/), expect.stringMatching(/^currency/)]));
  });

  it('takes a customer language NL and a compensation in eur at intake', async () => {
    const dealers = await demoDealers(admin);
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, {
      customer: { name: 'Codes Klant', email: 'codes@example.nl', language: 'NL' },
      onTheSpot: { listened: true, compensation: { kind: 'fuel', value: { amount: 20, currency: 'eur' } } },
    }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.compensations[0].value).toEqual({ amount: 20, currency: 'EUR' });
    expect(res.body.customer.language).toBe('nl');
  });

  it('accepts an upper-case country on the admin page form', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    const res = await page.post('/admin/dealers', { name: 'Auto Gent', country: 'BE', timeZone: 'Europe/Brussels', language: 'nl', currency: 'eur', calendar: JSON.stringify(calendar) }, '/admin');
    expect(res.status, res.html.slice(0, 300)).toBe(303);
    const made = (await admin.get('/api/dealers')).body.find((d: any) => d.name === 'Auto Gent');
    expect(made).toMatchObject({ country: 'be', currency: 'EUR' });
  });
});
