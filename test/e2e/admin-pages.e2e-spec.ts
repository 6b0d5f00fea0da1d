import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('admin pages', () => {
  let t: TestApp;
  let admin: PageSession;
  let api: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    api = await Client.login(t.baseUrl, 'admin@demo.test');
  });
  afterAll(() => t?.close());

  it('lists dealers, users, SLA policies and keys, for admins only', async () => {
    const page = await admin.get('/admin');
    expect(page.status).toBe(200);
    for (const id of ['dealers', 'users', 'sla', 'api-keys']) expect(page.html).toContain(`id="${id}"`);
    expect(page.html).toContain('Autohuis Utrecht');
    // Who each level reaches: the Utrecht sales manager at level 1 for sales.
    expect(page.html).toMatch(/<td>Autohuis Utrecht<\/td><td>Sales<\/td><td>Pieter Bakker<\/td><td>Quinn Quality<\/td><td>Pia Principal<\/td>/);
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    expect((await quality.get('/admin')).status).toBe(403);
  });

  it('adds a dealer with its opening hours from the grid, refusing bad hours under the field', async () => {
    const fields = { name: 'Bil Bergen', country: 'no', timeZone: 'Europe/Oslo', language: 'nb', currency: 'NOK' };
    const page = await admin.get('/admin');
    // The new dealer's grid starts with weekdays 09:00–17:00 and offers empty rows, so no script is needed.
    expect(page.html).toContain('name="mon-0-from" value="09:00"');
    expect(page.html).toContain('name="mon-1-from" value=""');
    expect(page.html).toContain('name="holiday-2-date" value=""');
    const bad = await admin.post('/admin/dealers', { ...fields, 'mon-0-from': '18:00', 'mon-0-to': '09:00' }, '/admin');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-dealer-mon-0-to"[^>]*aria-invalid="true" aria-describedby="e-dealer-mon-0-to"/);
    expect(bad.html).toContain('<p class="field-error" id="e-dealer-mon-0-to">Closes (09:00) before it opens (18:00).</p>');
    expect(bad.html).toContain('value="Bil Bergen"');
    const good = await admin.post('/admin/dealers', { ...fields, 'mon-0-from': '09:00', 'mon-0-to': '17:00', 'holiday-0-date': '2026-12-25', 'holiday-0-name': '1. juledag' }, '/admin');
    expect(good.status).toBe(303);
    const made = (await api.get('/api/dealers')).body.find((d: any) => d.name === 'Bil Bergen');
    expect(made.calendar).toEqual({ weekly: { mon: [['09:00', '17:00']] }, holidays: [{ date: '2026-12-25', name: '1. juledag', intervals: [] }] });
  });

  it('saves a week with two intervals on Monday and a holiday from the grid, as the API reads it back', async () => {
    const dealer = (await api.get('/api/dealers')).body.find((d: any) => d.name === 'Autohuis Utrecht');
    const week = {
      'mon-0-from': '08:00', 'mon-0-to': '12:00', 'mon-1-from': '13:00', 'mon-1-to': '17:00', 'mon-2-from': '', 'mon-2-to': '',
      'tue-0-from': '08:30', 'tue-0-to': '17:00', 'sat-0-from': '', 'sat-0-to': '',
      'holiday-0-date': '2026-12-24', 'holiday-0-name': 'Kerstavond', 'holiday-0-from': '09:00', 'holiday-0-to': '12:00',
      'holiday-1-date': '2026-12-25', 'holiday-1-name': 'Eerste Kerstdag', 'holiday-2-date': '', 'holiday-2-name': '',
    };
    const saved = await admin.post(`/admin/dealers/${dealer.id}/calendar`, week, '/admin');
    expect(saved.status, saved.html).toBe(303);
    const back = (await api.get(`/api/dealers/${dealer.id}`)).body;
    expect(back.calendar).toEqual({
      weekly: { mon: [['08:00', '12:00'], ['13:00', '17:00']], tue: [['08:30', '17:00']] },
      holidays: [{ date: '2026-12-24', name: 'Kerstavond', intervals: [['09:00', '12:00']] }, { date: '2026-12-25', name: 'Eerste Kerstdag', intervals: [] }],
    });
    // The grid shows it back: two intervals and an empty row on Monday, the holidays and empty rows under them.
    const html = (await admin.get('/admin')).html;
    const grid = html.slice(html.indexOf(`id="dealer-${dealer.id}"`));
    for (const [name, value] of [['mon-0-from', '08:00'], ['mon-1-from', '13:00'], ['mon-1-to', '17:00'], ['mon-2-from', ''], ['holiday-0-date', '2026-12-24'], ['holiday-1-name', 'Eerste Kerstdag'], ['holiday-2-date', '']]) {
      expect(grid).toContain(`id="f-calendar-${dealer.id}-${name}" name="${name}" value="${value}"`);
    }
    expect(html).not.toContain('"weekly"');
  });

  it('refuses overlapping intervals with the message under the field, changing nothing', async () => {
    const dealer = (await api.get('/api/dealers')).body.find((d: any) => d.name === 'Autohuis Utrecht');
    const before = (await api.get(`/api/dealers/${dealer.id}`)).body.calendar;
    const res = await admin.post(`/admin/dealers/${dealer.id}/calendar`, { 'mon-0-from': '08:00', 'mon-0-to': '12:30', 'mon-1-from': '12:00', 'mon-1-to': '17:00', 'holiday-0-date': '2026-13-01' }, '/admin');
    expect(res.status).toBe(400);
    const id = `calendar-${dealer.id}-mon-1-from`;
    expect(res.html).toMatch(new RegExp(`id="f-${id}" name="mon-1-from" value="12:00"[^>]*aria-invalid="true" aria-describedby="e-${id}" autofocus`));
    expect(res.html).toContain(`<p class="field-error" id="e-${id}">12:00–17:00 overlaps 08:00–12:30.</p>`);
    // Listed at the top too, each linking to its field.
    expect(res.html).toContain(`<a href="#f-${id}">12:00–17:00 overlaps 08:00–12:30.</a>`);
    expect(res.html).toContain(`<p class="field-error" id="e-calendar-${dealer.id}-holiday-0-date">&quot;2026-13-01&quot; is not a date; pick one, e.g. 2026-12-24.</p>`);
    expect((await api.get(`/api/dealers/${dealer.id}`)).body.calendar).toEqual(before);
    // A post without the grid's fields (the old JSON textarea) is refused, not saved as closed all week.
    const old = await admin.post(`/admin/dealers/${dealer.id}/calendar`, { calendar: '{"weekly":{},"holidays":[]}' }, '/admin');
    expect(old.status).toBe(400);
    expect((await api.get(`/api/dealers/${dealer.id}`)).body.calendar).toEqual(before);
  });

  it('adds a user with validation messages, changes an SLA policy, and makes and revokes a key', async () => {
    const weak = await admin.post('/admin/users', { name: 'New', email: 'new@demo.test', password: 'short', role: 'quality-manager' }, '/admin');
    expect(weak.status).toBe(400);
    expect(weak.html).toContain('Use at least 10 characters for the password');
    expect((await admin.post('/admin/users', { name: 'New', email: 'new@demo.test', password: 'long-enough-pw', role: 'quality-manager' }, '/admin')).status).toBe(303);

    // Targets in hours and minutes, the warning point in %: stored as business minutes and a share.
    const policy = { 'listen-h': '1', 'listen-m': '30', 'apologise-h': '4', 'apologise-m': '', 'fix-h': '24', 'fix-m': '0', 'resolve-h': '80', 'resolve-m': '', warningPercent: '75' };
    expect((await admin.post('/admin/sla-policies/low', policy, '/admin')).status).toBe(303);
    const low = (await api.get('/api/sla/policies')).body.find((p: any) => p.severity === 'low');
    expect(low).toMatchObject({ targets: { listen: 90, apologise: 240, fix: 1440, resolve: 4800 }, warningThreshold: 0.75 });
    const shown = (await admin.get('/admin')).html;
    const form = shown.slice(shown.indexOf('id="sla-low"'), shown.indexOf('</form>', shown.indexOf('id="sla-low"')));
    expect(form).toContain('Listen <span class="muted">— 1 h 30 min</span>');
    expect(form).toContain('Apologise <span class="muted">— 4 h</span>');
    expect(form).toContain('name="listen-h" value="1"');
    expect(form).toContain('name="listen-m" value="30"');
    expect(form).toContain('name="apologise-m" value="0"');
    expect(form).toContain('name="warningPercent" value="75"');
    expect(form).not.toContain('0.75');
    const refused = await admin.post('/admin/sla-policies/low', { ...policy, 'listen-h': 'soon', 'fix-m': '75', warningPercent: '0.8' }, '/admin');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('<p class="field-error" id="e-sla-low-listen-h">Hours must be a whole number, e.g. 4.</p>');
    expect(refused.html).toContain('<p class="field-error" id="e-sla-low-fix-m">Minutes must be from 0 to 59; write 90 minutes as 1 h 30 min.</p>');
    expect(refused.html).toContain('<p class="field-error" id="e-sla-low-warningPercent">Warn between 10 % and 99 % of the time allowed, e.g. 75.</p>');
    expect(refused.html).toContain('name="listen-h" value="soon"');
    expect((await api.get('/api/sla/policies')).body.find((p: any) => p.severity === 'low')).toEqual(low);

    const users = (await api.get('/api/users')).body;
    const made = await admin.post('/admin/api-keys', { userId: users.find((u: any) => u.email === 'quality@demo.test').id, name: 'survey provider' }, '/admin');
    expect(made.status).toBe(303);
    const key = /id="new-key">(amk_[A-Za-z0-9_-]{43})</.exec((await admin.get(made.location!)).html)![1];
    expect((await Client.withKey(t.baseUrl, key).get('/api/me')).status).toBe(200);
    const keys = (await api.get('/api/admin/api-keys')).body;
    expect((await admin.post(`/admin/api-keys/${keys[0].id}/revoke`, {}, '/admin')).status).toBe(303);
    expect((await Client.withKey(t.baseUrl, key).get('/api/me')).status).toBe(401);
  });

  it("shows each user's dealer by name and edits name, role, dealer, department and language from the table", async () => {
    const dealers = (await api.get('/api/dealers')).body;
    const se = dealers.find((d: any) => d.country === 'se');
    const nl = dealers.find((d: any) => d.country === 'nl');
    const user = (await api.get('/api/users')).body.find((u: any) => u.email === 'reception.nl@demo.test');
    const html = (await admin.get('/admin')).html;
    const row = html.slice(html.indexOf(`id="user-${user.id}"`), html.indexOf('</tr>', html.indexOf(`id="user-${user.id}"`)));
    expect(row).toContain(`<option value="${nl.id}" selected>${nl.name}</option>`);
    // No id is shown as text in the users table: dealers appear by name.
    const table = html.slice(html.indexOf('aria-label="Users"'), html.indexOf('</table>', html.indexOf('aria-label="Users"')));
    expect(table.replace(/<[^>]*>/g, ' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    const edited = await admin.post(`/admin/users/${user.id}`, { name: 'Sanne Receptie', role: 'department-manager', dealerId: se.id, department: 'service', language: 'sv' }, '/admin');
    expect(edited.status, edited.html).toBe(303);
    const after = (await api.get('/api/users')).body.find((u: any) => u.id === user.id);
    expect(after).toMatchObject({ name: 'Sanne Receptie', role: 'department-manager', dealerId: se.id, department: 'service', language: 'sv', active: true });
    const again = (await admin.get('/admin')).html;
    const newRow = again.slice(again.indexOf(`id="user-${user.id}"`), again.indexOf('</tr>', again.indexOf(`id="user-${user.id}"`)));
    expect(newRow).toContain(`<option value="${se.id}" selected>${se.name}</option>`);
    expect(newRow).toContain('<option value="sv" selected>');
    // Active is edited from the same row.
    expect((await admin.post(`/admin/users/${user.id}/active`, { active: 'false' }, '/admin')).status).toBe(303);
    expect((await api.get('/api/users')).body.find((u: any) => u.id === user.id).active).toBe(false);
    const bad = await admin.post(`/admin/users/${user.id}`, { name: '', role: 'receptionist', dealerId: se.id }, '/admin');
    expect(bad.status).toBe(400);
  });
  it('speaks the admin’s own language: every heading, label and button, day names, and the grid’s and SLA form’s messages in Swedish', async () => {
    expect((await api.post('/api/users', { name: 'Sara Admin', email: 'sara.admin@demo.test', password: 'demo-password-sv', role: 'admin', dealerId: null, language: 'sv' })).status).toBe(201);
    const sara = await PageSession.signIn(t.baseUrl, 'sara.admin@demo.test', 'demo-password-sv');
    const page = await sara.get('/admin');
    expect(page.status).toBe(200);
    for (const words of ['<h1>Administration</h1>', '<h2>Återförsäljare och öppettider</h2>', '<h2>Användare och roller</h2>', '<h2>SLA-regler</h2>', '<h2>Eskaleringskontakter</h2>', '<h2>API-nycklar</h2>',
      '<legend>Öppettider per veckodag</legend>', '>Måndag</span>', '<legend>Helgdagar</legend>', '<summary>Öppettider och helgdagar</summary>', '>Spara öppettider</button>',
      '<h3>Kritisk</h3>', '>Varna handläggaren vid</label>', '<th>Engångslösenord</th>', '>Kvalitetschef</option>', '>Lägg till användare</button>', '>Skapa en nyckel</button>', '<td>Autohuis Utrecht</td><td>Försäljning</td>'])
      expect(page.html, words).toContain(words);
    // No English left in what the page says (names, codes and examples aside).
    const text = page.html.replace(/<script[\s\S]*?<\/script>|<[^>]+>/g, ' ');
    expect(text).not.toMatch(/Opening hours|Dealers and calendars|Users and roles|Save opening|Add user|Make a key|Warn the assignee|Monday|Holidays|One-time password|Escalation contacts/);

    const bad = await sara.post('/admin/dealers', { name: 'Bil Malmö', country: 'se', timeZone: 'Europe/Stockholm', language: 'sv', currency: 'SEK', 'mon-0-from': '18:00', 'mon-0-to': '09:00' }, '/admin');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('<p class="field-error" id="e-dealer-mon-0-to">Stänger (09:00) innan det öppnar (18:00).</p>');
    const policy = await sara.post('/admin/sla-policies/low', { 'listen-h': 'snart', 'listen-m': '0', 'apologise-h': '8', 'apologise-m': '0', 'fix-h': '24', 'fix-m': '0', 'resolve-h': '80', 'resolve-m': '0', warningPercent: '75' }, '/admin');
    expect(policy.status).toBe(400);
    expect(policy.html).toContain('Timmar måste vara ett heltal, t.ex. 4.');
    expect(policy.html).toMatch(/id="f-sla-low-listen-h"[^>]*aria-invalid="true"/);
    const missing = await sara.post('/admin/users', { name: '', email: 'x@demo.test', password: 'long-enough-1', role: 'admin' }, '/admin');
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('<p class="field-error" id="e-user-name">Fyll i namnet</p>');
    // Every admin form says it under its field: the cadence that is not JSON, a calendar post without the grid.
    const se = ((await api.get('/api/dealers')).body as { id: string; country: string }[]).find((d) => d.country === 'se')!;
    const cadence = await sara.post(`/admin/dealers/${se.id}/contact-cadence`, { cadence: '[{' }, '/admin');
    expect(cadence.status).toBe(400);
    expect(cadence.html).toMatch(new RegExp(`<textarea name="cadence" id="f-cadence-${se.id}-cadence" aria-invalid="true" aria-describedby="e-cadence-${se.id}-cadence" autofocus`));
    expect(cadence.html).toContain(`<p class="field-error" id="e-cadence-${se.id}-cadence">Kontrollera kontaktplanen</p>`);
    const noGrid = await sara.post(`/admin/dealers/${se.id}/calendar`, { calendar: '{}' }, '/admin');
    expect(noGrid.status).toBe(400);
    expect(noGrid.html).toContain(`<p class="field-error" id="e-calendar-${se.id}-mon-0-from">Skicka öppettiderna från tabellen på den här sidan (fält som mon-0-from).</p>`);
  });
});
