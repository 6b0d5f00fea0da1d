import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { FixedClock } from '../../src/common/clock/clock.js';
import { ContactMessagesService } from '../../src/modules/contacts/contact-messages.service.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The loyalty journey with a fixed clock, in the order a year goes by: journeys scheduled
 * from closes (business days around a holiday, months across DST and month ends), one
 * journey at a time, paused by a new ticket and resumed by its close, messages sent once
 * (two instances on PostgreSQL) and never without consent, every call outcome, and the
 * loyalty figure against SQL.
 */
describe('the loyalty journey', () => {
  const clock = new FixedClock(new Date('2026-08-31T08:00:00Z')); // Monday 31 August, 10:00 in Utrecht
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dealers: Record<string, DemoDealer>;
  const extra: NestExpressApplication[] = [];
  const customers: Record<string, string> = {};

  const as = (email: string) => Client.login(t.baseUrl, email);
  const admin = () => as('admin@demo.test');
  const contactsOf = async (name: string) => (await (await admin()).get(`/api/contacts?customerId=${customers[name]}`)).body as any[];
  const byStep = (cs: any[]) => [...cs].sort((a, b) => a.step - b.step);

  /** A ticket for the customer, taken through every stage and closed. */
  async function closedTicket(dealer: DemoDealer, customer: Record<string, unknown>, outcome = 'retained'): Promise<string> {
    const a = await admin();
    const res = await a.post('/api/tickets', complaint(dealer.id, { department: 'sales', customer }));
    expect(res.status, res.text).toBe(201);
    customers[customer.name as string] = res.body.customer.id;
    await close(res.body.ref, outcome);
    return res.body.ref;
  }
  async function close(ref: string, outcome = 'retained', from = 'listen'): Promise<void> {
    const a = await admin();
    const stages = [
      ['listen', { contactedVia: 'phone' }], ['apologise', { by: 'Staff', how: 'phone' }], ['fix', { rootCause: 'workmanship', action: 'Redone', owner: 'Staff' }],
      ['compensate', { noCompensation: { reason: 'Not wanted' } }], ['follow-up', { score: 5, via: 'phone' }], ['closed', { outcome }],
    ] as const;
    for (const [stage, body] of stages.slice(stages.findIndex(([s]) => s === from))) {
      const r = await a.post(`/api/tickets/${ref}/stages/${stage}`, body);
      expect(r.status, `${stage}: ${r.text}`).toBe(200);
    }
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) }, { clock });
    if (t.dataSource.options.type === 'postgres') extra.push(await createApp(t.config, { seed: false, clock }));
    dealers = await demoDealers(await admin());
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t?.close();
    await smtp?.close();
  });

  it('schedules the default cadence from a close on 31 August: months clamp to 28 February and keep the local time across DST', async () => {
    await closedTicket(dealers.nl, { name: 'Maud de Vries', email: 'maud@example.nl', language: 'nl' });
    const cs = byStep(await contactsOf('Maud de Vries'));
    expect(cs.map((c) => [c.kind, c.department, c.dueAt, c.status, c.lastCall])).toEqual([
      ['call', 'sales', '2026-09-02T07:00:00.000Z', 'scheduled', false], // Wednesday 09:00, the second business day
      ['message', 'sales', '2027-02-28T09:00:00.000Z', 'scheduled', false], // 10:00 CET: no 31 February
      ['call', 'sales', '2027-07-31T08:00:00.000Z', 'scheduled', true], // 10:00 CEST
    ]);
    expect(cs[0]).toMatchObject({ ticketRef: expect.stringMatching(/^AM-2026-/), customer: { name: 'Maud de Vries' }, attempts: 0 });
  });

  it('counts two business days from a Friday close past a holiday Monday, and starts no journey for a lost customer', async () => {
    const a = await admin();
    const se = (await a.get(`/api/dealers/${dealers.se.id}`)).body;
    const patched = await a.patch(`/api/dealers/${dealers.se.id}`, { calendar: { weekly: se.calendar.weekly, holidays: [...se.calendar.holidays, { date: '2026-11-23', intervals: [], name: 'Test holiday' }] } });
    expect(patched.status, patched.text).toBe(200);
    clock.set(new Date('2026-11-20T14:00:00Z')); // Friday 15:00 in Göteborg
    await closedTicket(dealers.se, { name: 'Sven Larsson', email: 'sven@example.se', language: 'sv' });
    const cs = byStep(await contactsOf('Sven Larsson'));
    // Monday is the holiday: Tuesday and Wednesday are the two business days; Wednesday opens at 07:30.
    expect(cs.map((c) => c.dueAt)).toEqual(['2026-11-25T06:30:00.000Z', '2027-05-20T13:00:00.000Z', '2027-10-20T13:00:00.000Z']);
    // Overdue from the third business day after (Wednesday's grace: Thursday and Friday).
    expect(cs[0].status).toBe('scheduled');

    await closedTicket(dealers.nl, { name: 'Lotte Lost', email: 'lotte@example.nl' }, 'lost');
    expect(await contactsOf('Lotte Lost')).toEqual([]);
  });

  it('keeps one journey per customer, pauses it for a new ticket and resumes it shifted by the pause', async () => {
    clock.set(new Date('2026-11-21T10:00:00Z'));
    const before = byStep(await contactsOf('Sven Larsson'));
    const a = await admin();
    const second = await a.post('/api/tickets', complaint(dealers.se.id, { department: 'sales', customer: { name: 'Sven Larsson', email: 'sven@example.se' } }));
    expect(second.status, second.text).toBe(201);
    const paused = byStep(await contactsOf('Sven Larsson'));
    expect(paused.map((c) => [c.paused, c.status, c.dueAt])).toEqual(before.map((c) => [true, 'scheduled', c.dueAt]));
    // Paused contacts are nobody's work: not due, even once their day has come.
    clock.set(new Date('2026-11-30T10:00:00Z'));
    expect((await (await as('sales.manager.se@demo.test')).get('/api/contacts?status=due')).body.map((c: any) => c.customer.name)).not.toContain('Sven Larsson');

    clock.set(new Date('2026-12-01T10:00:00Z')); // ten days after the pause
    await close(second.body.ref);
    const resumed = byStep(await contactsOf('Sven Larsson'));
    expect(resumed).toHaveLength(3); // the close of a customer with a journey starts no second one
    expect(resumed.map((c) => c.paused)).toEqual([false, false, false]);
    const tenDays = 10 * 86_400_000;
    expect(resumed.map((c) => Date.parse(c.dueAt) - Date.parse(before[resumed.indexOf(c)].dueAt))).toEqual([tenDays, tenDays, tenDays]);
    expect(resumed[0].journeyId).toBe(before[0].journeyId);
  });

  it('sends each message once, in the customer language from the dealer, and none without consent', async () => {
    await closedTicket(dealers.nl, { name: 'Noor Zonder', email: 'noor@example.nl', consent: false });
    clock.set(new Date('2027-06-02T10:00:00Z'));
    const apps = [t.app, ...extra];
    const results = await Promise.all(apps.flatMap((app) => [0, 1, 2].map(() => app.get(ContactMessagesService).sweep(clock.now()))));
    const again = await t.app.get(ContactMessagesService).sweep(clock.now());
    expect(again).toEqual({ sent: 0, withoutConsent: 0 });
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(2);
    expect(results.reduce((s, r) => s + r.withoutConsent, 0)).toBe(1);
    const rows = await t.dataSource.query(`SELECT "recipientEmail" AS email, language FROM notifications WHERE template = 'i18n:loyalty' ORDER BY "recipientEmail"`);
    expect(rows).toEqual([{ email: 'maud@example.nl', language: 'nl' }, { email: 'sven@example.se', language: 'sv' }]);

    await t.app.get(OutboxWorker).deliverDue();
    const [nl] = smtp.mails.filter((m) => m.to.includes('maud@example.nl') && m.subject.includes('We staan voor u klaar'));
    expect(nl.subject).toContain('Autohuis Utrecht');
    expect(nl.text).toContain('bel ons op +31 30 234 56 78');
    expect(nl.text).toContain('maandag: 09:00–18:00');
    const [sv] = smtp.mails.filter((m) => m.to.includes('sven@example.se') && m.subject.includes('Vi finns här'));
    expect(sv.text).toContain('ring oss på +46 31 712 34 56');
    expect(sv.text).toContain('lördag: stängt');
    expect(smtp.mails.some((m) => m.to.includes('noor@example.nl') && /klaar/.test(m.subject))).toBe(false);

    const messages = (await contactsOf('Noor Zonder')).concat(await contactsOf('Maud de Vries')).filter((c) => c.kind === 'message');
    expect(messages.map((c) => [c.customer.name, c.status, c.outcome]).sort()).toEqual([['Maud de Vries', 'done', 'sent'], ['Noor Zonder', 'done', 'no-consent']]);
  });

  it('records each call outcome: no answer twice offered again, then given up; reached; a new issue opens a linked ticket', async () => {
    const manager = await as('sales.manager.nl@demo.test');
    const overdue = (await manager.get('/api/contacts?status=overdue')).body as any[];
    const maudCall = overdue.find((c) => c.customer.name === 'Maud de Vries' && c.step === 1);
    expect(maudCall).toBeDefined();
    // Soonest first.
    expect(overdue.map((c) => c.dueAt)).toEqual([...overdue.map((c) => c.dueAt)].sort());

    // Wednesday 2 June: no answer → offered again Thursday 09:00, twice; the third no-answer ends it.
    for (const attempts of [1, 2]) {
      const r = await manager.post(`/api/contacts/${maudCall.id}/complete`, { outcome: 'no-answer', note: 'Voicemail' });
      expect(r.status, r.text).toBe(200);
      expect(r.body).toMatchObject({ attempts, status: 'scheduled', dueAt: '2027-06-03T07:00:00.000Z', ticketRef: maudCall.ticketRef });
    }
    const gaveUp = await manager.post(`/api/contacts/${maudCall.id}/complete`, { outcome: 'no-answer' });
    expect(gaveUp.body).toMatchObject({ attempts: 3, status: 'done', outcome: 'no-answer' });
    expect((await manager.post(`/api/contacts/${maudCall.id}/complete`, { outcome: 'reached' })).status).toBe(422);

    const maud = await contactsOf('Maud de Vries');
    expect((await manager.post(`/api/contacts/${maud.find((c) => c.kind === 'message').id}/complete`, { outcome: 'reached' })).status).toBe(422);

    // Another dealer's call is not found; so is an unknown one.
    const svenFirst = byStep(await contactsOf('Sven Larsson'))[0];
    expect((await manager.post(`/api/contacts/${svenFirst.id}/complete`, { outcome: 'reached' })).status).toBe(404);
    const reached = await (await as('sales.manager.se@demo.test')).post(`/api/contacts/${svenFirst.id}/complete`, { outcome: 'reached', note: 'All good' });
    expect(reached.status, reached.text).toBe(200);
    expect(reached.body).toMatchObject({ status: 'done', outcome: 'reached', note: 'All good', stillCustomer: null });

    const noorCall = byStep(await contactsOf('Noor Zonder'))[0];
    const missing = await manager.post(`/api/contacts/${noorCall.id}/complete`, { outcome: 'new-issue' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('newIssue');
    const issue = await manager.post(`/api/contacts/${noorCall.id}/complete`, {
      outcome: 'new-issue', note: 'The rattle is back',
      newIssue: { department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', account: 'The rattle came back after the repair.' },
    });
    expect(issue.status, issue.text).toBe(200);
    expect(issue.body).toMatchObject({ status: 'done', outcome: 'new-issue', newTicketRef: expect.stringMatching(/^AM-/) });
    const ticket = (await manager.get(`/api/tickets/${issue.body.newTicketRef}`)).body;
    expect(ticket).toMatchObject({ department: 'service', customer: { id: customers['Noor Zonder'] } });
    expect(ticket.timeline[0]).toMatchObject({ type: 'created', data: { fromContactId: noorCall.id } });
    // The new ticket pauses what is left of Noor's journey.
    expect(byStep(await contactsOf('Noor Zonder')).filter((c) => c.status !== 'done').map((c) => c.paused)).toEqual([true]);
  });

  it('asks on the last call whether they are still a customer, and the loyalty figure is that share', async () => {
    clock.set(new Date('2027-11-01T10:00:00Z'));
    const nl = await as('sales.manager.nl@demo.test');
    const maudLast = byStep(await contactsOf('Maud de Vries'))[2];
    const missing = await nl.post(`/api/contacts/${maudLast.id}/complete`, { outcome: 'reached' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('stillCustomer');
    expect((await nl.post(`/api/contacts/${maudLast.id}/complete`, { outcome: 'reached', stillCustomer: true })).body).toMatchObject({ stillCustomer: true, status: 'done' });
    const svenLast = byStep(await contactsOf('Sven Larsson'))[2];
    expect((await (await as('sales.manager.se@demo.test')).post(`/api/contacts/${svenLast.id}/complete`, { outcome: 'reached', stillCustomer: false })).status).toBe(200);

    const figures = (await (await as('quality@demo.test')).get('/api/contacts/figures')).body;
    const [sql] = await t.dataSource.query(`
      SELECT
        (SELECT COUNT(*) FROM contacts WHERE "lastCall" = ${t.dataSource.options.type === 'postgres' ? 'true' : '1'} AND state = 'done' AND "stillCustomer" IS NOT NULL) AS answered,
        (SELECT COUNT(*) FROM contacts WHERE "lastCall" = ${t.dataSource.options.type === 'postgres' ? 'true' : '1'} AND state = 'done' AND "stillCustomer" = ${t.dataSource.options.type === 'postgres' ? 'true' : '1'}) AS kept,
        (SELECT COUNT(*) FROM contacts WHERE state = 'done') AS done,
        (SELECT COUNT(*) FROM contacts WHERE state = 'done' AND "doneAt" < "overdueAt") AS "onTime",
        (SELECT COUNT(*) FROM contacts WHERE state = 'open' AND "pausedAt" IS NULL AND "overdueAt" <= '${t.dataSource.options.type === 'postgres' ? '2027-11-01T10:00:00Z' : '2027-11-01 10:00:00.000'}') AS overdue`);
    expect(Number(sql.answered)).toBe(2);
    expect(figures).toMatchObject({
      loyaltyKept: Number(sql.kept) / Number(sql.answered), lastCallsAnswered: Number(sql.answered), done: Number(sql.done), doneOnTime: Number(sql.onTime), overdue: Number(sql.overdue),
    });
    expect(figures.loyaltyKept).toBe(0.5);
    // Scoped: the Dutch dealer's figure holds only Maud's answer.
    expect((await nl.get(`/api/contacts/figures?dealerId=${dealers.nl.id}`)).body.loyaltyKept).toBe(1);
    expect((await nl.get(`/api/contacts/figures?dealerId=${dealers.se.id}`)).status).toBe(404);
  });

  it('keeps the cadence per dealer: the default until an admin changes it, every wrong field named', async () => {
    const a = await admin();
    const got = (await a.get(`/api/dealers/${dealers.no.id}/contact-cadence`)).body;
    expect(got).toMatchObject({ isDefault: true, steps: [{ afterBusinessDays: 2, kind: 'call' }, { afterMonths: 6, kind: 'message' }, { afterMonths: 11, kind: 'call' }] });
    const bad = await a.put(`/api/dealers/${dealers.no.id}/contact-cadence`, { steps: [{ afterBusinessDays: 2, afterMonths: 1, kind: 'fax', department: 'bakery', purpose: '' }] });
    expect(bad.status).toBe(400);
    for (const field of ['afterBusinessDays', 'steps[0].kind', 'steps[0].department', 'steps[0].purpose']) expect(bad.text).toContain(field);
    expect((await a.get(`/api/dealers/${dealers.no.id}/contact-cadence`)).body.isDefault).toBe(true);
    const ok = await a.put(`/api/dealers/${dealers.no.id}/contact-cadence`, { steps: [{ afterMonths: 3, kind: 'call', department: 'service', purpose: 'Quarterly check' }] });
    expect(ok.status, ok.text).toBe(200);
    expect((await a.get(`/api/dealers/${dealers.no.id}/contact-cadence`)).body).toMatchObject({ isDefault: false, steps: [{ afterMonths: 3, kind: 'call', department: 'service', purpose: 'Quarterly check' }] });
    expect((await (await as('sales.manager.no@demo.test')).put(`/api/dealers/${dealers.no.id}/contact-cadence`, { steps: [] })).status).toBe(403);
  });

  it('shows a customer whole: tickets, journey, survey answers, sale at risk; scoped to the dealer', async () => {
    const nl = await as('sales.manager.nl@demo.test');
    const res = await nl.get(`/api/customers/${customers['Noor Zonder']}`);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['contacts', 'customer', 'saleAtRisk', 'surveyAnswers', 'tickets']);
    expect(res.body.tickets).toHaveLength(2);
    expect(res.body.contacts.length).toBeGreaterThan(0);
    expect((await (await as('sales.manager.se@demo.test')).get(`/api/customers/${customers['Noor Zonder']}`)).status).toBe(404);
    // Intake, re-rendered with a known customer's e-mail typed in, says so with a link; another dealer's form does not.
    const form = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    const again = await form.post('/intake', { dealerId: dealers.nl.id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customerName: 'Noor Zonder', customerEmail: 'noor@example.nl', account: '' }, '/intake');
    expect(again.status).toBe(400);
    // In the Dutch receptionist's language.
    expect(again.html).toContain(`Terugkerende klant: 2 eerdere meldingen, 1 open — <a href="/customers/${customers['Noor Zonder']}">bekijk de geschiedenis</a>`);
    const seForm = await PageSession.signIn(t.baseUrl, 'reception.se@demo.test');
    const notThere = await seForm.post('/intake', { dealerId: dealers.se.id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customerName: 'Noor Zonder', customerEmail: 'noor@example.nl', account: '' }, '/intake');
    expect(notThere.html).not.toMatch(/(Returning customer|Terugkerende klant|Återkommande kund): 2/);
    expect(notThere.html).not.toContain(customers['Noor Zonder']);
  });

  it('looks a returning customer up for intake as it is typed: the dealer\'s own only, another dealer\'s the same 404 as none', async () => {
    const reception = await as('reception.nl@demo.test');
    const lookup = (who: Client, q: Record<string, string>) => who.get(`/api/customers/lookup?${new URLSearchParams(q)}`);
    const byEmail = await lookup(reception, { dealerId: dealers.nl.id, email: 'NOOR@example.nl' });
    expect(byEmail.status, byEmail.text).toBe(200);
    const noor = customers['Noor Zonder'];
    expect(byEmail.body).toEqual({ customerId: noor, name: 'Noor Zonder', tickets: 2, open: 1, url: `/customers/${noor}` });
    const unknown = await lookup(reception, { dealerId: dealers.nl.id, email: 'nobody@example.nl' });
    expect(unknown.status).toBe(404);
    // The same customer asked for by another dealer's receptionist, at either dealer: not found, as an unknown one.
    const se = await as('reception.se@demo.test');
    const foreign = await lookup(se, { dealerId: dealers.nl.id, email: 'noor@example.nl' });
    const atOwn = await lookup(se, { dealerId: dealers.se.id, email: 'noor@example.nl' });
    expect([foreign.status, atOwn.status]).toEqual([404, 404]);
    expect(foreign.body).toEqual(unknown.body);
    expect(JSON.stringify([foreign.body, atOwn.body])).not.toContain('Noor');
    // Bad questions name the field.
    const neither = await lookup(reception, { dealerId: dealers.nl.id });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body)).toContain('email or phone is required');
    const badEmail = await lookup(reception, { dealerId: 'nope', email: 'not-an-address' });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body)).toMatch(/dealerId must be a dealer id.*email must be an e-mail address|email must be an e-mail address.*dealerId must be a dealer id/);
    // Not for customers' own sign-ins or the anonymous.
    expect((await fetch(`${t.baseUrl}/api/customers/lookup?dealerId=${dealers.nl.id}&email=noor@example.nl`)).status).toBe(401);
  });

  it('pauses the journey for a reopened ticket too, and resumes it shifted by the pause when it closes again', async () => {
    clock.set(new Date('2028-01-10T09:00:00Z')); // a Monday
    const ref = await closedTicket(dealers.se, { name: 'Rut Reopen', email: 'rut@example.se' });
    const before = byStep(await contactsOf('Rut Reopen'));
    expect(before.map((c) => c.paused)).toEqual([false, false, false]);
    const a = await admin();
    const reopened = await a.post(`/api/tickets/${ref}/reopen`, { reason: 'The noise is back' });
    expect(reopened.status, reopened.text).toBe(200);
    const paused = byStep(await contactsOf('Rut Reopen'));
    expect(paused.map((c) => [c.paused, c.dueAt])).toEqual(before.map((c) => [true, c.dueAt]));

    clock.set(new Date('2028-01-15T09:00:00Z')); // five days after the reopen
    await close(ref, 'retained', 'fix');
    const resumed = byStep(await contactsOf('Rut Reopen'));
    expect(resumed).toHaveLength(3); // its second close starts no second journey
    expect(resumed.map((c) => c.paused)).toEqual([false, false, false]);
    expect(resumed.map((c, i) => Date.parse(c.dueAt) - Date.parse(before[i].dueAt))).toEqual([5, 5, 5].map((d) => d * 86_400_000));
  });
});
