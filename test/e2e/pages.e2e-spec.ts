import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { captureQueries } from '../../src/common/database/query-plans.js';

/** The staff pages: the same services as the API, through forms. */
describe('intake and ticket pages', () => {
  let t: TestApp;
  let reception: PageSession;
  let manager: PageSession;
  let dealers: Record<string, DemoDealer>;
  let api: Client;

  beforeAll(async () => {
    t = await startTestApp();
    reception = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    api = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(api);
  });
  afterAll(() => t?.close());

  it('logs the sales-desk case from the intake form and shows the reference and tracking link', async () => {
    const page = await reception.get('/intake');
    expect(page.status).toBe(200);
    for (const field of ['department', 'category', 'channel', 'severity', 'customerName', 'account', 'desiredOutcome', 'saleAtRisk', 'listened', 'apologised', 'compensationKind']) {
      expect(page.html, field).toContain(`name="${field}"`);
    }
    const res = await reception.post('/intake', {
      department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high', minutesAgo: '30',
      customerName: 'Sanne de Vries', customerEmail: 'sanne@example.nl', customerLanguage: 'nl', styleEnergy: 'reflective', styleFocus: 'facts',
      account: 'Waited 25 minutes at the sales desk; nobody came.', desiredOutcome: 'An apology from sales',
      saleAtRisk: 'on', saleModel: 'ID.7 Tourer', saleValue: '52000',
      listened: 'on', apologised: 'on', compensationKind: 'fuel', compensationAmount: '45', compensationNote: 'No need to refuel the loan car',
    });
    expect(res.status, res.html.slice(0, 500)).toBe(303);
    expect(res.location).toMatch(/^\/tickets\/AM-\d{4}-\d{6}\/receipt$/);
    const receipt = await reception.get(res.location!);
    const ref = /class="ref">(AM-\d{4}-\d{6})</.exec(receipt.html)?.[1];
    expect(ref).toBeDefined();
    expect(receipt.html).toMatch(/id="tracking-url">http[^<]+\/track\/[A-Za-z0-9_-]{43}</);
    const ticket = (await api.get(`/api/tickets/${ref}`)).body;
    expect(ticket).toMatchObject({ stage: 'fix', department: 'sales', saleAtRisk: { model: 'ID.7 Tourer', value: { amount: 52000, currency: 'EUR' } } });
    expect(ticket.compensations[0]).toMatchObject({ kind: 'fuel', state: 'delivered', value: { amount: 45 } });
    expect(ticket.timeline.find((e: any) => e.data.stage === 'apologise').data.by).toBe('Anouk Jansen');
  });

  it('shows the intake form again with the problems named (in the Dutch receptionist’s words) and the input kept', async () => {
    const res = await reception.post('/intake', { department: 'sales', category: '', customerName: 'Kept Name', account: '' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Kies de categorie');
    expect(res.html).toContain('Vul wat de klant vertelde in');
    expect(res.html).toContain('Vul het e-mailadres of telefoonnummer van de klant in');
    expect(res.html).toContain('value="Kept Name"');
  });

  it('works a ticket from its page: stage forms, compensation buttons by limit, messages, assignment', async () => {
    const created = await api.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Piet', email: 'piet@example.nl', style: { outgoing: true, factsFirst: true } } }));
    const ref = created.body.ref;
    const path = `/tickets/${ref}`;
    let page = await reception.get(path);
    // The Dutch receptionist reads the style's advice and the stages in Dutch.
    expect(page.html).toContain('Rood: extravert en zakelijk');
    expect(page.html).toContain('Kom snel terug met een concreet aanbod.');
    expect(page.html).not.toContain('Red: outgoing and factual');
    expect(page.html).toMatch(/<li class=" current" aria-current="step">Luisteren<\/li>/);
    expect(page.html).toContain(`action="/tickets/${ref}/stages/listen"`);

    // Skipping is refused on the page too, with the reason shown.
    const skipped = await reception.post(`${path}/stages/fix`, { rootCause: 'process', action: 'x', owner: 'y' }, path);
    expect(skipped.status).toBe(422);
    expect(skipped.html).toContain('Rond eerst de stappen hiervoor af');

    const listened = await reception.post(`${path}/stages/listen`, { contactedVia: 'phone' }, path);
    expect(listened.status).toBe(303);
    expect(listened.location).toBe(`${path}?done=1`);
    await reception.post(`${path}/stages/apologise`, { by: 'Anouk', how: 'phone', message: 'Sorry for the wait.' }, path);
    const badFix = await manager.post(`${path}/stages/fix`, { rootCause: '', action: '' }, path);
    expect(badFix.status).toBe(400);
    expect(badFix.html).toContain('Kies de hoofdoorzaak');
    expect(badFix.html).toContain('Vul wat er is gedaan om het op te lossen in');
    await manager.post(`${path}/stages/fix`, { rootCause: 'waiting-time', action: 'Call back tomorrow', owner: 'Pieter' }, path);

    // A 300 EUR offer from reception waits; reception sees no approve button, the manager does.
    expect((await reception.post(`${path}/compensations`, { kind: 'goodwill-discount', amount: '300', currency: 'EUR', note: 'Discount' }, path)).status).toBe(303);
    const comp = (await api.get(`/api/tickets/${ref}`)).body.compensations[0];
    expect(comp.state).toBe('proposed');
    page = await reception.get(path);
    expect(page.html).not.toContain(`/compensations/${comp.id}/approve`);
    page = await manager.get(path);
    expect(page.html).toContain(`/compensations/${comp.id}/approve`);
    expect((await manager.post(`${path}/compensations/${comp.id}/approve`, {}, path)).status).toBe(303);
    expect((await manager.post(`${path}/compensations/${comp.id}/deliver`, {}, path)).status).toBe(303);
    expect((await manager.post(`${path}/stages/compensate`, {}, path)).status).toBe(303);

    expect((await manager.post(`${path}/messages`, { body: 'Internal: customer prefers mornings', visibility: 'internal' }, path)).status).toBe(303);
    const users = (await api.get('/api/users')).body;
    const managerId = users.find((u: any) => u.email === 'sales.manager.nl@demo.test').id;
    expect((await manager.post(`${path}/assign`, { assigneeId: managerId }, path)).status).toBe(303);

    const ticket = (await api.get(`/api/tickets/${ref}`)).body;
    expect(ticket).toMatchObject({ stage: 'follow-up', status: 'resolved', assigneeId: managerId });
    page = await manager.get(path);
    expect(page.html).toContain('Internal: customer prefers mornings');
    expect(page.html).toContain('Sorry for the wait.');
    expect(page.html).toContain(`action="/tickets/${ref}/stages/follow-up"`);

    await manager.post(`${path}/stages/follow-up`, { score: '5', via: 'phone' }, path);
    await manager.post(`${path}/stages/closed`, { outcome: 'retained' }, path);
    page = await manager.get(path);
    expect(page.html).toContain(`action="/tickets/${ref}/reopen"`);
    expect(page.html).not.toContain('/stages/');
  });

  it("lists the receptionist's own dealer's tickets still being worked, closed ones on request", async () => {
    const own = await api.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Listed Customer', email: 'listed@example.nl' } }));
    const other = await api.post('/api/tickets', complaint(dealers.no.id, { customer: { name: 'Other Dealer Customer', email: 'other@example.no' } }));
    const list = await reception.get('/tickets');
    expect(list.status).toBe(200);
    expect(list.html).toContain(own.body.ref);
    expect(list.html).not.toContain(other.body.ref);
    expect(list.html).not.toContain('Other Dealer Customer');
    const managerApi = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    const ref = own.body.ref;
    await managerApi.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' });
    await managerApi.post(`/api/tickets/${ref}/stages/apologise`, { by: 'P', how: 'phone' });
    await managerApi.post(`/api/tickets/${ref}/stages/fix`, { rootCause: 'other', action: 'a', owner: 'o' });
    await managerApi.post(`/api/tickets/${ref}/stages/compensate`, { noCompensation: { reason: 'none' } });
    await managerApi.post(`/api/tickets/${ref}/stages/follow-up`, { score: 4, via: 'phone' });
    expect((await managerApi.post(`/api/tickets/${ref}/stages/closed`, { outcome: 'retained' })).status).toBe(200);
    expect((await reception.get('/tickets')).html).not.toContain(ref);
    expect((await reception.get('/tickets?status=all')).html).toContain(ref);
    expect((await reception.get('/tickets?status=closed')).html).toContain(ref);
    const empty = await reception.get('/tickets?q=no-such-ticket-anywhere');
    expect(empty.html).toContain('Geen meldingen gevonden.');
  });

  it('filters the queue with counts per value, keeps filters in the URL, and assigns in bulk', async () => {
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const a = await api.post('/api/tickets', complaint(dealers.se.id, { department: 'parts', severity: 'critical', customer: { name: 'Bulk One', email: 'b1@example.se' } }));
    const b = await api.post('/api/tickets', complaint(dealers.se.id, { department: 'parts', severity: 'critical', customer: { name: 'Bulk Two', email: 'b2@example.se' } }));
    const page = await quality.get(`/tickets?dealerId=${dealers.se.id}&department=parts&severity=critical`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(a.body.ref);
    expect(page.html).toContain(b.body.ref);
    expect(page.html).toMatch(/<option value="critical" selected>Critical \((\d+)\)<\/option>/);
    const decoded = page.html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toContain(`href="/api/exports/tickets.csv?dealerId=${dealers.se.id}&department=parts&severity=critical&openOnly=true"`);
    const users = (await api.get('/api/users')).body;
    const manager = users.find((u: any) => u.email === 'sales.manager.se@demo.test');
    const back = `?dealerId=${dealers.se.id}&department=parts&severity=critical`;
    const res = await quality.post('/tickets/bulk-assign', { refs: a.body.ref, assigneeId: manager.id, back }, '/tickets');
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/tickets${back}`);
    // Two refs in one form post (the same field twice).
    const form = new URLSearchParams([['refs', a.body.ref], ['refs', b.body.ref], ['assigneeId', manager.id], ['back', back]]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await quality.get('/tickets')).html)![1];
    form.append('_csrf', csrf);
    const both = await fetch(`${t.baseUrl}/tickets/bulk-assign`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: (quality as any).cookie, accept: 'text/html' } });
    expect(both.status).toBe(303);
    for (const ref of [a.body.ref, b.body.ref]) expect((await api.get(`/api/tickets/${ref}`)).body.assigneeId).toBe(manager.id);
    const none = await quality.post('/tickets/bulk-assign', { assigneeId: manager.id }, '/tickets');
    expect(none.status).toBe(400);
    expect(none.html).toContain('refs');
  });

  it("keeps the queue's dealer filter in step with the dealers: added, renamed here or by another process, escaped, chosen", async () => {
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const filterOf = async (path = '/tickets') => /<select name="dealerId"[^>]*>(.*?)<\/select>/s.exec((await quality.get(path)).html)?.[1] ?? '';
    expect(await filterOf()).toContain('>Autohuis Utrecht</option>');
    const calendar = { weekly: { mon: [['09:00', '17:00']] }, holidays: [] };
    const made = await admin.post('/api/dealers', { name: 'Bil <Bergen> & Co', country: 'NO', timeZone: 'Europe/Oslo', language: 'nb', currency: 'NOK', calendar });
    expect(made.status, made.text).toBe(201);
    expect(await filterOf()).toContain(`<option value="${made.body.id}">Bil &lt;Bergen&gt; &amp; Co</option>`);
    expect((await admin.patch(`/api/dealers/${made.body.id}`, { name: 'Bil Bergen Sentrum' })).status).toBe(200);
    const renamed = await filterOf();
    expect(renamed).toContain('>Bil Bergen Sentrum</option>');
    expect(renamed).not.toContain('Bil &lt;Bergen&gt;');
    // Another process's change: the row and the dealers' cache version, in one transaction as DealersService writes them.
    const p = (i: number) => (t.dataSource.options.type === 'postgres' ? `$${i}` : '?');
    await t.dataSource.transaction(async (m) => {
      await m.query(`UPDATE dealers SET name = ${p(1)} WHERE id = ${p(2)}`, ['Bil Bergen Bryggen', made.body.id]);
      await m.query(`UPDATE cache_versions SET stamp = ${p(1)} WHERE name = 'dealers'`, ['changed-elsewhere']);
    });
    expect(await filterOf()).toContain('>Bil Bergen Bryggen</option>');
    const chosen = await filterOf(`/tickets?dealerId=${made.body.id}`);
    expect(chosen).toContain(`<option value="${made.body.id}" selected>Bil Bergen Bryggen</option>`);
    expect(chosen.match(/selected/g)).toHaveLength(1);
  });

  it('reads for the queue page what the JSON of the same queue reads, plus only the counts and the staff', async () => {
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const qualityApi = await Client.login(t.baseUrl, 'quality@demo.test');
    await api.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Counted Once', email: 'counted@example.nl' } }));
    const statements = async (read: () => Promise<{ status: number }>) => (await captureQueries(t.dataSource, async () => expect((await read()).status).toBe(200))).map((q) => q.sql);
    await quality.get('/tickets');
    const json = await statements(() => qualityApi.get('/api/tickets?openOnly=true'));
    const page = await statements(() => quality.get('/tickets'));
    // What the page reads beyond the JSON's statements (each of those matched once); its queue read is the JSON's with the start of each account.
    const extra = page.map((sql) => sql.replace(/, SUBSTR\(t\."account", 1, \d+\) AS "accountStart"/, ''));
    for (const sql of json) if (extra.includes(sql)) extra.splice(extra.indexOf(sql), 1);
    expect(extra, extra.join('\n')).toHaveLength(2);
    expect(extra.filter((sql) => /\bFROM queue_counts\b/.test(sql))).toHaveLength(1);
    expect(extra.filter((sql) => /\bFROM users\b/.test(sql))).toHaveLength(1);
  });

  it('answers an out-of-scope ticket page with 404 and an error page', async () => {
    const other = await api.post('/api/tickets', complaint(dealers.no.id));
    const page = await reception.get(`/tickets/${other.body.ref}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('No ticket');
    const post = await reception.post(`/tickets/${other.body.ref}/messages`, { body: 'x', visibility: 'internal' }, '/tickets');
    expect(post.status).toBe(404);
    expect(post.html).toContain('No ticket');
  });
});
