import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const QUESTIONS = [
  { id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
];

/**
 * Double submissions create one ticket: the intake form redirects to a receipt that shows
 * the tracking link once; an Idempotency-Key on the API and the survey webhook replays the
 * first answer; concurrent deliveries of one survey response all get the first answer.
 * Counted in the database: tickets, survey responses and outbox rows (mails).
 */
describe('double submissions', () => {
  // The clock stands still (so sessions stay alive) until the last test moves it a day on.
  const clock = new FixedClock(new Date());
  let t: TestApp;
  let reception: Client;
  let quality: Client;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  let surveyId: string;

  const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
  /** Tickets of the customer with this (unique) e-mail, and mails to it. */
  const ticketsOf = (email: string) => count(`SELECT COUNT(*) AS n FROM tickets k JOIN customers c ON c.id = k."customerId" WHERE c.email = '${email}'`);
  const mailsTo = (email: string) => count(`SELECT COUNT(*) AS n FROM notifications WHERE "recipientEmail" = '${email}'`);
  const allTickets = () => count('SELECT COUNT(*) AS n FROM tickets');
  const webhookBody = (externalId: string, score: number) => ({
    externalId,
    dealerId: dealers.nl.id,
    respondedAt: '2026-11-20T10:00:00+01:00',
    customer: { name: `Respondent ${externalId}`, email: `${externalId}@example.nl` },
    answers: [{ questionId: 'reception-wait', score }],
  });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(quality);
    const survey = await admin.post('/api/surveys', { name: 'Double submissions', kind: 'after-sales', questions: QUESTIONS });
    expect(survey.status, survey.text).toBe(201);
    surveyId = survey.body.id;
  });
  afterAll(() => t?.close());

  describe('the intake form (post-redirect-get)', () => {
    it('answers 303 to a receipt that shows the tracking link once; reloading it logs nothing more', async () => {
      const page = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
      const before = await allTickets();
      const posted = await page.post('/intake', {
        department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium',
        customerName: 'Reload Person', customerEmail: 'reload@example.nl', account: 'A rattle behind the dashboard.',
      });
      expect(posted.status, posted.html.slice(0, 300)).toBe(303);
      const receiptPath = posted.location!;
      expect(receiptPath).toMatch(/^\/tickets\/AM-\d{4}-\d{6}\/receipt$/);

      // Waiting for its display, the link is sealed in the session row: no readable token in the database.
      const flashes: { flash: string }[] = await t.dataSource.query('SELECT flash FROM sessions WHERE flash IS NOT NULL');
      expect(flashes).toHaveLength(1);
      expect(flashes[0].flash).not.toMatch(/track/);

      // Another session (the manager's) sees the receipt, never this browser's link.
      const manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
      const theirs = await manager.get(receiptPath);
      expect(theirs.status).toBe(200);
      expect(theirs.html).not.toContain('/track/');

      const res = await fetch(`${t.baseUrl}${receiptPath}`, { headers: { cookie: (page as unknown as { cookie: string }).cookie, accept: 'text/html' }, redirect: 'manual' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const first = await res.text();
      const link = /id="tracking-url">(http[^<]+\/track\/[A-Za-z0-9_-]{43})</.exec(first)?.[1];
      expect(link).toBeDefined();

      for (let reload = 0; reload < 3; reload++) {
        const again = await page.get(receiptPath);
        expect(again.status).toBe(200);
        expect(again.html).toContain(receiptPath.split('/')[2]);
        expect(again.html).not.toContain('/track/');
        expect(again.html).toContain('id="tracking-url-shown"');
      }
      expect(await allTickets()).toBe(before + 1);
      expect(await ticketsOf('reload@example.nl')).toBe(1);
      expect(await mailsTo('reload@example.nl')).toBe(1);
      expect(await count('SELECT COUNT(*) AS n FROM sessions WHERE flash IS NOT NULL')).toBe(0);
      // The link shown once is the customer's.
      expect((await fetch(link!.replace(/^http:\/\/[^/]+/, t.baseUrl), { redirect: 'manual' })).status).toBe(200);
    });

    it('logs one ticket when the same form is sent twice at once (a double click) or again later (back and send)', async () => {
      const page = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
      const cookie = (page as unknown as { cookie: string }).cookie;
      const form = await page.get('/intake');
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(form.html)?.[1] ?? '';
      expect(hidden('submission')).toMatch(/^[0-9a-f-]{36}$/);
      const fields = {
        _csrf: hidden('_csrf'), submission: hidden('submission'),
        department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', minutesAgo: '10',
        customerName: 'Double Click', customerEmail: 'double.click@example.nl', account: 'The window squeaks.',
      };
      const send = (f: Record<string, string>) =>
        fetch(`${t.baseUrl}/intake`, { method: 'POST', body: new URLSearchParams(f), headers: { cookie, accept: 'text/html' }, redirect: 'manual' }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), html: await r.text() }));

      const twice = await Promise.all([send(fields), send(fields)]);
      expect(twice.map((r) => r.status)).toEqual([303, 303]);
      expect(twice[1].location).toBe(twice[0].location);
      expect(await ticketsOf('double.click@example.nl')).toBe(1);
      const receipt = await page.get(twice[0].location!);
      expect(receipt.html).toMatch(/id="tracking-url">http[^<]+\/track\//);

      // Back to the form and send it again: the same receipt, without the link, and nothing logged.
      const again = await send(fields);
      expect(again.status).toBe(303);
      expect(again.location).toBe(twice[0].location);
      expect((await page.get(again.location!)).html).not.toContain('/track/');
      expect(await ticketsOf('double.click@example.nl')).toBe(1);
      expect(await mailsTo('double.click@example.nl')).toBe(1);

      // Back, change the form and send it: refused (422) with a fresh form, which then logs a second ticket.
      const edited = await send({ ...fields, account: 'The window squeaks and rattles.' });
      expect(edited.status).toBe(422);
      expect(edited.html).toContain('Dit formulier is al verstuurd');
      const fresh = /name="submission" value="([^"]+)"/.exec(edited.html)![1];
      expect(fresh).not.toBe(fields.submission);
      expect(await ticketsOf('double.click@example.nl')).toBe(1);
      const second = await send({ ...fields, submission: fresh, account: 'The window squeaks and rattles.' });
      expect(second.status).toBe(303);
      expect(second.location).not.toBe(twice[0].location);
      expect(await ticketsOf('double.click@example.nl')).toBe(2);
    });

    it('answers 303 to a new API key on the admin page, which shows the key once', async () => {
      const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
      const users = (await admin.get('/api/users')).body;
      const made = await page.post('/admin/api-keys', { userId: users.find((u: any) => u.email === 'quality@demo.test').id, name: 'shown once' }, '/admin');
      expect(made.status).toBe(303);
      expect(made.location).toBe('/admin?done=1');
      const shown = await page.get(made.location!);
      const key = /id="new-key">(amk_[A-Za-z0-9_-]{43})</.exec(shown.html)?.[1];
      expect(key).toBeDefined();
      expect((await Client.withKey(t.baseUrl, key!).get('/api/me')).status).toBe(200);
      const again = await page.get(made.location!);
      expect(again.html).not.toContain('id="new-key"');
      expect(again.html).not.toContain(key!);
      expect(await count(`SELECT COUNT(*) AS n FROM api_keys WHERE name = 'shown once'`)).toBe(1);
    });
  });

  describe('Idempotency-Key on POST /api/tickets', () => {
    it('replays the first answer (same status and body) and creates nothing more, sends no second mail', async () => {
      const body = complaint(dealers.nl.id, { customer: { name: 'Idem One', email: 'idem1@example.com' } });
      const key = { 'idempotency-key': 'c1f0a7e2-5b1d-4a8e-9e0f-000000000001' };
      const first = await reception.post('/api/tickets', body, key);
      expect(first.status, first.text).toBe(201);
      expect(first.body.trackingUrl).toMatch(/\/track\//);
      for (let i = 0; i < 2; i++) {
        const again = await reception.post('/api/tickets', body, key);
        expect(again.status).toBe(201);
        expect(again.text).toBe(first.text);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
      }
      // Fields in another order are the same request.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      expect((await reception.post('/api/tickets', reordered, key)).text).toBe(first.text);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await ticketsOf('idem1@example.com')).toBe(1);
      expect(await mailsTo('idem1@example.com')).toBe(1);
      // The kept answer holds the tracking link, sealed with the key: not readable in the database.
      const kept: { responseBody: string; keyHash: string }[] = await t.dataSource.query(`SELECT "responseBody", "keyHash" FROM idempotency_keys WHERE status = 201`);
      expect(kept.length).toBeGreaterThan(0);
      for (const row of kept) {
        expect(row.responseBody).not.toContain('track');
        expect(row.keyHash).not.toContain('c1f0a7e2');
      }
    });

    it('refuses the same key with another body (422, nothing written), but lets another caller use the same key', async () => {
      const key = { 'idempotency-key': 'c1f0a7e2-5b1d-4a8e-9e0f-000000000002' };
      const first = await reception.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Idem Two', email: 'idem2@example.com' } }), key);
      expect(first.status).toBe(201);
      const before = await allTickets();
      const other = await reception.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Idem Two', email: 'idem2@example.com' }, severity: 'high' }), key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency-key.invalid-state');
      expect(other.body.message).toMatch(/Idempotency-Key was already used with a different request/);
      expect(await allTickets()).toBe(before);
      // Keys are per caller: the quality manager's request under the same key is theirs.
      const theirs = await quality.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Idem Three', email: 'idem3@example.com' } }), key);
      expect(theirs.status).toBe(201);
      expect(theirs.body.ref).not.toBe(first.body.ref);
      expect(await ticketsOf('idem2@example.com')).toBe(1);
    });

    it('gives four concurrent requests with one key one ticket and the same answer', async () => {
      const body = complaint(dealers.nl.id, { customer: { name: 'Idem Four', email: 'idem4@example.com' } });
      const key = { 'idempotency-key': 'c1f0a7e2-5b1d-4a8e-9e0f-000000000004' };
      const answers = await Promise.all(Array.from({ length: 4 }, () => reception.post('/api/tickets', body, key)));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      for (const a of answers) expect(a.text).toBe(answers[0].text);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
      expect(await ticketsOf('idem4@example.com')).toBe(1);
      expect(await mailsTo('idem4@example.com')).toBe(1);
    });

    it('refuses a malformed key with 400 naming the header; a refused request frees its key for the corrected one', async () => {
      const before = await allTickets();
      const bad = await reception.post('/api/tickets', complaint(dealers.nl.id), { 'idempotency-key': 'x'.repeat(256) });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(['Idempotency-Key must be 1 to 255 visible ASCII characters']);
      expect(await allTickets()).toBe(before);

      const key = { 'idempotency-key': 'c1f0a7e2-5b1d-4a8e-9e0f-000000000005' };
      const incomplete = await reception.post('/api/tickets', { ...complaint(dealers.nl.id, { customer: { name: 'Idem Five', email: 'idem5@example.com' } }), account: undefined }, key);
      expect(incomplete.status).toBe(400);
      expect(await count(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE status IS NULL`)).toBe(0);
      const corrected = await reception.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Idem Five', email: 'idem5@example.com' } }), key);
      expect(corrected.status).toBe(201);
      expect(await ticketsOf('idem5@example.com')).toBe(1);
    });
  });

  describe('the survey webhook', () => {
    it('replays the first answer under an Idempotency-Key and refuses the key with another body', async () => {
      const path = `/api/surveys/${surveyId}/responses`;
      const key = { 'idempotency-key': 'webhook-delivery-0001' };
      const first = await quality.post(path, webhookBody('idem-w1', 2), key);
      expect(first.status, first.text).toBe(201);
      expect(first.body.ticketRef).toMatch(/^AM-\d{4}-\d{6}$/);
      const again = await quality.post(path, webhookBody('idem-w1', 2), key);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await quality.post(path, webhookBody('idem-w2', 2), key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency-key.invalid-state');
      expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" IN ('idem-w1', 'idem-w2')`)).toBe(1);
      expect(await ticketsOf('idem-w1@example.nl')).toBe(1);
      expect(await mailsTo('idem-w1@example.nl')).toBe(1);
    });

    it('answers four concurrent deliveries of one response, without a key, with the first answer: one response, one ticket', async () => {
      const path = `/api/surveys/${surveyId}/responses`;
      const answers = await Promise.all(Array.from({ length: 4 }, () => quality.post(path, webhookBody('idem-w4', 1))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      const first = answers.find((a) => a.status === 201)!;
      expect(first.body).toMatchObject({ negative: true, ticketRef: expect.stringMatching(/^AM-\d{4}-\d{6}$/) });
      for (const a of answers) expect(a.body).toEqual(first.body);
      expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" = 'idem-w4'`)).toBe(1);
      expect(await ticketsOf('idem-w4@example.nl')).toBe(1);
      expect(await mailsTo('idem-w4@example.nl')).toBe(1);
    });

    it('answers deliveries that arrive while the first is being processed with the first answer, not a half-written one', async () => {
      const path = `/api/surveys/${surveyId}/responses`;
      const body = webhookBody('idem-w5', 1);
      const pending = quality.post(path, body);
      // Until the first delivery's response row is written. On SQLite the test shares the app's one
      // connection, so it sees the row inside the first delivery's still open transaction, before
      // its ticket: the repeats go out at that moment (on PostgreSQL, once it is committed).
      for (let i = 0; i < 5_000 && !(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" = 'idem-w5'`)); i++);
      const repeats = await Promise.all(Array.from({ length: 3 }, () => quality.post(path, body)));
      const first = await pending;
      expect(first.status, first.text).toBe(201);
      expect(first.body.ticketRef).toMatch(/^AM-\d{4}-\d{6}$/);
      for (const r of repeats) {
        expect(r.status).toBe(200);
        expect(r.body).toEqual(first.body);
      }
      expect(await ticketsOf('idem-w5@example.nl')).toBe(1);
    });
  });

  it('keeps a key for 24 hours: then it is purged and may be used afresh', async () => {
    // An API key: sessions would not outlive the day the clock moves on.
    const users = (await admin.get('/api/users')).body;
    const made = await admin.post('/api/admin/api-keys', { userId: users.find((u: any) => u.email === 'reception.nl@demo.test').id, name: 'expiry' });
    const client = Client.withKey(t.baseUrl, made.body.key);
    const key = { 'idempotency-key': 'c1f0a7e2-5b1d-4a8e-9e0f-000000000007' };
    expect((await client.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Day One', email: 'day1@example.com' } }), key)).status).toBe(201);
    clock.advance(23 * 3_600_000);
    expect((await client.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Day Two', email: 'day2@example.com' } }), key)).status).toBe(422);
    expect(await count('SELECT COUNT(*) AS n FROM idempotency_keys')).toBeGreaterThan(1);
    clock.advance(2 * 3_600_000);
    const later = await client.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Day Two', email: 'day2@example.com' } }), key);
    expect(later.status).toBe(201);
    expect(await ticketsOf('day2@example.com')).toBe(1);
    // Every other key of the day before is gone with it; only the new claim is left.
    expect(await count('SELECT COUNT(*) AS n FROM idempotency_keys')).toBe(1);
  });
});
