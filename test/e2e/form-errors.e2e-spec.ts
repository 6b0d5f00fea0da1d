import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { translate } from '../../src/common/i18n/translator.js';

/** As Handlebars writes text into the page. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The field `name` (input id f-<form>-<name>) is marked wrong and tied to `message`, which
 * sits under it (after the field, before the next one) with the id the input points at.
 */
function expectUnderField(html: string, name: string, message: string, form?: string) {
  const id = form ? `${form}-${name}` : name;
  const input = new RegExp(`<(input|select|textarea|div)\\b[^>]*id="f-${id}"[^>]*>`).exec(html)?.[0];
  expect(input, `field ${id}`).toBeDefined();
  expect(input).toContain('aria-invalid="true"');
  expect(input).toContain(`aria-describedby="e-${id}"`);
  expect(html).toContain(`<p class="field-error" id="e-${id}">${esc(message)}</p>`);
  // Under its own field: the message follows the input before any other field starts.
  const between = html.slice(html.indexOf(input!) + input!.length, html.indexOf(`id="e-${id}"`));
  expect(between).not.toContain('id="f-');
  // The summary at the top links to it.
  expect(html).toContain(`<a href="#f-${id}">${esc(message)}</a>`);
}

/** The one field focused when the page opens. */
function expectFocused(html: string, name: string, form?: string) {
  const id = form ? `${form}-${name}` : name;
  const focused = [...html.matchAll(/<(input|select|textarea|div)\b[^>]*\bautofocus\b[^>]*>/g)].map((m) => m[0]);
  expect(focused).toHaveLength(1);
  expect(focused[0]).toContain(`id="f-${id}"`);
}

/** No message reads like code: no paths, no rule names. */
function expectNoCode(html: string) {
  expect(html).not.toMatch(/\b[a-zA-Z]+(\.[a-zA-Z]+)+ (is required|must|should)/);
  expect(html).not.toMatch(/\b(is required|must be an e-mail address|must not be less than|should not be empty)\b/);
}

describe('form errors people can read, under their field, in their language', () => {
  let t: TestApp;
  let reception: PageSession;
  let manager: PageSession;
  let admin: PageSession;
  let api: Client;
  let dealers: Record<string, DemoDealer>;

  beforeAll(async () => {
    t = await startTestApp();
    reception = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    admin = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    api = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(api);
  });
  afterAll(() => t?.close());

  const ticketCount = async () => (await api.get('/api/tickets?limit=200')).body.items.length as number;

  it('intake: a Dutch receptionist reads Dutch under each field, the first bad one focused, nothing logged', async () => {
    const before = await ticketCount();
    const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high', customerName: '', customerEmail: 'not-an-address', account: '' }, '/intake');
    expect(res.status).toBe(400);
    expectUnderField(res.html, 'account', 'Vul wat de klant vertelde in');
    expectUnderField(res.html, 'customerName', 'Vul de naam van de klant in');
    expectUnderField(res.html, 'customerEmail', 'Vul het e-mailadres van de klant in als naam@voorbeeld.nl');
    expectFocused(res.html, 'account');
    expect(res.html).toContain('Controleer de gemarkeerde velden hieronder:');
    expect(res.html).not.toContain('customer.name is required');
    expectNoCode(res.html);
    // Required fields are marked for the browser and assistive technology.
    expect(res.html).toMatch(/<input type="text" name="customerName"[^>]*\brequired\b/);
    expect(await ticketCount()).toBe(before);
  });

  describe('the ticket page', () => {
    let ref: string;
    let path: string;
    beforeAll(async () => {
      ref = (await api.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales' }))).body.ref;
      path = `/tickets/${ref}`;
    });
    const ticket = async () => (await api.get(`/api/tickets/${ref}`)).body;

    it('stage form: the missing choice under its field, in Dutch, nothing completed', async () => {
      const res = await reception.post(`${path}/stages/listen`, { contactedVia: '' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'contactedVia', 'Kies hoe u de klant hebt bereikt', 'stage');
      expectFocused(res.html, 'contactedVia', 'stage');
      expectNoCode(res.html);
      expect((await ticket()).stage).toBe('listen');
    });

    it('compensation: a negative amount in words, under the amount', async () => {
      const res = await manager.post(`${path}/compensations`, { kind: 'fuel', amount: '-5', currency: 'EUR' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'amount', 'Vul voor het bedrag 0 of meer in', 'compensation');
      expectFocused(res.html, 'amount', 'compensation');
      expect(res.html).not.toContain('value.amount must not be less than 0');
      expect((await ticket()).compensations).toHaveLength(0);
    });

    it('messages: an empty message', async () => {
      const before = (await ticket()).timeline.length;
      const res = await reception.post(`${path}/messages`, { body: '', visibility: 'internal' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'body', 'Vul uw bericht in', 'message');
      expectFocused(res.html, 'body', 'message');
      expect((await ticket()).timeline.length).toBe(before);
    });

    it('customer contact: a bad e-mail address, the name and phone left as they were', async () => {
      const res = await reception.post(`${path}/customer`, { name: 'Test Customer', email: 'nope', phone: '' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'email', 'Vul het e-mailadres in als naam@voorbeeld.nl', 'customer');
      expectNoCode(res.html);
      expect((await ticket()).customer.email).toBe('test.customer@example.com');
    });

    it('assignment: no one chosen', async () => {
      const res = await manager.post(`${path}/assign`, { assigneeId: '' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'assigneeId', 'Kies een collega', 'assign');
      expectFocused(res.html, 'assigneeId', 'assign');
      expect((await ticket()).assigneeId).toBeNull();
    });

    it('only the form that was sent lights up: the other "reason" fields stay plain', async () => {
      const res = await manager.post(`${path}/escalate`, { reason: '' }, path);
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'reason', 'Vul de reden in', 'escalate');
      expect(res.html).not.toMatch(/id="f-wait-reason"[^>]*aria-invalid/);
    });
  });

  describe('admin (in English, the admin’s language)', () => {
    it('dealers: a missing name and a bad currency, nothing added', async () => {
      const before = (await api.get('/api/dealers')).body.length;
      const res = await admin.post('/admin/dealers', { name: '', country: 'de', timeZone: 'Europe/Berlin', language: 'en', currency: 'euro', calendar: '{"weekly":{},"holidays":[]}' }, '/admin');
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'name', 'Enter the name', 'dealer');
      expectUnderField(res.html, 'currency', 'Check the currency (such as NOK)', 'dealer');
      expectFocused(res.html, 'name', 'dealer');
      expectNoCode(res.html);
      expect((await api.get('/api/dealers')).body.length).toBe(before);
    });

    it('users: a bad e-mail and a short password', async () => {
      const res = await admin.post('/admin/users', { name: 'New Person', email: 'new-person', password: 'short', role: 'receptionist', dealerId: dealers.nl.id }, '/admin');
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'email', 'Enter the e-mail address in the form name@example.com', 'user');
      expectUnderField(res.html, 'password', 'Use at least 10 characters for the password', 'user');
      expectFocused(res.html, 'email', 'user');
      expect(res.html).toContain('value="New Person"');
    });

    it('SLA policies: a target that is not a number', async () => {
      const res = await admin.post('/admin/sla-policies/high', { 'listen-h': 'soon', 'apologise-h': '2', 'fix-h': '8', 'resolve-h': '16', warningPercent: '75' }, '/admin');
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'listen-h', 'Hours must be a whole number, e.g. 4.', 'sla-high');
      expectFocused(res.html, 'listen-h', 'sla-high');
      expectNoCode(res.html);
    });

    it('API keys: no name', async () => {
      const users = (await api.get('/api/users')).body as { id: string; email: string }[];
      const res = await admin.post('/admin/api-keys', { userId: users.find((u) => u.email === 'quality@demo.test')!.id, name: '' }, '/admin');
      expect(res.status).toBe(400);
      expectUnderField(res.html, 'name', 'Enter the name', 'api-key');
    });
  });

  it('queue filters: a filter that makes no sense, under that filter, in the Dutch receptionist’s words, and no rows', async () => {
    const res = await reception.get('/tickets?severity=huge&stage=listen');
    expect(res.status).toBe(400);
    expectUnderField(res.html, 'severity', translate('nl', 'form.rule.choose', { what: translate('nl', 'form.field.severity') }));
    expectFocused(res.html, 'severity');
    expectNoCode(res.html);
    expect(res.html).not.toContain('<table class="queue">');
  });

  it('improvements: the Dutch manager’s new-improvement, link and drop forms, each under its field', async () => {
    const list = await manager.get('/improvements');
    const owner = /<option value="([^"]+)" >Pieter Bakker<\/option>/.exec(list.html)![1]!;
    const refused = await manager.post('/improvements', { title: '', dealerId: dealers.nl.id, department: 'sales', rootCause: 'process', ownerId: owner, dueDate: '31-01-2027' }, '/improvements');
    expect(refused.status).toBe(400);
    expectUnderField(refused.html, 'title', 'Vul de titel in', 'new');
    expectUnderField(refused.html, 'dueDate', 'Controleer de streefdatum', 'new');
    expectFocused(refused.html, 'title', 'new');
    expectNoCode(refused.html);
    const created = await manager.post('/improvements', { title: 'Binnen het uur terugbellen', dealerId: dealers.nl.id, department: 'sales', rootCause: 'process', ownerId: owner, dueDate: '2027-01-31' }, '/improvements');
    expect(created.status).toBe(303);
    const link = await manager.post(`${created.location}/tickets`, { refs: '' }, created.location!);
    expect(link.status).toBe(400);
    expectUnderField(link.html, 'refs', 'Kies de meldingen', 'link');
    expectFocused(link.html, 'refs', 'link');
    const drop = await manager.post(`${created.location}/status`, { status: 'dropped', note: '' }, created.location!);
    expect(drop.status).toBe(400);
    expectUnderField(drop.html, 'note', 'Vul de reden in', 'drop');
    expectNoCode(drop.html);
  });

  it('survey definitions: no name, in English for the admin', async () => {
    const res = await admin.post('/surveys', { name: '', kind: 'after-sales', questions: '[]' }, '/surveys');
    expect(res.status).toBe(400);
    expectUnderField(res.html, 'name', 'Enter the name');
    expectFocused(res.html, 'name');
  });

  it('survey import: no file chosen', async () => {
    const surveys = (await api.get('/api/surveys')).body as { id: string }[];
    const res = await admin.post(`/surveys/${surveys[0]!.id}/import`, {}, `/surveys/${surveys[0]!.id}/import`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectUnderField(res.html, 'file', 'Choose a CSV file of survey responses');
  });

  it('account: a wrong current password in the Dutch manager’s words, under that field', async () => {
    const res = await manager.post('/account/password', { currentPassword: 'not-my-password', newPassword: 'a-fresh-long-passphrase-42' }, '/account');
    expect(res.status).toBe(400);
    expectUnderField(res.html, 'currentPassword', 'Dat is niet uw huidige wachtwoord', 'password');
    expectFocused(res.html, 'currentPassword', 'password');
  });

  it("tracking page: the customer's language, under the field", async () => {
    const created = await api.post('/api/tickets', complaint(dealers.se.id, { customer: { name: 'Sven', email: 'sven@example.se', language: 'sv' } }));
    const token = /\/track\/([A-Za-z0-9_-]+)/.exec(created.body.trackingUrl)![1];
    const res = await fetch(`${t.baseUrl}/track/${token}/messages`, { method: 'POST', body: new URLSearchParams({ body: '' }), headers: { accept: 'text/html' }, redirect: 'manual' });
    const html = await res.text();
    expect(res.status).toBe(400);
    expectUnderField(html, 'body', 'Fyll i ditt meddelande', 'message');
    expect(html).toContain('Kontrollera fälten som är markerade nedan:');
    expectNoCode(html);
  });

  it('the sign-in form: in the language the browser asks for', async () => {
    const { loginForm } = await import('../support/page-session.js');
    const form = await loginForm(t.baseUrl);
    const res = await fetch(`${t.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: form.csrf, email: 'reception.nl@demo.test', password: 'wrong-password' }), headers: { cookie: form.cookie, accept: 'text/html', 'accept-language': 'nb-NO,nb;q=0.9' }, redirect: 'manual' });
    const html = await res.text();
    expect(res.status).toBe(401);
    expectUnderField(html, 'password', 'Feil e-postadresse eller passord');
    expectFocused(html, 'password');
  });
});
