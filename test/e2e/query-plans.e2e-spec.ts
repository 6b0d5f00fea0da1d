import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, explain, fullScans, GROWING_TABLES, isRead, reads, type CapturedQuery } from '../../src/common/database/query-plans.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
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
    expect(plans.length).toBeGreaterThan(3);
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

  it('the SLA sweep, idle and with work', async () => {
    const plans = await plansOf(async () => expect((await admin.post('/api/sla/sweep')).status).toBe(200));
    const timerReads = plans.filter(({ query }) => reads(query, ['sla_timers']));
    expect(timerReads.length).toBeGreaterThan(0);
    expect(timerReads.some(({ plan }) => plan.some((step) => step.includes('IDX_sla_timers_next_check')))).toBe(true);
    expect(scans(plans)).toEqual([]);
  });
});
