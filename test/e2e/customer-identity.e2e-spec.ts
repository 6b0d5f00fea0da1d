import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';

/**
 * Issue 14 §1: a customer is recognised by e-mail (or by phone when neither has one), never
 * by a vehicle or a shared phone. Each case logs a first customer's ticket, then a newcomer
 * who shares the car or the phone, through intake, the survey webhook and the CSV import,
 * and proves the first customer's case, link and mails are still theirs alone.
 */
const FRIDAY = new Date('2026-11-20T10:00:00Z');
const QUESTION = { id: 'service', text: 'How was the service', area: 'workshop-service', weight: 1, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'workmanship' };

let vinSeq = 0;
/** A fresh, valid VIN (17 characters, no I, O or Q). */
const newVin = () => `WVWZZZ1KZAW${String(++vinSeq).padStart(6, '0')}`;

describe('customer identity: no case reaches a stranger by a shared car or phone', () => {
  const clock = new FixedClock(FRIDAY);
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dealers: Record<string, DemoDealer>;
  let staff: Client;
  let admin: Client;
  let surveyId: string;

  const deliver = () => t.app.get(OutboxWorker).deliverDue(500);
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const linkIn = (text: string) => /http:\/\/127\.0\.0\.1:\d+\/track\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const tokenOf = (url: string) => url.split('/').pop()!;
  const track = (token: string) => Client.anonymous(t.baseUrl).get(`/api/track/${token}`);

  interface Case {
    ref: string;
    token: string;
    customer: { id: string; name: string; email: string | null };
  }

  /** The first customer's ticket, its receipt delivered. */
  async function firstCase(customer: Record<string, unknown>, vehicle?: Record<string, unknown>): Promise<Case> {
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { language: 'en', ...customer }, ...(vehicle ? { vehicle } : {}) }));
    expect(res.status, res.text).toBe(201);
    await deliver();
    return { ref: res.body.ref, token: tokenOf(res.body.trackingUrl), customer: { id: res.body.customer.id, name: res.body.customer.name, email: res.body.customer.email } };
  }

  /**
   * The first case is untouched by the newcomer's: still the first customer's (name, address),
   * its link opens it and only it, its messages are not on the newcomer's case, and a mail
   * about it goes to the first address, with a link that opens the first case.
   */
  async function expectFirstUntouched(first: Case, newcomer: { ref: string; email: string; token?: string }) {
    const a = (await staff.get(`/api/tickets/${first.ref}`)).body;
    const b = (await staff.get(`/api/tickets/${newcomer.ref}`)).body;
    expect(a.customer).toMatchObject({ id: first.customer.id, name: first.customer.name, email: first.customer.email });
    expect(b.customer.id).not.toBe(first.customer.id);
    expect(b.customer.email).toBe(newcomer.email);

    const secret = `For ${first.ref} only: your car is ready`;
    expect((await staff.post(`/api/tickets/${first.ref}/messages`, { body: secret, visibility: 'customer' })).status).toBe(201);
    await deliver();
    const [mail] = mailsTo(first.customer.email!).filter((m) => m.text.includes(secret));
    expect(mail, 'the message about the first case reaches the first customer').toBeDefined();
    expect(mail.subject).toContain(first.ref);
    const mailed = await track(linkIn(mail.text)!);
    expect(mailed.body.ref).toBe(first.ref);
    // Nothing about the first case ever reached the newcomer.
    expect(mailsTo(newcomer.email).filter((m) => m.subject.includes(first.ref) || m.text.includes(secret))).toEqual([]);
    for (const m of mailsTo(newcomer.email)) expect((await track(linkIn(m.text)!)).body.ref).toBe(newcomer.ref);

    const opened = await track(first.token);
    expect(opened.status).toBe(200);
    expect(opened.body.ref).toBe(first.ref);
    expect(opened.body.messages.map((x: { body: string }) => x.body)).toContain(secret);
    expect(opened.text).not.toContain(newcomer.ref);
    if (newcomer.token) {
      const theirs = await track(newcomer.token);
      expect(theirs.body.ref).toBe(newcomer.ref);
      expect(theirs.text).not.toContain(secret);
      expect(theirs.text).not.toContain(first.ref);
    }
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
    const survey = await admin.post('/api/surveys', { name: 'Workshop 2026', kind: 'after-sales', questions: [QUESTION] });
    expect(survey.status, survey.text).toBe(201);
    surveyId = survey.body.id;
    await deliver(); // the demo's own receipts
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a used car: a second ticket for the same VIN with a new owner is a new customer with a vehicle of their own; staff see the hint', async () => {
    const vin = newVin();
    const first = await firstCase({ name: 'Old Owner', email: 'old.owner@example.nl', phone: '+31 6 1111 0001' }, { vin, model: 'Golf' });
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'New Owner', email: 'new.owner@example.nl', language: 'en' }, vehicle: { vin: vin.toLowerCase(), model: 'Golf' } }));
    expect(res.status, res.text).toBe(201);
    const second = res.body;
    expect(second.customer).toMatchObject({ name: 'New Owner', email: 'new.owner@example.nl', phone: null });
    expect(second.vehicle.vin).toBe(vin);
    const a = (await staff.get(`/api/tickets/${first.ref}`)).body;
    expect(second.vehicle.id).not.toBe(a.vehicle.id);
    // The hint, both ways, for staff only.
    expect(second.relatedByVehicle).toEqual([{ ref: first.ref }]);
    expect(a.relatedByVehicle).toEqual([{ ref: second.ref }]);
    const page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const html = (await page.get(`/tickets/${second.ref}`)).html;
    expect(html).toContain('Zelfde voertuig als');
    expect(html).toContain(`href="/tickets/${first.ref}"`);
    const trackingPage = await fetch(`${t.baseUrl}/track/${tokenOf(second.trackingUrl)}`, { headers: { accept: 'text/html' } });
    const trackingHtml = await trackingPage.text();
    expect(trackingPage.status).toBe(200);
    expect(trackingHtml).not.toContain(first.ref);
    expect(trackingHtml).not.toMatch(/Same vehicle|Zelfde voertuig/);
    expect((await track(tokenOf(second.trackingUrl))).body).not.toHaveProperty('relatedByVehicle');
    // Another dealer's ticket on the same VIN is no hint here.
    const elsewhere = await admin.post('/api/tickets', complaint(dealers.no.id, { customer: { name: 'Far Away', email: 'far@example.no' }, vehicle: { vin } }));
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(elsewhere.body.relatedByVehicle).toEqual([]);
    expect((await staff.get(`/api/tickets/${first.ref}`)).body.relatedByVehicle).toEqual([{ ref: second.ref }]);

    await expectFirstUntouched(first, { ref: second.ref, email: 'new.owner@example.nl', token: tokenOf(second.trackingUrl) });
  });

  it('a shared phone: a family member with another e-mail, or with none, is not the first customer; two without e-mail on one phone are one', async () => {
    const phone = '+31 6 2222 0002';
    const first = await firstCase({ name: 'Mother', email: 'mother@example.nl', phone });
    const son = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Son', email: 'son@example.nl', phone: '+31 (6) 2222-0002', language: 'en' } }));
    expect(son.status, son.text).toBe(201);
    expect(son.body.customer).toMatchObject({ name: 'Son', email: 'son@example.nl', phone: '+31622220002' });
    expect(son.body.customer.id).not.toBe(first.customer.id);

    // Without an e-mail, a phone that a customer with one uses says nothing either.
    const grandpa = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Grandpa', phone } }));
    expect(grandpa.body.customer.id).not.toBe(first.customer.id);
    expect(grandpa.body.customer.id).not.toBe(son.body.customer.id);
    // Neither side has an e-mail: the same phone is the same customer, and the new name is recorded.
    const again = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Grandpa Jan', phone } }));
    expect(again.body.customer.id).toBe(grandpa.body.customer.id);
    expect(again.body.timeline.find((e: { type: string }) => e.type === 'customer-changed')).toMatchObject({
      visibility: 'internal',
      actor: { type: 'user', name: expect.any(String) },
      data: { customerId: grandpa.body.customer.id, via: 'intake', changes: [{ field: 'name', from: 'Grandpa', to: 'Grandpa Jan' }] },
    });

    await expectFirstUntouched(first, { ref: son.body.ref, email: 'son@example.nl', token: tokenOf(son.body.trackingUrl) });
  });

  it('the survey webhook: a respondent on the first customer\'s car and phone with another e-mail opens a ticket for a new customer', async () => {
    const vin = newVin();
    const phone = '+31 6 3333 0003';
    const first = await firstCase({ name: 'Webhook First', email: 'webhook.first@example.nl', phone }, { vin });
    const res = await admin.post(`/api/surveys/${surveyId}/responses`, {
      externalId: 'identity-webhook-1',
      dealerId: dealers.nl.id,
      respondedAt: '2026-11-19T12:00:00+01:00',
      customer: { name: 'Webhook Stranger', email: 'webhook.stranger@example.nl', phone, language: 'en' },
      vehicle: { vin },
      answers: [{ questionId: 'service', score: 2, comment: 'Rude' }],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.ticketRef).toMatch(/^AM-/);
    await deliver();
    const [receipt] = mailsTo('webhook.stranger@example.nl');
    expect(receipt.subject).toContain(res.body.ticketRef);
    const b = (await staff.get(`/api/tickets/${res.body.ticketRef}`)).body;
    expect(b.relatedByVehicle).toEqual([{ ref: first.ref }]);
    await expectFirstUntouched(first, { ref: res.body.ticketRef, email: 'webhook.stranger@example.nl', token: linkIn(receipt.text) });
  });

  it('the CSV import: a row with the first customer\'s car and phone and another e-mail opens a ticket for a new customer', async () => {
    const vin = newVin();
    const phone = '+31 6 4444 0004';
    const first = await firstCase({ name: 'Import First', email: 'import.first@example.nl', phone }, { vin });
    const csv = [
      'externalId,dealerId,respondedAt,customerName,customerEmail,customerPhone,customerLanguage,vin,score:service',
      `identity-csv-1,${dealers.nl.id},2026-11-19T12:00:00+01:00,Import Stranger,import.stranger@example.nl,${phone},en,${vin},1`,
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'responses.csv');
    const res = await fetch(`${t.baseUrl}/api/surveys/${surveyId}/import`, { method: 'POST', body: form, headers: { cookie: admin.sessionCookie!, 'x-csrf-token': (admin as unknown as { csrf: string }).csrf } });
    const report = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ imported: 1, ticketsOpened: 1, errors: [] });
    const [{ ticketRef }] = await t.dataSource.query(`SELECT "ticketRef" FROM survey_responses WHERE "externalId" = 'identity-csv-1'`);
    await deliver();
    const [receipt] = mailsTo('import.stranger@example.nl');
    expect(receipt.subject).toContain(ticketRef);
    await expectFirstUntouched(first, { ref: ticketRef, email: 'import.stranger@example.nl', token: linkIn(receipt.text) });
  });

  it('the same e-mail, however written, is the same customer; a new name or phone given at intake is on the timeline, old and new', async () => {
    const first = await firstCase({ name: 'Sanne', email: 'sanne.identity@example.nl' });
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Sanne de Vries', email: 'Sanne.Identity@Example.NL', phone: '+31 6 5555 0005' } }));
    expect(res.body.customer).toMatchObject({ id: first.customer.id, name: 'Sanne de Vries', email: 'sanne.identity@example.nl', phone: '+31655550005' });
    const event = res.body.timeline.find((e: { type: string }) => e.type === 'customer-changed');
    expect(event).toMatchObject({
      visibility: 'internal',
      actor: { type: 'user', name: expect.any(String) },
      data: { customerId: first.customer.id, via: 'intake', changes: [{ field: 'name', from: 'Sanne', to: 'Sanne de Vries' }, { field: 'phone', from: null, to: '+31655550005' }] },
    });
    expect((await track(first.token)).body.timeline.map((e: { type: string }) => e.type)).not.toContain('customer-changed');
    // Nothing changed, nothing recorded.
    const same = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Sanne de Vries', email: 'sanne.identity@example.nl' } }));
    expect(same.body.timeline.map((e: { type: string }) => e.type)).not.toContain('customer-changed');
  });

  it('staff correct a customer\'s contact through PATCH /api/tickets/:ref/customer: a timeline event, and waiting mails follow the new address', async () => {
    const first = await firstCase({ name: 'Pieter', email: 'pieter.old@example.nl', phone: '+31 6 6666 0006' });
    // A message is waiting in the outbox for the old address when the address is corrected.
    await staff.post(`/api/tickets/${first.ref}/messages`, { body: 'Waiting to be sent', visibility: 'customer' });
    const me = (await staff.get('/api/me')).body;
    const res = await staff.patch(`/api/tickets/${first.ref}/customer`, { name: 'Pieter Jansen', email: 'Pieter.New@Example.NL', phone: null });
    expect(res.status, res.text).toBe(200);
    expect(res.body.customer).toMatchObject({ id: first.customer.id, name: 'Pieter Jansen', email: 'pieter.new@example.nl', phone: null });
    const event = res.body.timeline.at(-1);
    expect(event).toMatchObject({
      type: 'customer-changed',
      visibility: 'internal',
      actor: { type: 'user', id: me.id, name: me.name },
      data: {
        customerId: first.customer.id,
        via: 'staff',
        changes: [
          { field: 'name', from: 'Pieter', to: 'Pieter Jansen' },
          { field: 'email', from: 'pieter.old@example.nl', to: 'pieter.new@example.nl' },
          { field: 'phone', from: '+31666660006', to: null },
        ],
      },
    });
    await deliver();
    expect(mailsTo('pieter.old@example.nl').filter((m) => m.text.includes('Waiting to be sent'))).toEqual([]);
    const [moved] = mailsTo('pieter.new@example.nl').filter((m) => m.text.includes('Waiting to be sent'));
    expect((await track(linkIn(moved.text)!)).body.ref).toBe(first.ref);
    // The customer's own view never shows it.
    expect((await track(first.token)).body.timeline.map((e: { type: string }) => e.type)).not.toContain('customer-changed');
    // The ticket page shows it, old and new.
    const page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    expect((await page.get(`/tickets/${first.ref}`)).html).toContain('e-mail: pieter.old@example.nl → pieter.new@example.nl');
  });

  it('the ticket page\'s contact form does the same: back to the ticket, the change on the timeline; a taken address shown as an error', async () => {
    const first = await firstCase({ name: 'Form Person', email: 'form.person@example.nl', phone: '+31 6 7777 0007' });
    await firstCase({ name: 'Taken', email: 'taken@example.nl' });
    const page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const shown = (await page.get(`/tickets/${first.ref}`)).html;
    expect(shown).toContain(`action="/tickets/${first.ref}/customer"`);
    expect(shown).toContain('value="form.person@example.nl"');
    const saved = await page.post(`/tickets/${first.ref}/customer`, { name: 'Form Person', email: 'form.person@example.nl', phone: '' }, `/tickets/${first.ref}`);
    expect(saved.status, saved.html).toBe(303);
    expect(saved.location).toBe(`/tickets/${first.ref}?done=1`);
    const after = (await staff.get(`/api/tickets/${first.ref}`)).body;
    expect(after.customer.phone).toBeNull();
    expect(after.timeline.at(-1)).toMatchObject({ type: 'customer-changed', data: { via: 'staff', changes: [{ field: 'phone', from: '+31677770007', to: null }] } });
    const taken = await page.post(`/tickets/${first.ref}/customer`, { name: 'Form Person', email: 'taken@example.nl', phone: '' }, `/tickets/${first.ref}`);
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('Een andere klant heeft dit e-mailadres al');
    expect((await staff.get(`/api/tickets/${first.ref}`)).body.customer.email).toBe('form.person@example.nl');
  });

  it('refuses a contact change that would merge customers or leave no way to reach them, naming the field, writing nothing', async () => {
    const first = await firstCase({ name: 'Kees', email: 'kees@example.nl' });
    await firstCase({ name: 'Other', email: 'someone.else@example.nl' });
    const before = (await staff.get(`/api/tickets/${first.ref}`)).body;
    // SQLite counts every row written on its writer connection; PostgreSQL has no such counter, so there the
    // tables a contact change writes are compared whole.
    const changes = async () =>
      t.dataSource.options.type === 'postgres'
        ? JSON.stringify(await t.dataSource.query(`SELECT (SELECT string_agg(id || '|' || name || '|' || coalesce(email, '') || '|' || coalesce(phone, ''), ',' ORDER BY id) FROM customers) AS c, (SELECT COUNT(*) FROM timeline_events) AS e, (SELECT COUNT(*) FROM notifications) AS n`))
        : t.app.get(UnitOfWork).dataChanges();
    const n = await changes();
    const taken = await staff.patch(`/api/tickets/${first.ref}/customer`, { email: 'Someone.Else@example.nl' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('email');
    const unreachable = await staff.patch(`/api/tickets/${first.ref}/customer`, { email: null });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.message).toEqual(['email or phone must remain: the customer needs a way to be reached']);
    const empty = await staff.patch(`/api/tickets/${first.ref}/customer`, {});
    expect(empty.status).toBe(400);
    const bad = await staff.patch(`/api/tickets/${first.ref}/customer`, { email: 'not-an-address', name: null, shoeSize: 44 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['email must be an e-mail address', 'shoeSize is not an allowed field']));
    expect(bad.body.message.some((m: string) => m.startsWith('name'))).toBe(true);
    expect(await changes()).toBe(n);
    const after = (await staff.get(`/api/tickets/${first.ref}`)).body;
    expect(after.customer).toEqual(before.customer);
    expect(after.timeline).toEqual(before.timeline);
    // Unchanged values: 200, and nothing recorded.
    const same = await staff.patch(`/api/tickets/${first.ref}/customer`, { email: 'KEES@example.nl' });
    expect(same.status).toBe(200);
    expect(same.body.timeline).toEqual(before.timeline);
  });
});
