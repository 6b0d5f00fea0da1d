import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Handlebars writes = and ' as entities; the assertions read the page as a browser would. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
/** The refs a queue page lists, in its order. */
const listed = (html: string) => [...html.matchAll(/name="refs" value="([^"]+)"/g)].map((m) => m[1]);
/** The options of the bulk-assign list. */
const bulkOptions = (html: string) => {
  const select = /<div class="row bulk">[\s\S]*?<select name="assigneeId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
};
/** The markup of one section of the ticket page, by its id or class. */
const section = (html: string, marker: string) => {
  const at = html.indexOf(marker);
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at));
};

/** Issue 17: the receptionist's intake and receipt, the quality manager's queue and ticket page. */
describe('the desk pages', () => {
  let t: TestApp;
  let dealers: Record<string, DemoDealer>;
  let api: Client;
  let reception: PageSession;
  let quality: PageSession;
  let users: { id: string; email: string; dealerId: string | null; name: string }[];
  const user = (email: string) => users.find((u) => u.email === email)!;

  beforeAll(async () => {
    t = await startTestApp();
    api = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(api);
    users = (await api.get('/api/users')).body;
    [reception, quality] = await Promise.all([PageSession.signIn(t.baseUrl, 'reception.nl@demo.test'), PageSession.signIn(t.baseUrl, 'quality@demo.test')]);
  });
  afterAll(() => t?.close());

  describe('intake', () => {
    it('names the dealer, focuses the account, defaults to walk-in and medium, and folds the optional parts', async () => {
      const { status, html } = await reception.get('/intake');
      expect(status).toBe(200);
      expect(html).toMatch(/id="intake-dealer">Voor <strong>[^<]+<\/strong>/);
      expect(html).toContain(`Voor <strong>${dealers.nl.name}</strong>`);
      expect(html).toMatch(/<textarea name="account"[^>]*autofocus/);
      expect(html).toMatch(/name="channel" value="walk-in" checked/);
      expect(html).toMatch(/name="severity" value="medium" checked/);
      // "Done on the spot" (Dutch: "Meteen gedaan") comes right after what happened, before the customer's details.
      expect(html.indexOf('Meteen gedaan')).toBeGreaterThan(html.indexOf('name="account"'));
      expect(html.indexOf('Meteen gedaan')).toBeLessThan(html.indexOf('name="customerName"'));
      // Folded: closed, and holding exactly the optional parts.
      const fold = /<details class="panel more" id="more-details"\s*>([\s\S]*?)<\/details>/.exec(html);
      expect(fold, 'a closed "More details"').not.toBeNull();
      expect(fold![1]).toContain('<summary>Meer details');
      for (const field of ['desiredOutcome', 'saleAtRisk', 'saleModel', 'saleValue', 'vehicleRegistration', 'vehicleModel', 'styleEnergy', 'styleFocus']) expect(fold![1], field).toContain(`name="${field}"`);
      for (const field of ['account', 'customerName', 'listened', 'apologised', 'compensationKind']) expect(fold![1], field).not.toContain(`name="${field}"`);
    });

    it('preselects the user\'s own department when the dealer has it', async () => {
      const manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
      expect((await manager.get('/intake')).html).toMatch(/<option value="sales" selected>/);
      expect((await reception.get('/intake')).html).toMatch(/<option value="reception" selected>/);
      // A user without a department (the quality manager): nothing chosen for them.
      const department = /<select name="department"[\s\S]*?<\/select>/.exec((await quality.get('/intake')).html)![0];
      expect(department, department).not.toMatch(/ selected>/);
    });

    it('opens "More details" again when the form comes back with a mistake in it', async () => {
      const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'Waited', customerName: 'Fold Test', customerEmail: 'fold@example.nl', saleAtRisk: 'on', saleValue: 'lots' });
      expect(res.status).toBe(400);
      expect(res.html).toMatch(/<details class="panel more" id="more-details" open>/);
      expect(res.html).toContain('value="lots"');
    });
  });

  describe('receipt', () => {
    it('shows a QR code of the link, where it was mailed, what happens next; a reload logs nothing more', async () => {
      const before = (await api.get(`/api/tickets?dealerId=${dealers.nl.id}&status=open&limit=200`)).body.items.length;
      const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'Waited at the desk.', customerName: 'Receipt Mail', customerEmail: 'receipt.mail@example.nl', listened: 'on' });
      expect(res.status).toBe(303);
      const first = await reception.get(res.location!);
      expect(first.status).toBe(200);
      const qr = /<div class="qr" role="img" aria-label="QR-code van de volglink">(<svg[\s\S]*?<\/svg>)<\/div>/.exec(first.html);
      expect(qr, 'an inline QR <svg>').not.toBeNull();
      expect(qr![1]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[0-9 ]+"[^>]*>(<path [^>]+\/>)+<\/svg>$/);
      expect(first.html).toContain('Ook gemaild naar <strong>receipt.mail@example.nl</strong>');
      expect(first.html).toContain('Wat er nu gebeurt');
      expect(first.html).toContain(dealers.nl.name);
      // The reload: the receipt again, without the link or its code, and still one ticket.
      const again = await reception.get(res.location!);
      expect(again.status).toBe(200);
      expect(again.html).not.toContain('<svg');
      expect(again.html).toContain('Ook gemaild naar <strong>receipt.mail@example.nl</strong>');
      expect((await api.get(`/api/tickets?dealerId=${dealers.nl.id}&status=open&limit=200`)).body.items.length).toBe(before + 1);
    });

    it('says no e-mail was sent when the customer gave none', async () => {
      const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'Phoned in.', customerName: 'Receipt Phone', customerPhone: '+31 6 1234 5678' });
      expect(res.status).toBe(303);
      const { html } = await reception.get(res.location!);
      expect(html).toContain('Er is geen e-mail verstuurd (geen e-mailadres)');
      expect(html).not.toContain('gemaild naar');
    });

    it('prints as one A5 page without the navigation or buttons', async () => {
      const css = await (await fetch(`${t.baseUrl}/static/app.css`)).text();
      expect(css).toMatch(/@page \{ size: A5;/);
      const print = /@media print \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
      expect(print).toMatch(/\.topbar, \.skip-link, nav, \.screen-only, \.button, button \{ display: none !important; \}/);
      expect(print).toContain('.print-only { display: block; }');
    });
  });

  describe('queue', () => {
    const account = 'I was to see a salesperson at 9:00. The team was in its morning meeting, nobody came, I left after 25 minutes and will buy elsewhere.';
    let risky: string;
    let plain: string;
    let mine: string;

    beforeAll(async () => {
      const at = '2026-11-29T07:35:00.000Z';
      const post = async (overrides: Record<string, unknown>) => {
        const res = await api.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', category: 'waiting-time', receivedAt: at, ...overrides }));
        expect(res.status, res.text).toBe(201);
        return res.body.ref as string;
      };
      risky = await post({ account, saleAtRisk: { model: 'ID.7 Tourer' }, customer: { name: 'Queue Risky', email: 'queue.risky@example.nl' } });
      plain = await post({ account: 'Short one.', customer: { name: 'Queue Plain', email: 'queue.plain@example.nl' } });
      mine = await post({ account: 'Assigned to quality.', customer: { name: 'Queue Mine', email: 'queue.mine@example.nl' } });
      expect((await api.post(`/api/tickets/${mine}/assign`, { assigneeId: user('quality@demo.test').id })).status).toBe(200);
    });

    it('shows a subject (category and the start of the words) and a compact date in the reader language, one line per row', async () => {
      const { html } = await quality.get(`/tickets?dealerId=${dealers.nl.id}&q=${risky}`);
      expect(html).toContain('<th>Subject</th>');
      expect(html).toContain('<td class="subject" title="Sales"><span class="category">Waiting time</span> <span class="excerpt">I was to see a salesperson at 9:00. The team was in its morning meeting, nobody…</span></td>');
      expect(html).not.toContain('will buy elsewhere');
      // 07:35 UTC is 08:35 in Amsterdam; Quinn reads English.
      expect(html).toContain('<time datetime="2026-11-29T07:35:00.000Z">29 Nov 08:35</time>');
      // Anouk reads Dutch.
      expect((await reception.get(`/tickets?q=${risky}`)).html).toMatch(/<time datetime="2026-11-29T07:35:00.000Z">29 nov\.? 08:35<\/time>/);
    });

    it('offers the views one click away, each a filter in the URL with its own result set', async () => {
      const home = decoded((await quality.get('/tickets')).html);
      const me = user('quality@demo.test').id;
      for (const [label, href] of [['Mine', `/tickets?assigneeId=${me}`], ['Unassigned', '/tickets?unassigned=true'], ['Breached', '/tickets?slaState=breached'], ['Sale at risk', '/tickets?saleAtRisk=true']]) {
        expect(home, label).toMatch(new RegExp(`<a href="${href.replace(/[?]/g, '\\?')}" class="view [a-z-]+" *>${label}</a>`));
      }
      expect(home).toMatch(/<a href="\/tickets" class="view view-all" aria-current="page">All open<\/a>/);

      const risk = await quality.get(`/tickets?saleAtRisk=true&dealerId=${dealers.nl.id}`);
      expect(listed(risk.html)).toContain(risky);
      expect(listed(risk.html)).not.toContain(plain);
      const atRisk = (await api.get(`/api/tickets?saleAtRisk=true&limit=200`)).body.items;
      expect(atRisk.length).toBeGreaterThan(0);
      expect(atRisk.every((i: any) => i.saleAtRisk !== null)).toBe(true);
      expect((await api.get(`/api/tickets?saleAtRisk=false&limit=200`)).body.items.every((i: any) => i.saleAtRisk === null)).toBe(true);

      const mineView = await quality.get(`/tickets?assigneeId=${me}`);
      expect(decoded(mineView.html)).toMatch(/class="view view-mine" aria-current="page">Mine</);
      expect(listed(mineView.html)).toEqual([mine]);

      const unassigned = await quality.get(`/tickets?unassigned=true&dealerId=${dealers.nl.id}`);
      expect(listed(unassigned.html)).toEqual(expect.arrayContaining([risky, plain]));
      expect(listed(unassigned.html)).not.toContain(mine);
      expect((await api.get('/api/tickets?unassigned=true&limit=200')).body.items.every((i: any) => i.assigneeId === null)).toBe(true);

      expect(decoded((await quality.get('/tickets?slaState=breached')).html)).toMatch(/class="view view-breached" aria-current="page">Breached</);
      const breached = await quality.get(`/tickets?slaState=breached&dealerId=${dealers.nl.id}`);
      expect(listed(breached.html).length).toBeGreaterThan(0);
      expect(breached.html.match(/<span class="sla sla-[a-z-]+">/g)!.every((s) => s.includes('sla-breached'))).toBe(true);
    });

    it('refuses a view value it does not know, naming the field', async () => {
      const res = await api.get('/api/tickets?saleAtRisk=maybe&unassigned=no');
      expect(res.status).toBe(400);
      expect(res.text).toContain('saleAtRisk must be true or false');
      expect(res.text).toContain('unassigned must be true');
      // The page says it in words, at the top (the view has no box of its own).
      const page = await quality.get('/tickets?saleAtRisk=maybe');
      expect(page.status).toBe(400);
      expect(page.html).toContain('<li>Choose the Sale at risk view</li>');
      expect(page.html).not.toContain('saleAtRisk must be');
    });

    it('documents the views in OpenAPI', async () => {
      const doc = (await api.get('/api/docs-json')).body;
      const params = doc.paths['/api/tickets'].get.parameters.map((p: any) => p.name);
      expect(params).toEqual(expect.arrayContaining(['saleAtRisk', 'unassigned']));
    });

    it('assigns a row, or the selection, to the user with "Assign to me"', async () => {
      const manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
      const page = await manager.get(`/tickets?q=${plain}`);
      expect(page.html).toContain(`<button type="submit" name="assignMe" value="${plain}" class="link assign-me" formnovalidate>Aan mij toewijzen<span class="sr-only"> (${plain})</span></button>`);
      const one = await manager.post('/tickets/bulk-assign', { assignMe: plain, back: `?q=${plain}` }, '/tickets');
      expect(one.status).toBe(303);
      expect(one.location).toBe(`/tickets?q=${plain}`);
      expect((await api.get(`/api/tickets/${plain}`)).body.assigneeId).toBe(user('sales.manager.nl@demo.test').id);
      // Now it is theirs: no button on that row.
      expect((await manager.get(`/tickets?q=${plain}`)).html).not.toContain(`value="${plain}" class="link assign-me"`);

      const selected = await manager.post('/tickets/bulk-assign', { assignMe: 'selected', refs: risky, assigneeId: '' }, '/tickets');
      expect(selected.status).toBe(303);
      expect((await api.get(`/api/tickets/${risky}`)).body.assigneeId).toBe(user('sales.manager.nl@demo.test').id);
    });

    it('offers in the bulk list only people who may take every ticket listed', async () => {
      const noTicket = await api.post('/api/tickets', complaint(dealers.no.id, { customer: { name: 'Bulk Norway', email: 'bulk.no@example.no' } }));
      expect(noTicket.status).toBe(201);
      const everywhere = users.filter((u) => u.dealerId === null).map((u) => u.id);
      // Tickets of two dealers: only those who serve every dealer.
      const both = await quality.get('/tickets');
      expect(new Set(listed(both.html).map((r) => r)).size).toBeGreaterThan(1);
      expect(bulkOptions(both.html).sort()).toEqual(everywhere.filter((id) => users.find((u) => u.id === id)).sort());
      expect(bulkOptions(both.html)).not.toContain(user('sales.manager.nl@demo.test').id);
      expect(both.html).toContain('Choose a dealer above to assign to its staff.');
      // One dealer's tickets: its own staff too, and nobody of another dealer.
      const nl = await quality.get(`/tickets?dealerId=${dealers.nl.id}`);
      expect(bulkOptions(nl.html)).toEqual(expect.arrayContaining([user('sales.manager.nl@demo.test').id, user('reception.nl@demo.test').id, ...everywhere]));
      expect(bulkOptions(nl.html)).not.toContain(user('sales.manager.no@demo.test').id);
      // Sent anyway (an old page), the service still refuses all of them.
      const refused = await quality.post('/tickets/bulk-assign', { refs: noTicket.body.ref, assigneeId: user('sales.manager.nl@demo.test').id }, '/tickets');
      expect(refused.status).toBe(400);
      expect(decoded(refused.html)).toContain("Choose a colleague who works on this dealer's tickets");
      expect((await api.get(`/api/tickets/${noTicket.body.ref}`)).body.assigneeId).toBeNull();
    });
  });

  describe('ticket page', () => {
    it('shows a compensation without a value as "—", not €0.00', async () => {
      const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'No fuel needed.', customerName: 'Dash Value', customerEmail: 'dash@example.nl', listened: 'on', apologised: 'on', compensationKind: 'fuel', compensationNote: 'No need to refuel the loan car' });
      expect(res.status).toBe(303);
      const ref = decodeURIComponent(/\/tickets\/([^/]+)\/receipt/.exec(res.location!)![1]);
      const comp = section((await quality.get(`/tickets/${ref}`)).html, 'id="compensation"');
      expect(comp).toContain('<td>Fuel</td><td>—</td>');
      expect(comp).not.toContain('€0.00');
    });

    it('offers one Acknowledge, for the earliest pending escalation, and takes them in order', async () => {
      const ref = (await api.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales' }))).body.ref;
      const principal = await Client.login(t.baseUrl, 'principal@demo.test');
      for (const reason of ['first', 'second', 'third']) expect((await principal.post(`/api/tickets/${ref}/escalate`, { reason })).status).toBe(200);
      const principalPage = await PageSession.signIn(t.baseUrl, 'principal@demo.test');
      const first = (await principalPage.get(`/tickets/${ref}`)).html;
      const buttons = [...first.matchAll(/action="\/tickets\/[^"]+\/escalations\/([^"]+)\/ack"/g)].map((m) => m[1]);
      expect(buttons).toHaveLength(1);
      expect(first).toContain('Acknowledge level 1</button>');
      const ack = await principalPage.post(`/tickets/${ref}/escalations/${buttons[0]}/ack`, {}, `/tickets/${ref}`);
      expect(ack.status).toBe(303);
      const next = (await principalPage.get(`/tickets/${ref}`)).html;
      expect([...next.matchAll(/\/escalations\/[^"]+\/ack"/g)]).toHaveLength(1);
      expect(next).toContain('Acknowledge level 2</button>');
    });

    it('offers "Assign to me" to one who may take it, and assigns it', async () => {
      const ref = (await api.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales' }))).body.ref;
      const html = (await quality.get(`/tickets/${ref}`)).html;
      expect(html).toContain(`<input type="hidden" name="assigneeId" value="${user('quality@demo.test').id}">`);
      expect(html).toContain('Assign to me</button>');
      const res = await quality.post(`/tickets/${ref}/assign`, { assigneeId: user('quality@demo.test').id }, `/tickets/${ref}`);
      expect(res.status).toBe(303);
      expect((await api.get(`/api/tickets/${ref}`)).body.assigneeId).toBe(user('quality@demo.test').id);
      expect((await quality.get(`/tickets/${ref}`)).html).not.toContain('Assign to me</button>');
    });

    it('shows a refused form again on the ticket page, its errors beside that form', async () => {
      const ref = (await api.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales' }))).body.ref;
      const bad = await quality.post(`/tickets/${ref}/compensations`, { kind: 'gift', amount: '-5', currency: 'EUR' }, `/tickets/${ref}`);
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('<article class="ticket">');
      const comp = section(bad.html, 'id="compensation"');
      expect(comp).toContain('role="alert"');
      expect(bad.html.match(/role="alert"/g)).toHaveLength(1);
      const msg = await quality.post(`/tickets/${ref}/messages`, { body: '', visibility: 'internal' }, `/tickets/${ref}`);
      expect(msg.status).toBe(400);
      expect(section(msg.html, 'id="messages"')).toContain('role="alert"');
      // An unknown escalation of a visible ticket: still the ticket page, the error at the escalations.
      const principal = await Client.login(t.baseUrl, 'principal@demo.test');
      await principal.post(`/api/tickets/${ref}/escalate`, { reason: 'late' });
      const ack = await quality.post(`/tickets/${ref}/escalations/00000000-0000-4000-8000-000000000000/ack`, {}, `/tickets/${ref}`);
      expect(ack.status).toBe(404);
      expect(ack.html).toContain('<article class="ticket">');
      expect(section(ack.html, 'class="panel escalations"')).toContain('role="alert"');
    });
  });
});
