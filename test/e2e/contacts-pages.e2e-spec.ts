import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { translate } from '../../src/common/i18n/translator.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What Handlebars escapes, undone, so a page's text can be compared with the translation it shows. */
const text = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/**
 * The Contacts due page and the customer page speak the reader's language (a Dutch and a
 * Norwegian manager here), and the call form answers a refusal like the intake form:
 * each message under its field, in that language, the first bad field focused.
 */
describe('the contacts and customer pages in the reader\'s language', () => {
  // Tuesday 1 December 2026; the first call falls due on Thursday.
  const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
  let t: TestApp;
  let dealers: Record<string, DemoDealer>;
  const customers: Record<string, string> = {};
  const calls: Record<string, string> = {};

  async function closedTicket(admin: Client, dealer: DemoDealer, customer: Record<string, unknown>): Promise<void> {
    const res = await admin.post('/api/tickets', complaint(dealer.id, { department: 'sales', customer }));
    expect(res.status, res.text).toBe(201);
    customers[customer.name as string] = res.body.customer.id;
    for (const [stage, body] of [
      ['listen', { contactedVia: 'phone' }], ['apologise', { by: 'Staff', how: 'phone' }], ['fix', { rootCause: 'workmanship', action: 'Refitted the trim', owner: 'Staff' }],
      ['compensate', { noCompensation: { reason: 'Not wanted' } }], ['follow-up', { score: 5, via: 'phone' }], ['closed', { outcome: 'retained' }],
    ] as const) expect((await admin.post(`/api/tickets/${res.body.ref}/stages/${stage}`, body)).status).toBe(200);
    const contacts = (await admin.get(`/api/contacts?customerId=${res.body.customer.id}`)).body as { id: string; kind: string; step: number }[];
    calls[customer.name as string] = contacts.filter((c) => c.kind === 'call').sort((a, b) => a.step - b.step)[0]!.id;
  }

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
    // In Norway a journey of one call, so that call is the last and asks whether they are still a customer.
    const cadence = await admin.put(`/api/dealers/${dealers.no.id}/contact-cadence`, { steps: [{ afterBusinessDays: 2, kind: 'call', department: 'sales', purpose: 'Ring kunden' }] });
    expect(cadence.status, cadence.text).toBe(200);
    await closedTicket(admin, dealers.nl, { name: 'Bram Bakker', email: 'bram@example.nl', language: 'nl', style: { outgoing: false, factsFirst: true } });
    await closedTicket(admin, dealers.no, { name: 'Ola Olsen', email: 'ola@example.no', language: 'nb' });
    clock.set(new Date('2026-12-03T10:00:00Z'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows /contacts and the customer page in Dutch to a Dutch manager', async () => {
    const nl = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const list = await nl.get('/contacts');
    expect(list.status).toBe(200);
    const page = text(list.html);
    expect(page).toContain('<h1>Contactmomenten te doen · verkoop</h1>');
    for (const words of ['Nu aan de beurt en te laat', 'Hoe ging het gesprek?', 'Bereikt', 'Niet opgenomen', 'Nieuw probleem', 'Gesprek vastleggen', 'Communicatiestijl: Blauw: bedachtzaam en zakelijk', 'Geschiedenis in één oogopslag (1 melding)', 'Vakmanschap', 'Wat de klant vertelde']) {
      expect(page, words).toContain(words);
    }
    for (const english of ['How did the call go?', 'Record the call', 'History at a glance', 'No answer']) expect(page, english).not.toContain(english);

    const customer = text((await nl.get(`/customers/${customers['Bram Bakker']}`)).html);
    for (const words of ['Klant', 'Meldingen (1)', 'Loyaliteitstraject', 'Gesprek', 'Bericht', 'gepland', 'Antwoorden op enquêtes', 'Verkoop in gevaar', 'Geef de feiten en de oorzaak.', 'Gesloten', 'behouden', 'Taal: Nederlands']) {
      expect(customer, words).toContain(words);
    }
    for (const english of ['Loyalty journey', 'Survey answers', 'Sales at risk', 'Give the facts and the root cause.']) expect(customer, english).not.toContain(english);
  });

  it('shows them in Norwegian to a Norwegian manager', async () => {
    const no = await PageSession.signIn(t.baseUrl, 'sales.manager.no@demo.test');
    const page = text((await no.get('/contacts')).html);
    for (const words of ['Kontakter som skal tas', 'Hvordan gikk samtalen?', 'Registrer samtalen', 'Fortsatt kunde (har hatt service eller kjøpt her det siste året)?']) expect(page, words).toContain(words);
    const customer = text((await no.get(`/customers/${customers['Ola Olsen']}`)).html);
    for (const words of ['Kunde', 'Saker (1)', 'Lojalitetsløp', 'Samtale', 'Svar på undersøkelser', 'Salg i fare']) expect(customer, words).toContain(words);
  });

  it('answers a call form sent wrong with each message under its field, in the reader\'s language, and nothing recorded', async () => {
    const nl = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const id = calls['Bram Bakker'];
    const none = await nl.post(`/contacts/${id}/complete`, { note: 'Voicemail vol' }, '/contacts');
    expect(none.status).toBe(400);
    const outcomeMessage = translate('nl', 'form.rule.choose', { what: translate('nl', 'form.field.outcome') });
    expect(text(none.html)).toContain(`<p class="field-error" id="e-call-${id}-outcome">${outcomeMessage}</p>`);
    expect(none.html).toMatch(new RegExp(`id="f-call-${id}-outcome" aria-invalid="true" aria-describedby="e-call-${id}-outcome" autofocus`));
    // What was typed is kept.
    expect(none.html).toContain('Voicemail vol');

    const noCategory = await nl.post(`/contacts/${id}/complete`, { outcome: 'new-issue', newDepartment: 'sales', newSeverity: 'medium', newAccount: 'De bekleding rammelt weer.' }, '/contacts');
    expect(noCategory.status).toBe(400);
    expect(text(noCategory.html)).toContain(`<p class="field-error" id="e-call-${id}-newCategory">${translate('nl', 'form.rule.choose', { what: translate('nl', 'form.field.category') })}</p>`);

    const no = await PageSession.signIn(t.baseUrl, 'sales.manager.no@demo.test');
    const last = calls['Ola Olsen'];
    const unanswered = await no.post(`/contacts/${last}/complete`, { outcome: 'reached' }, '/contacts');
    expect(unanswered.status).toBe(400);
    expect(text(unanswered.html)).toMatch(new RegExp(`<p class="field-error" id="e-call-${last}-stillCustomer">[^<]*${translate('nb', 'form.field.stillCustomer')}[^<]*</p>`));

    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const still = (await admin.get(`/api/contacts?customerId=${customers['Bram Bakker']}`)).body.concat((await admin.get(`/api/contacts?customerId=${customers['Ola Olsen']}`)).body);
    expect(still.filter((c: { status: string }) => c.status === 'done')).toEqual([]);

    // Sent right, the call is recorded and the page goes back to the list.
    const done = await no.post(`/contacts/${last}/complete`, { outcome: 'reached', stillCustomer: 'yes', note: 'Fornøyd' }, '/contacts');
    expect([done.status, done.location]).toEqual([303, '/contacts']);
  });

  it('lets the admin edit a dealer\'s cadence on the dealer page, a wrong step named under the field and nothing saved', async () => {
    const admin = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    const api = await Client.login(t.baseUrl, 'admin@demo.test');
    const id = dealers.se.id;
    const wrong = await admin.post(`/admin/dealers/${id}/contact-cadence`, { cadence: JSON.stringify([{ afterMonths: 3, kind: 'fax', department: 'sales', purpose: 'Check in' }]) }, '/admin');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(new RegExp(`id="f-cadence-${id}-cadence"[^>]*aria-invalid="true"`));
    expect(wrong.html).toContain(`<p class="field-error" id="e-cadence-${id}-cadence">`);
    expect((await api.get(`/api/dealers/${id}/contact-cadence`)).body.isDefault).toBe(true);
    const notJson = await admin.post(`/admin/dealers/${id}/contact-cadence`, { cadence: '[{ kind: call' }, '/admin');
    expect(notJson.status).toBe(400);

    const steps = [{ afterBusinessDays: 3, kind: 'call', department: 'sales', purpose: 'Ring efter tre dagar' }, { afterMonths: 10, kind: 'call', department: 'service', purpose: 'Dags för service?' }];
    const saved = await admin.post(`/admin/dealers/${id}/contact-cadence`, { cadence: JSON.stringify(steps) }, '/admin');
    expect(saved.status, saved.html.slice(0, 300)).toBe(303);
    expect((await api.get(`/api/dealers/${id}/contact-cadence`)).body).toMatchObject({ isDefault: false, steps });
  });
});
