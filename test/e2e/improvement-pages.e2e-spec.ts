import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { seedImprovementsDemo } from '../../src/database/seeds/improvements.seed.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-11-30T12:00:00Z');

describe('the improvements pages', () => {
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let admin: Client;
  let quality: PageSession, reception: PageSession;
  let dealers: Record<string, DemoDealer>;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
    quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    reception = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
  });
  afterAll(async () => t?.close());

  async function fixedTicket(dealerId: string, department: string, rootCause: string, daysAgo: number): Promise<string> {
    clock.set(new Date(NOW.getTime() - daysAgo * DAY));
    try {
      const res = await admin.post('/api/tickets', complaint(dealerId, { department, customer: { name: `Pages ${++n}`, email: `pages${n}@example.com` } }));
      for (const [stage, body] of [
        ['listen', { contactedVia: 'phone' }],
        ['apologise', { by: 'Staff', how: 'phone' }],
        ['fix', { rootCause, action: 'Call back', owner: 'Staff' }],
      ] as const) expect((await admin.post(`/api/tickets/${res.body.ref}/stages/${stage}`, body)).status).toBe(200);
      return res.body.ref;
    } finally {
      clock.set(NOW);
    }
  }
  const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&#x27;/g, "'").replace(/&amp;/g, '&')]));

  it('opens an improvement from the dashboard suggestion in one click, with its tickets, and shows it on the ticket page', async () => {
    const refs = [await fixedTicket(dealers.nl.id, 'sales', 'waiting-time', 3), await fixedTicket(dealers.nl.id, 'sales', 'waiting-time', 20), await fixedTicket(dealers.nl.id, 'sales', 'waiting-time', 50)];
    const dashboard = await quality.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('Autohuis Utrecht · Sales · Waiting time</strong>: 3 tickets in 90 days');
    const form = /<li class="suggestion">[\s\S]*?<\/li>/.exec(dashboard.html)![0];
    const fields = hidden(form);
    expect(fields.ticketRefs.split(' ').sort()).toEqual([...refs].sort());
    const created = await quality.post('/improvements', fields, '/dashboard');
    expect(created.status, created.html).toBe(303);
    const id = created.location!.split('/').pop()!;
    const page = await quality.get(`/improvements/${id}`);
    expect(page.status).toBe(200);
    for (const ref of refs) expect(page.html).toContain(`<a href="/tickets/${ref}">${ref}</a>`);
    expect(page.html).toContain('Start work');
    // The suggestion is gone while the improvement is open; the dashboard lists it.
    const after = await quality.get('/dashboard');
    expect(after.html).not.toContain('Sales · Waiting time</strong>: 3 tickets');
    expect(after.html).toContain(`<a href="/improvements/${id}">`);
    // The ticket page names the improvements it prompted.
    const ticket = await quality.get(`/tickets/${refs[0]}`);
    expect(ticket.html).toContain(`<a href="/improvements/${id}">Fewer Waiting time complaints in Sales</a>`);

    // Status buttons of the table, and the link form with its errors.
    expect((await quality.post(`/improvements/${id}/status`, { status: 'in-progress' }, `/improvements/${id}`)).status).toBe(303);
    const bad = await quality.post(`/improvements/${id}/tickets`, { refs: 'AM-2026-999999' }, `/improvements/${id}`);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<input type="text" name="refs" id="f-link-refs" aria-invalid="true" aria-describedby="e-link-refs" autofocus[^>]*>/);
    expect(bad.html).toContain('<p class="field-error" id="e-link-refs">Check the tickets</p>');
    const noReason = await quality.post(`/improvements/${id}/status`, { status: 'dropped' }, `/improvements/${id}`);
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('<details id="drop" open>');
    expect(noReason.html).toMatch(/<textarea name="note" id="f-drop-note" aria-invalid="true" aria-describedby="e-drop-note" autofocus/);
    expect(noReason.html).toContain('<p class="field-error" id="e-drop-note">Enter the reason</p>');
    const shown = await quality.get(`/improvements/${id}`);
    expect(shown.html).toContain('Mark done');
    expect(shown.html).not.toContain('Mark verified');
  });

  it('lists overdue first, filters, and gives the receptionist no forms', async () => {
    const owner = ((await admin.get('/api/users')).body as { id: string; email: string }[]).find((u) => u.email === 'quality@demo.test')!.id;
    const make = (title: string, dueDate: string) => admin.post('/api/improvements', { title, dealerId: dealers.nl.id, department: 'service', rootCause: 'process', ownerId: owner, dueDate });
    expect((await make('Later one', '2027-03-01')).status).toBe(201);
    expect((await make('Late one', '2026-11-02')).status).toBe(201);
    const list = await quality.get('/improvements');
    expect(list.html.indexOf('Late one')).toBeGreaterThan(-1);
    expect(list.html.indexOf('Late one')).toBeLessThan(list.html.indexOf('Later one'));
    expect(list.html).toMatch(/Late one<\/a><\/td>\s*<td><span class="tag status-proposed">Proposed<\/span> <span class="sla sla-breached">overdue<\/span>/);
    const filtered = await quality.get('/improvements?status=done');
    expect(filtered.html).not.toContain('Late one');
    const bad = await quality.get('/improvements?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<select name="status" id="f-status" aria-invalid="true" aria-describedby="e-status" autofocus>/);
    expect(bad.html).toContain('<p class="field-error" id="e-status">Choose the status</p>');
    const read = await reception.get('/improvements');
    expect(read.status).toBe(200);
    expect(read.html).toContain('Late one');
    expect(read.html).not.toContain('Open the improvement');
    expect(read.html).not.toContain('<button type="submit">Open an improvement</button>');
  });

  it('shows each refusal of the new-improvement form under its field, in the Dutch manager’s words, and the page in Dutch', async () => {
    const manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const list = await manager.get('/improvements');
    expect(list.html).toContain('<h1>Verbeteringen</h1>');
    expect(list.html).toContain('<summary>Verbetering starten</summary>');
    expect(list.html).toMatch(/<label>Titel <input type="text" name="title" id="f-new-title"[^>]* required>/);
    expect(list.html).not.toMatch(/Open an improvement|Due date|Root cause/);

    const refused = await manager.post('/improvements', { title: '', dealerId: dealers.nl.id, department: 'sales', rootCause: 'nonsense', ownerId: '', dueDate: '2027-01-31' }, '/improvements');
    expect(refused.status).toBe(400);
    // The form is open, each message under its field, tied to it, the first one focused; no list of codes at the top.
    expect(refused.html).toContain('<details class="panel" id="new-improvement" open>');
    expect(refused.html).toMatch(/<input type="text" name="title" id="f-new-title" aria-invalid="true" aria-describedby="e-new-title" autofocus/);
    expect(refused.html).toContain('<p class="field-error" id="e-new-title">Vul de titel in</p>');
    expect(refused.html).toMatch(/<select name="rootCause" id="f-new-rootCause" aria-invalid="true" aria-describedby="e-new-rootCause" required>/);
    expect(refused.html).toContain('<p class="field-error" id="e-new-rootCause">Kies de hoofdoorzaak</p>');
    expect(refused.html).toContain('<p class="field-error" id="e-new-ownerId">Kies de eigenaar</p>');
    expect(refused.html.match(/ autofocus/g)).toHaveLength(1);
    expect(refused.html).not.toMatch(/must be one of|must be a user id|must be 1 to 200/);
    // What was typed stays.
    expect(refused.html).toContain('value="2027-01-31"');

    const owner = /<option value="([^"]+)" >Pieter Bakker<\/option>/.exec(refused.html)![1];
    const created = await manager.post('/improvements', { title: 'Terugbellen binnen het uur', dealerId: dealers.nl.id, department: 'sales', rootCause: 'waiting-time', ownerId: owner, dueDate: '2027-01-31' }, '/improvements');
    expect(created.status, created.html).toBe(303);
    const shown = await manager.get(created.location!);
    expect(shown.html).toContain('<dt>Eigenaar</dt><dd>Pieter Bakker</dd>');
    expect(shown.html).toContain('<dt>Oorzaak</dt><dd>Wachttijd</dd>');
    expect(shown.html).toContain('<span class="tag status-proposed">Voorgesteld</span>');
    expect(shown.html).toContain('>Beginnen</button>');
    expect(shown.html).toContain('<h2 id="tickets-title">Gekoppelde meldingen</h2>');
    expect(shown.html).toMatch(/<time>[^<]+<\/time> Gestart · Pieter Bakker/);
    expect(shown.html).not.toMatch(/Start work|Linked tickets|No tickets linked|History</);
    const listed = await manager.get('/improvements');
    expect(listed.html).toContain('<th>Dealer · afdeling · oorzaak</th>');
    expect(listed.html).toContain('Autohuis Utrecht · Verkoop · Wachttijd');
  });

  it('seeds the demo story: one improvement done with a visible drop, one in progress', async () => {
    await seedImprovementsDemo(t.app, dealers);
    const list = (await admin.get('/api/improvements')).body as { id: string; title: string; status: string }[];
    const done = list.find((i) => i.title.startsWith('A colleague steps in'))!;
    const running = list.find((i) => i.title.startsWith('Road-test every noise repair'))!;
    expect(done.status).toBe('done');
    expect(running.status).toBe('in-progress');
    const detail = (await admin.get(`/api/improvements/${done.id}`)).body;
    expect(detail.effect.before.reduce((s: number, w: { tickets: number }) => s + w.tickets, 0)).toBe(29);
    expect(detail.effect.after).toHaveLength(8);
    expect(detail.effect.changePercent).toBeLessThan(-50);
    expect(detail.moves).toEqual(['verified']);
    expect(detail.tickets.length).toBe(5);
    const page = await quality.get(`/improvements/${done.id}`);
    expect(page.html).toContain('<svg');
    expect(page.html).toContain(`${detail.effect.changePercent} %`);
  });
});
