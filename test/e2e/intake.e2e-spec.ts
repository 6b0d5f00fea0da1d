import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesDeskWait } from '../../src/database/seeds/demo-data.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('complaint intake: the Dutch sales-desk case', () => {
  let t: TestApp;
  let receptionNl: Client;
  let receptionNo: Client;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;
  let created: any;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    receptionNl = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    receptionNo = await Client.login(t.baseUrl, 'reception.no@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(quality);
    const receivedAt = new Date(Date.now() - 35 * 60_000).toISOString().replace('Z', '+00:00');
    const res = await receptionNl.post('/api/tickets', salesDeskWait(dealers.nl.id, receivedAt));
    expect(res.status, res.text).toBe(201);
    created = res.body;
    token = new URL(created.trackingUrl).pathname.split('/').pop()!;
  });
  afterAll(() => t?.close());

  it('answers 201 with a human reference, the tracking link, and the on-the-spot work done', () => {
    expect(created.ref).toMatch(/^AM-\d{4}-\d{6}$/);
    expect(created.trackingUrl).toMatch(/\/track\/[A-Za-z0-9_-]{43}$/);
    expect(created.dealerId).toBe(dealers.nl.id);
    expect(created.department).toBe('sales');
    expect(created.category).toBe('waiting-time');
    // Listened and apologised on the spot: the ticket now waits for the fix.
    expect(created.stage).toBe('fix');
    expect(created.status).toBe('open');
    expect(created.saleAtRisk).toEqual({ model: 'ID.7 Tourer', value: { amount: 52000, currency: 'EUR' } });
    expect(created.customer).toMatchObject({ name: 'Sanne de Vries', language: 'nl', style: { outgoing: false, factsFirst: true, colour: 'blue' } });
  });

  it('records listening, apology and the fuel compensation as timeline events of the receptionist', () => {
    const types = created.timeline.map((e: any) => [e.type, e.data.stage ?? e.data.kind ?? null]);
    expect(types).toEqual([
      ['created', null],
      ['stage-completed', 'listen'],
      ['stage-completed', 'apologise'],
      ['compensation-delivered', 'fuel'],
    ]);
    for (const e of created.timeline) {
      expect(e.actor).toMatchObject({ type: 'user', name: 'Anouk Jansen' });
      expect(new Date(e.at).getTime()).not.toBeNaN();
    }
    expect(created.timeline[2].data).toMatchObject({ by: 'Reception (Utrecht)', how: 'in-person', onTheSpot: true });
    expect(created.compensations).toHaveLength(1);
    expect(created.compensations[0]).toMatchObject({ kind: 'fuel', value: { amount: 45, currency: 'EUR' }, state: 'delivered', note: 'No need to refuel the loan car' });
  });

  it('reads the ticket back in the same shape, without the tracking link', async () => {
    const res = await receptionNl.get(`/api/tickets/${created.ref}`);
    expect(res.status).toBe(200);
    const { trackingUrl, ...rest } = created;
    expect(trackingUrl).toBeDefined();
    expect(res.body).toEqual(rest);
    expect(res.body.trackingUrl).toBeUndefined();
    expect(res.body.receivedAt).toBe(new Date(created.receivedAt).toISOString());
  });

  it('stores only a hash of the tracking token', async () => {
    const rows = await t.dataSource.query('SELECT "trackingTokenHash" FROM tickets WHERE ref = $1'.replace('$1', t.dataSource.options.type === 'postgres' ? '$1' : '?'), [created.ref]);
    expect(rows[0].trackingTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].trackingTokenHash).not.toContain(token);
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM tickets'));
    expect(dump).not.toContain(token);
  });

  it('opens the tracking link without signing in, in plain words', async () => {
    const res = await Client.anonymous(t.baseUrl).get(`/api/track/${token}`);
    expect(res.status).toBe(200);
    expect(res.body.ref).toBe(created.ref);
    expect(res.body.dealer.name).toBe(dealers.nl.name);
    expect(res.body.steps.map((s: any) => [s.stage, s.done])).toEqual([
      // The fuel given at the counter: its step is done while the fix is still to come.
      ['listen', true], ['apologise', true], ['fix', false], ['compensate', true], ['follow-up', false],
    ]);
    // Sanne's language is Dutch; any of the four can be asked for.
    expect(res.body.language).toBe('nl');
    expect(res.body.timeline.map((e: any) => e.text)).toEqual(['We hebben uw melding ontvangen', 'We hebben naar u geluisterd', 'We hebben onze excuses aangeboden', 'U hoeft de leenauto niet te tanken']);
    const english = await Client.anonymous(t.baseUrl).get(`/api/track/${token}?lang=en`);
    expect(english.body.timeline.map((e: any) => e.text)).toEqual(['We received your case', 'We have listened to you', 'We have apologised', 'You need not refuel the loan car']);
    expect(res.body.dealer.openingHours[4]).toEqual({ day: 'vrijdag', hours: '09:00–17:00' });
    // Nothing internal reaches the customer.
    expect(JSON.stringify(res.body)).not.toContain('Anouk');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the customer page, not indexed and without referrer', async () => {
    const res = await Client.anonymous(t.baseUrl).get(`/track/${token}`, { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(created.ref);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toContain('We hebben onze excuses aangeboden');
    expect(res.text).toContain('Openingstijden');
    const swedish = await Client.anonymous(t.baseUrl).get(`/track/${token}?lang=sv`, { accept: 'text/html' });
    expect(swedish.text).toContain('Vi har bett om ursäkt');
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers 404 for unknown, malformed and altered tokens', async () => {
    const anon = Client.anonymous(t.baseUrl);
    const altered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const bad of [altered, 'x', 'A'.repeat(43), `${token}x`]) {
      const res = await anon.get(`/api/track/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No case found for this link', code: 'tracking.not-found' });
    }
  });

  it("hides the ticket from another dealer's receptionist (404), for reads and changes alike", async () => {
    const read = await receptionNo.get(`/api/tickets/${created.ref}`);
    expect(read.status).toBe(404);
    expect(read.body.message).toBe(`No ticket ${created.ref}`);
    const unknown = await receptionNo.get('/api/tickets/AM-2026-999999');
    // The same answer as for a ticket that does not exist at all.
    expect(unknown.body).toEqual({ ...read.body, message: 'No ticket AM-2026-999999' });

    const note = await receptionNo.post(`/api/tickets/${created.ref}/messages`, { body: 'sneaky', visibility: 'internal' });
    // A change answers as for an unknown ticket too: a 403 would tell that the reference exists.
    expect(note.status).toBe(404);
    expect(note.body).toEqual(read.body);
    const assign = await receptionNo.post(`/api/tickets/${created.ref}/assign`, { assigneeId: created.id });
    expect(assign.status).toBe(404);
    expect(assign.body).toEqual(read.body);
    const list = await receptionNo.get(`/api/tickets?dealerId=${dealers.nl.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const own = await receptionNo.get('/api/tickets?limit=200');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((i: any) => i.dealerId === dealers.no.id)).toBe(true);
    // Nothing was written by the refused changes.
    const after = await receptionNl.get(`/api/tickets/${created.ref}`);
    expect(after.body.timeline).toHaveLength(4);
  });

  it('refuses to log a ticket for another dealer (403) and writes nothing', async () => {
    const before = await quality.get('/api/tickets?limit=200');
    const res = await receptionNo.post('/api/tickets', complaint(dealers.nl.id));
    expect(res.status).toBe(403);
    const after = await quality.get('/api/tickets?limit=200');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('lets the quality manager, who sees all dealers, read it, note on it and assign it to the sales manager', async () => {
    expect((await quality.get(`/api/tickets/${created.ref}`)).status).toBe(200);
    const users = await quality.get('/api/users');
    const manager = users.body.find((u: any) => u.email === 'sales.manager.nl@demo.test');
    const assigned = await quality.post(`/api/tickets/${created.ref}/assign`, { assigneeId: manager.id });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.assigneeId).toBe(manager.id);
    expect(assigned.body.timeline.at(-1)).toMatchObject({ type: 'assigned', visibility: 'internal', actor: { name: 'Quinn Quality' }, data: { assigneeId: manager.id } });

    const wrongDealer = users.body.find((u: any) => u.email === 'sales.manager.no@demo.test');
    const refused = await quality.post(`/api/tickets/${created.ref}/assign`, { assigneeId: wrongDealer.id });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/assigneeId/);

    const msg = await quality.post(`/api/tickets/${created.ref}/messages`, { body: 'Our sales manager will call you today.', visibility: 'customer' });
    expect(msg.status).toBe(201);
    const tracking = await Client.anonymous(t.baseUrl).get(`/api/track/${token}`);
    expect(tracking.body.messages).toEqual([expect.objectContaining({ from: 'dealer', body: 'Our sales manager will call you today.' })]);
  });

  it('lists the queue with filters, sorting and cursor paging', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await receptionNl.post('/api/tickets', complaint(dealers.nl.id, { severity: i % 2 ? 'low' : 'critical', receivedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString() }));
      expect(r.status, r.text).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await receptionNl.get(`/api/tickets?sort=receivedAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: any) => i.receivedAt));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect([...seen].sort().reverse()).toEqual(seen);

    const critical = await receptionNl.get('/api/tickets?severity=critical&limit=200');
    expect(critical.body.items.length).toBeGreaterThanOrEqual(3);
    expect(critical.body.items.every((i: any) => i.severity === 'critical')).toBe(true);

    const bySeverity = await receptionNl.get('/api/tickets?sort=severity&limit=200');
    const ranks = bySeverity.body.items.map((i: any) => ['low', 'medium', 'high', 'critical'].indexOf(i.severity));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    const text = await receptionNl.get('/api/tickets?q=sanne');
    expect(text.body.items.map((i: any) => i.ref)).toContain(created.ref);
    expect(text.body.items.every((i: any) => i.customer.name === 'Sanne de Vries')).toBe(true);
    const byRef = await receptionNl.get(`/api/tickets?q=${created.ref.toLowerCase()}`);
    expect(byRef.body.items.map((i: any) => i.ref)).toEqual([created.ref]);
    // LIKE wildcards are no wildcards: with no word to search, they find nothing.
    expect((await receptionNl.get('/api/tickets?q=%25%25')).body.items).toEqual([]);

    expect((await receptionNl.get('/api/tickets?openOnly=maybe')).status).toBe(400);
    expect((await receptionNl.get('/api/tickets?openOnly=true')).body.items.every((i: any) => i.status !== 'closed')).toBe(true);
    // Stage and SLA filters are accepted.
    expect((await receptionNl.get('/api/tickets?stage=fix&slaState=on-track&status=open&channel=walk-in')).status).toBe(200);
    const bad = await receptionNl.get('/api/tickets?limit=500&sort=colour&cursor=zzz');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^limit/), expect.stringMatching(/^sort/)]));
    const badCursor = await receptionNl.get('/api/tickets?cursor=zzz');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.message).toMatch(/cursor/);
  });
});
