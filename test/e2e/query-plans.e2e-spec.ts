import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, explain, fullScans, GROWING_TABLES, isPlannable, isRead, keysInSet, primaryKeys, reads, touches, updateTarget, type CapturedQuery } from '../../src/common/database/query-plans.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startSmtpServer } from '../support/smtp.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BIG = GROWING_TABLES;

/**
 * The statements the hot paths really run (captured from TypeORM, not rebuilt here) and
 * their plans on this engine: no read of a growing table scans it whole.
 */
describe('the hot paths read through indexes', () => {
  let t: TestApp;
  let admin: Client;
  let ref: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const dealers = await demoDealers(reception);
    for (let i = 0; i < 3; i++) ref = (await reception.post('/api/tickets', complaint(dealers.nl.id, { severity: 'high', department: 'sales' }))).body.ref;
  });
  afterAll(async () => t?.close());

  /** The reads of growing tables that `work` ran, each with its plan. */
  async function plansOf(work: () => Promise<unknown>): Promise<{ query: CapturedQuery; plan: string[] }[]> {
    const queries = (await captureQueries(t.dataSource, work)).filter((q) => isRead(q) && reads(q, BIG));
    return Promise.all(queries.map(async (query) => ({ query, plan: await explain(t.dataSource, query) })));
  }
  const scans = (plans: { query: CapturedQuery; plan: string[] }[]) => plans.flatMap(({ query, plan }) => fullScans(plan).map((s) => `${s} in ${query.sql}`));

  it.each([
    ['no filter', '/api/tickets?limit=50'],
    ['one filter', '/api/tickets?limit=50&status=open'],
    ['three filters', '/api/tickets?limit=50&status=open&severity=high&department=sales'],
    ['a dealer', '/api/tickets?limit=2'],
    ['sorted by arrival', '/api/tickets?limit=50&sort=receivedAt'],
    ['the sale-at-risk view', '/api/tickets?limit=50&saleAtRisk=true'],
    ['the unassigned view', '/api/tickets?limit=50&unassigned=true'],
  ])('the queue with %s', async (_name, path) => {
    const plans = await plansOf(async () => expect((await admin.get(path)).status).toBe(200));
    const ticketReads = plans.filter(({ query }) => reads(query, ['tickets']));
    expect(ticketReads.length).toBeGreaterThan(0);
    expect(scans(plans)).toEqual([]);
    // The page itself comes off an index of tickets.
    expect(ticketReads.some(({ plan }) => plan.some((step) => /IDX_tickets_|Index/.test(step)))).toBe(true);
  });

  it.each([
    ['a word prefix', '/api/tickets?limit=50&q=nois'],
    ['two words, one of them the customer\'s', '/api/tickets?limit=50&q=repair%20custom&status=open'],
    ['words sorted by arrival, for a dealer', '/api/tickets?limit=2&q=noise&sort=receivedAt'],
  ])('the queue searching %s reads through the full-text index', async (_name, path) => {
    const plans = await plansOf(async () => {
      const res = await admin.get(path);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
    });
    expect(scans(plans)).toEqual([]);
    // SQLite: the FTS5 table's MATCH; PostgreSQL: the GIN index on the documents.
    expect(plans.some(({ plan }) => plan.some((step) => /VIRTUAL TABLE INDEX \d+:M|IDX_ticket_search_document/.test(step)))).toBe(true);
  });

  it('the queue searching a reference finds it through the unique index of references', async () => {
    const plans = await plansOf(async () => expect((await admin.get(`/api/tickets?q=${ref.toLowerCase()}`)).body.items.map((i: { ref: string }) => i.ref)).toEqual([ref]));
    expect(scans(plans)).toEqual([]);
    const ticketReads = plans.filter(({ query }) => reads(query, ['tickets']) && !reads(query, ['sla_timers']));
    expect(ticketReads.some(({ plan }) => plan.some((step) => /\(ref=\?\)|UQ_|IDX_.*ref|Index Cond: \(\(?ref/i.test(step)))).toBe(true);
    expect(plans.some(({ query }) => /ticket_search/.test(query.sql))).toBe(false);
  });

  it('the second page of the queue, from its cursor', async () => {
    const first = await admin.get('/api/tickets?limit=2');
    expect(first.body.nextCursor).toBeTruthy();
    const plans = await plansOf(async () => expect((await admin.get(`/api/tickets?limit=2&cursor=${first.body.nextCursor}`)).status).toBe(200));
    expect(scans(plans)).toEqual([]);
  });

  it('a ticket with its timeline', async () => {
    const plans = await plansOf(async () => expect((await admin.get(`/api/tickets/${ref}`)).status).toBe(200));
    // One statement brings the ticket with its timeline, compensations, timers and related tickets: every part on an index.
    for (const table of ['tickets', 'timeline_events', 'compensations', 'sla_timers', 'vehicles']) expect(plans.some(({ query }) => reads(query, [table])), table).toBe(true);
    expect(scans(plans)).toEqual([]);
  });

  it('a ticket on a car seen before (the same-vehicle hint), and the intake that finds its customer', async () => {
    const dealerId = (await demoDealers(admin)).nl.id;
    const vehicle = { vin: 'WVWZZZ1KZAW900001' };
    const refs: string[] = [];
    const intake = await plansOf(async () => {
      for (const email of ['first.owner@example.nl', 'second.owner@example.nl']) {
        const res = await admin.post('/api/tickets', complaint(dealerId, { customer: { name: 'Owner', email, phone: '+31 6 9000 0001' }, vehicle }));
        expect(res.status).toBe(201);
        refs.push(res.body.ref);
      }
      expect((await admin.post('/api/tickets', complaint(dealerId, { customer: { name: 'Phone only', phone: '+31 6 9000 0001' } }))).status).toBe(201);
    });
    expect(scans(intake)).toEqual([]);
    const plans = await plansOf(async () => expect((await admin.get(`/api/tickets/${refs[1]}`)).body.relatedByVehicle).toEqual([{ ref: refs[0] }]));
    expect(plans.some(({ query }) => reads(query, ['vehicles']) && reads(query, ['tickets']))).toBe(true);
    expect(scans(plans)).toEqual([]);
  });

  it('improvement suggestions and an improvement\'s effect read fixed tickets on their indexes', async () => {
    const dealers = await demoDealers(admin);
    for (const [stage, body] of [
      ['listen', { contactedVia: 'phone' }],
      ['apologise', { by: 'Staff', how: 'phone' }],
      ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Staff' }],
    ] as const) expect((await admin.post(`/api/tickets/${ref}/stages/${stage}`, body)).status).toBe(200);
    const suggestions = await plansOf(async () => expect((await admin.get(`/api/improvements/suggestions?dealerId=${dealers.nl.id}`)).status).toBe(200));
    expect(suggestions.filter(({ query }) => reads(query, ['tickets'])).length).toBeGreaterThan(0);
    expect(scans(suggestions)).toEqual([]);
    // Bounded by the fixedAt range (within the dealer), not every ticket of the dealer.
    expect(suggestions.some(({ plan }) => plan.some((step) => /IDX_tickets_fixed_(dealer|at)/.test(step)))).toBe(true);
    const all = await plansOf(async () => expect((await admin.get('/api/improvements/suggestions')).status).toBe(200));
    expect(scans(all)).toEqual([]);
    expect(all.some(({ plan }) => plan.some((step) => step.includes('IDX_tickets_fixed_at')))).toBe(true);
    const owner = ((await admin.get('/api/users')).body as { id: string; email: string }[]).find((u) => u.email === 'quality@demo.test')!.id;
    const imp = await admin.post('/api/improvements', { title: 'Faster', dealerId: dealers.nl.id, department: 'sales', rootCause: 'waiting-time', ownerId: owner, dueDate: '2027-01-31', ticketRefs: [ref] });
    for (const status of ['in-progress', 'done']) expect((await admin.post(`/api/improvements/${imp.body.id}/status`, { status })).status).toBe(200);
    const effect = await plansOf(async () => expect((await admin.get(`/api/improvements/${imp.body.id}`)).body.effect.before).toHaveLength(12));
    expect(scans(effect)).toEqual([]);
    expect(effect.some(({ plan }) => plan.some((step) => /IDX_tickets_fixed_(cause|dealer)/.test(step)))).toBe(true);
  });

  it('the SLA sweep, idle and with work', async () => {
    const plans = await plansOf(async () => expect((await admin.post('/api/sla/sweep')).status).toBe(200));
    const timerReads = plans.filter(({ query }) => reads(query, ['sla_timers']));
    expect(timerReads.length).toBeGreaterThan(0);
    expect(timerReads.some(({ plan }) => plan.some((step) => step.includes('IDX_sla_timers_next_check')))).toBe(true);
    expect(scans(plans)).toEqual([]);
  });
});

/**
 * Every statement of each hot path, writes included, as it really runs: none puts a key in
 * an UPDATE's SET (with foreign keys on, SQLite then looks for rows of the old key in every
 * table that references it), and none reads or writes a growing table by scanning it whole.
 */
describe('every statement of the hot paths', () => {
  let t: TestApp;
  let admin: Client;
  let reception: Client;
  let page: PageSession;
  let dealerId: string;
  let keys: Record<string, string[]>;
  let ticket: { ref: string; token: string };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const customer = { name: 'Returning Customer', email: 'returning.customer@example.nl', phone: '+31 6 5555 0001' };
  const vehicle = { vin: 'WVWZZZ1KZAW555001', registration: 'AB-123-C', model: 'Golf' };
  const tokenOf = (trackingUrl: string) => trackingUrl.split('/track/')[1];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    keys = primaryKeys(t.dataSource);
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    page = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    dealerId = (await demoDealers(admin)).nl.id;
    const first = await reception.post('/api/tickets', complaint(dealerId, { customer, vehicle, severity: 'high' }));
    expect(first.status, first.text).toBe(201);
    ticket = { ref: first.body.ref, token: tokenOf(first.body.trackingUrl) };
    for (let i = 0; i < 3; i++) expect((await reception.post('/api/tickets', complaint(dealerId, { customer: { name: `Other ${i}`, email: `other.${i}@example.nl` } }))).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** What `work` ran: the keys it put in a SET and the full scans of growing tables, each with its statement. */
  async function statementsOf(work: () => Promise<unknown>) {
    const queries = await captureQueries(t.dataSource, work);
    const keyed = queries.flatMap((q) => keysInSet(q, keys).map((c) => `${c} in ${q.sql}`));
    const planned = queries.filter((q) => isPlannable(q) && touches(q, GROWING_TABLES));
    const scans = (await Promise.all(planned.map(async (q) => fullScans(await explain(t.dataSource, q)).map((s) => `${s} in ${q.sql}`)))).flat();
    const updated = queries.map((q) => updateTarget(q.sql)?.table).filter((x) => x !== undefined);
    return { queries, keyed, scans, updated };
  }
  const clean = (r: { keyed: string[]; scans: string[] }) => {
    expect(r.keyed).toEqual([]);
    expect(r.scans).toEqual([]);
  };

  it('intake for a returning customer and vehicle writes only what changed', async () => {
    const r = await statementsOf(async () => {
      const res = await reception.post('/api/tickets', complaint(dealerId, { customer: { ...customer, phone: '+31 6 5555 0002' }, vehicle: { ...vehicle, registration: 'AB-124-C' } }));
      expect(res.status, res.text).toBe(201);
      expect(res.body.customer).toMatchObject({ email: customer.email });
    });
    // The path this is about ran: the known customer and the known car were updated, not inserted.
    expect(r.updated).toEqual(expect.arrayContaining(['customers', 'vehicles']));
    clean(r);
    // Nothing new about them: no update at all.
    const again = await statementsOf(async () => expect((await reception.post('/api/tickets', complaint(dealerId, { customer: { ...customer, phone: '+31 6 5555 0002' }, vehicle: { ...vehicle, registration: 'AB-124-C' } }))).status).toBe(201));
    expect(again.updated.filter((table) => table === 'customers' || table === 'vehicles')).toEqual([]);
    clean(again);
  });

  it('the queue, as JSON and as the page, for a dealer and for all', async () => {
    clean(await statementsOf(async () => {
      expect((await reception.get('/api/tickets?limit=50')).status).toBe(200);
      expect((await reception.get('/api/tickets?limit=50&status=open&severity=high')).status).toBe(200);
      expect((await admin.get('/api/tickets?limit=50')).status).toBe(200);
      expect((await page.get('/tickets')).status).toBe(200);
      // The views the kept counts do not know: their counts come off an index too.
      expect((await page.get('/tickets?saleAtRisk=true')).status).toBe(200);
      expect((await page.get('/tickets?unassigned=true')).status).toBe(200);
    }));
  });

  it('a ticket read, as JSON and as the page, with the tickets seen on its car', async () => {
    const r = await statementsOf(async () => {
      expect((await reception.get(`/api/tickets/${ticket.ref}`)).body.relatedByVehicle.length).toBeGreaterThan(0);
      expect((await page.get(`/tickets/${ticket.ref}`)).status).toBe(200);
    });
    expect(r.queries.length).toBeGreaterThan(3);
    clean(r);
    // Not a full scan, yet growing all the same when read the wrong way round: the
    // dealer's tickets walked newest first, nearly all rejected. It goes from the car.
    const related = r.queries.filter((q) => isRead(q) && reads(q, ['vehicles']) && reads(q, ['tickets']) && /\bvin\b\s*=/i.test(q.sql));
    expect(related.length).toBeGreaterThan(0);
    for (const q of related) expect((await explain(t.dataSource, q)).join('\n')).toMatch(/IDX_tickets_vehicle/);
  });

  it('a stage change and a message to the customer', async () => {
    const r = await statementsOf(async () => {
      const stage = await reception.post(`/api/tickets/${ticket.ref}/stages/listen`, { contactedVia: 'phone' });
      expect(stage.status, stage.text).toBe(200);
      const message = await reception.post(`/api/tickets/${ticket.ref}/messages`, { body: 'We will call you tomorrow.', visibility: 'customer' });
      expect(message.status, message.text).toBe(201);
    });
    expect(r.updated).toContain('tickets');
    clean(r);
  });

  it('the tracking page and a message from the customer', async () => {
    const anonymous = Client.anonymous(t.baseUrl);
    clean(await statementsOf(async () => {
      expect((await anonymous.get(`/track/${ticket.token}`, { accept: 'text/html' })).status).toBe(200);
      expect((await anonymous.get(`/api/track/${ticket.token}`)).status).toBe(200);
      expect((await anonymous.post(`/api/track/${ticket.token}/messages`, { body: 'Thank you' })).status).toBe(201);
    }));
  });

  it('the sweep, with tickets past their deadlines', async () => {
    // Received a week ago: every deadline of a critical ticket has passed, whatever the weekday.
    const receivedAt = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
    for (let i = 0; i < 2; i++) expect((await reception.post('/api/tickets', complaint(dealerId, { severity: 'critical', receivedAt, customer }))).status).toBe(201);
    let swept: { warned: number; escalated: number } = { warned: 0, escalated: 0 };
    const r = await statementsOf(async () => {
      const res = await admin.post('/api/sla/sweep');
      expect(res.status, res.text).toBe(200);
      swept = res.body;
    });
    expect(swept.warned + swept.escalated).toBeGreaterThan(0);
    expect(r.updated).toContain('sla_timers');
    clean(r);
  });

  it('a survey webhook delivery that opens a ticket for a known customer', async () => {
    const survey = await admin.post('/api/surveys', {
      name: 'Hot path survey', kind: 'after-sales',
      questions: [{ id: 'wait', text: 'Waiting time', area: 'workshop-service', weight: 100, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' }],
    });
    expect(survey.status, survey.text).toBe(201);
    const delivery = { externalId: 'hot-path-1', dealerId, respondedAt: new Date(Date.now() - 3600_000).toISOString(), customer: { name: customer.name, email: customer.email }, answers: [{ questionId: 'wait', score: 2 }] };
    const r = await statementsOf(async () => {
      const res = await admin.post(`/api/surveys/${survey.body.id}/responses`, delivery);
      expect(res.status, res.text).toBe(201);
      expect(res.body.ticketRef).toBeTruthy();
    });
    expect(r.updated).toEqual(expect.arrayContaining(['survey_responses']));
    clean(r);
  });

  it('the other changes to a ticket: contact details, assignment, waiting, compensation, escalation', async () => {
    const fresh = await reception.post('/api/tickets', complaint(dealerId, { customer: { name: 'Actions', email: 'actions@example.nl' } }));
    expect(fresh.status, fresh.text).toBe(201);
    const ref = fresh.body.ref;
    const manager = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === 'sales.manager.nl@demo.test').id;
    const r = await statementsOf(async () => {
      const ok = async (res: Promise<{ status: number; text: string }>, status = 200) => {
        const reply = await res;
        expect(reply.status, reply.text).toBe(status);
        return reply;
      };
      await ok(reception.send('PATCH', `/api/tickets/${ref}/customer`, { phone: '+31 6 5555 0099' }));
      await ok(reception.post(`/api/tickets/${ref}/assign`, { assigneeId: manager }));
      await ok(reception.post(`/api/tickets/${ref}/wait`, { reason: 'Customer on holiday' }));
      await ok(reception.post(`/api/tickets/${ref}/resume`));
      // Over a receptionist's limit: proposed, then approved and delivered.
      const proposed = await ok(reception.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 100, currency: 'EUR' } }), 201);
      const id = JSON.parse(proposed.text).id;
      await ok(admin.post(`/api/tickets/${ref}/compensations/${id}/approve`));
      await ok(admin.post(`/api/tickets/${ref}/compensations/${id}/deliver`));
      const escalated = await ok(reception.post(`/api/tickets/${ref}/escalate`, { reason: 'Customer called twice' }));
      const escalation = JSON.parse(escalated.text).timeline.findLast((e: { type: string }) => e.type === 'escalated')?.data.escalationId as string | undefined;
      expect(escalation).toBeTruthy();
      await ok(admin.post(`/api/tickets/${ref}/escalations/${escalation}/ack`));
    });
    expect(r.updated).toEqual(expect.arrayContaining(['customers', 'tickets', 'compensations', 'escalations']));
    clean(r);
  });

  it('the outbox delivering what the hot paths queued', async () => {
    let sent = 0;
    const r = await statementsOf(async () => {
      sent = (await t.app.get(OutboxWorker).deliverDue()).sent;
    });
    expect(sent).toBeGreaterThan(0);
    expect(r.updated).toContain('notifications');
    clean(r);
  });

  it('the admin\'s changes name no key in their SET either (a dealer, a policy, an account, a survey)', async () => {
    const users = (await admin.get('/api/users')).body as { id: string; email: string }[];
    const spare = users.find((u) => u.email === 'reception.no@demo.test')!.id;
    const survey = (await admin.post('/api/surveys', { name: 'Renamed later', kind: 'custom', questions: [{ id: 'q', text: 'Q', area: 'loyalty', weight: 100, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'loyalty' }] })).body.id;
    const queries = await captureQueries(t.dataSource, async () => {
      for (const [method, path, body] of [
        ['PATCH', `/api/dealers/${dealerId}`, { name: 'Autohuis Utrecht B.V.' }],
        ['PUT', '/api/sla/policies/low', { targets: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 }, warningThreshold: 0.7 }],
        ['PATCH', `/api/users/${spare}`, { name: 'Renamed Receptionist' }],
        ['PATCH', `/api/surveys/${survey}`, { name: 'Renamed survey' }],
      ] as const) {
        const res = await admin.send(method, path, body);
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
      }
    });
    expect(queries.map((q) => updateTarget(q.sql)?.table)).toEqual(expect.arrayContaining(['dealers', 'sla_policies', 'users', 'surveys']));
    expect(queries.flatMap((q) => keysInSet(q, keys).map((c) => `${c} in ${q.sql}`))).toEqual([]);
  });
});
