import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { captureQueries, explain, fullScans, reads } from '../../src/common/database/query-plans.js';
import { SEARCH_COUNT_CAP, TicketQueueService } from '../../src/modules/tickets/queue/ticket-queue.service.js';
import type { Actor } from '../../src/modules/users/roles.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIELDS = ['status', 'stage', 'severity', 'slaState', 'channel', 'department'] as const;
const COUNTRIES = ['no', 'se', 'nl'] as const;

/**
 * The queue's counts per filter value, against a count written out here in SQL: each
 * field's counts leave out its own filter and keep all the others (and "not closed").
 * The counts are kept by the database as tickets change; these tests change tickets on
 * every path, many at once, and compare.
 */
describe('the queue counts per filter value', () => {
  /** Wednesday 25 November 2026, 09:00 in Utrecht: a working day ahead, for the deadlines to run. */
  const clock = new FixedClock(new Date('2026-11-25T08:00:00Z'));
  let t: TestApp;
  let tickets: TicketQueueService;
  let dealers: Record<string, DemoDealer>;
  const quality: Actor = { id: 'q', name: 'Q', role: 'quality-manager', dealerId: null, department: null, via: 'session' };
  const as = (email: string) => Client.login(t.baseUrl, email);

  beforeAll(async () => {
    t = await startTestApp({ SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    tickets = t.app.get(TicketQueueService);
    const reception = await as('reception.se@demo.test');
    dealers = await demoDealers(await as('quality@demo.test'));
    const kinds = [['parts', 'critical', 'phone'], ['parts', 'low', 'walk-in'], ['sales', 'critical', 'phone'], ['service', 'high', 'e-mail'], ['parts', 'critical', 'walk-in']] as const;
    for (const [department, severity, channel] of kinds) {
      expect((await reception.post('/api/tickets', complaint(dealers.se.id, { department, severity, channel }))).status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const sql = (text: string) => {
    let n = 0;
    return text.replace(/\$\w+/g, () => (t.dataSource.options.type === 'postgres' ? `$${++n}` : '?'));
  };

  /** One field's counts written out; without a dealerId, over all dealers. */
  async function expected(filters: Record<string, string>, field: string): Promise<Record<string, number>> {
    const where = ['1 = 1'];
    const params: unknown[] = [];
    if (field !== 'status' && !filters.status) where.push(`status <> 'closed'`);
    for (const [k, v] of Object.entries(filters)) if (k !== field) (where.push(`"${k}" = $${k}`), params.push(v));
    const rows: { value: string | null; n: string }[] = await t.dataSource.query(sql(`SELECT "${field}" AS value, COUNT(*) AS n FROM tickets WHERE ${where.join(' AND ')} GROUP BY "${field}"`), params);
    return Object.fromEntries(rows.map((r) => [r.value ?? 'none', Number(r.n)]));
  }

  async function expectExact(filters: Record<string, string>, actor: Actor = quality) {
    const { counts, capped } = await tickets.facets(actor, filters, { openOnly: true });
    expect(capped).toBe(false);
    const scoped = actor.dealerId ? { ...filters, dealerId: actor.dealerId } : filters;
    for (const field of FIELDS) expect(counts[field], `${field} under ${JSON.stringify(filters)}`).toEqual(await expected(scoped, field));
    return counts;
  }

  /** Every kept count against GROUP BYs over the tickets: per dealer and for all ('*'), for anyone ('*') and per assignee. */
  async function expectTableExact() {
    const dims = `department, stage, status, severity, COALESCE("slaState", '') AS "slaState", channel`;
    const group = `department, stage, status, severity, COALESCE("slaState", ''), channel`;
    const want = new Map<string, number>();
    for (const [scope, assignee, where] of [['"dealerId"', `'*'`, ''], [`'*'`, `'*'`, ''], ['"dealerId"', '"assigneeId"', 'WHERE "assigneeId" IS NOT NULL'], [`'*'`, '"assigneeId"', 'WHERE "assigneeId" IS NOT NULL']]) {
      const rows = await t.dataSource.query(`SELECT ${scope} AS scope, ${assignee} AS "assigneeId", ${dims}, COUNT(*) AS n FROM tickets ${where} GROUP BY ${scope === '"dealerId"' ? '"dealerId", ' : ''}${assignee === '"assigneeId"' ? '"assigneeId", ' : ''}${group}`);
      for (const r of rows) want.set(key(r), Number(r.n));
    }
    const kept = await t.dataSource.query(`SELECT * FROM queue_counts WHERE n <> 0`);
    expect(new Map(kept.map((r: any) => [key(r), Number(r.n)]))).toEqual(want);
    return want.size;
  }
  const key = (r: any) => [r.scope, r.assigneeId, r.department, r.stage, r.status, r.severity, r.slaState, r.channel].join('|');

  it.each([
    [{}],
    [{ department: 'parts' }],
    [{ department: 'parts', severity: 'critical' }],
    [{ status: 'open', channel: 'phone' }],
  ])('with filters %j', async (filters) => {
    const counts = await expectExact({ dealerId: dealers.se.id, ...filters });
    // The filters seen do narrow the counts: the seeded tickets are there.
    expect(Object.values(counts.severity).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('reads no ticket for them: one read of the kept counts by key', async () => {
    const queries = await captureQueries(t.dataSource, () => tickets.facets(quality, { dealerId: dealers.se.id, department: 'parts', severity: 'critical' }, { openOnly: true }));
    expect(queries.filter((q) => reads(q, ['tickets']))).toEqual([]);
    expect(queries.filter((q) => reads(q, ['queue_counts']))).toHaveLength(1);
    for (const q of queries) expect(fullScans(await explain(t.dataSource, q)), q.sql).toEqual([]);
  });

  it('counts a new ticket at once', async () => {
    const before = await tickets.facets(quality, { dealerId: dealers.se.id }, { openOnly: true });
    const reception = await as('reception.se@demo.test');
    expect((await reception.post('/api/tickets', complaint(dealers.se.id, { department: 'parts', severity: 'low' }))).status).toBe(201);
    const after = await tickets.facets(quality, { dealerId: dealers.se.id }, { openOnly: true });
    expect(after.counts.severity.low).toBe((before.counts.severity.low ?? 0) + 1);
  });

  it('stay exact under concurrent intakes, stage changes, assignments, bulk assignments and a sweep', async () => {
    const reception = Object.fromEntries(await Promise.all(COUNTRIES.map(async (c) => [c, await as(`reception.${c}@demo.test`)] as const)));
    const q = await as('quality@demo.test');
    const admin = await as('admin@demo.test');
    const users: { id: string; email: string }[] = await t.dataSource.query(`SELECT id, email FROM users`);
    const manager = Object.fromEntries(COUNTRIES.map((c) => [c, users.find((u) => u.email === `sales.manager.${c}@demo.test`)!.id]));
    const severities = ['low', 'medium', 'high', 'critical'];
    const channels = ['phone', 'walk-in', 'e-mail', 'letter'];
    const intake = (i: number) => {
      const c = COUNTRIES[i % 3];
      return reception[c].post('/api/tickets', complaint(dealers[c].id, { department: i % 2 ? 'sales' : 'service', severity: severities[i % 4], channel: channels[(i >> 2) % 4], customer: { name: `Count ${i}`, email: `count${i}@example.com` } }));
    };

    // Some tickets to change while others come in.
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => intake(i)));
    expect(first.map((r) => r.status)).toEqual(Array(30).fill(201));
    const refs = first.map((r, i) => ({ ref: r.body.ref as string, c: COUNTRIES[i % 3] }));
    // Later, so that the sweep finds deadlines at risk and passed.
    clock.advance(20 * 3600_000);

    const work: Promise<{ status: number; text?: string }>[] = [
      ...Array.from({ length: 45 }, (_, i) => intake(100 + i)),
      ...refs.slice(0, 18).map(({ ref, c }) => reception[c].post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' })),
      ...refs.slice(18, 24).map(({ ref, c }) => q.post(`/api/tickets/${ref}/assign`, { assigneeId: manager[c] })),
      ...COUNTRIES.map((c) => q.post('/api/tickets/assign', { refs: refs.slice(0, 18).filter((r) => r.c === c).map((r) => r.ref), assigneeId: manager[c] })),
      admin.post('/api/sla/sweep'),
      ...refs.slice(24, 27).map(({ ref, c }) => reception[c].post(`/api/tickets/${ref}/wait`, {})),
    ];
    const results = await Promise.all(work);
    for (const r of results) expect([200, 201], r.text).toContain(r.status);
    // A second wave on what the first changed: apologies after the listening, reassignments.
    const second = await Promise.all([
      ...refs.slice(0, 12).map(({ ref, c }) => reception[c].post(`/api/tickets/${ref}/stages/apologise`, { by: 'P', how: 'phone' })),
      ...refs.slice(24, 27).map(({ ref, c }) => reception[c].post(`/api/tickets/${ref}/resume`)),
      ...Array.from({ length: 15 }, (_, i) => intake(200 + i)),
      admin.post('/api/sla/sweep'),
    ]);
    for (const r of second) expect([200, 201], r.text).toContain(r.status);

    // The changes did reach the counted columns.
    const moved = await t.dataSource.query(`SELECT COUNT(DISTINCT stage) AS stages, COUNT(DISTINCT "slaState") AS states, COUNT("assigneeId") AS assigned, COUNT(DISTINCT status) AS statuses FROM tickets`);
    expect(Number(moved[0].stages)).toBeGreaterThanOrEqual(3);
    expect(Number(moved[0].states)).toBeGreaterThanOrEqual(2);
    expect(Number(moved[0].assigned)).toBeGreaterThanOrEqual(10);

    expect(await expectTableExact()).toBeGreaterThan(20);
    for (const filters of <Record<string, string>[]>[{}, { department: 'sales' }, { severity: 'high', channel: 'phone' }, { stage: 'apologise' }, { slaState: 'breached' }, { status: 'waiting-on-customer' }, { assigneeId: manager.nl }, { assigneeId: manager.se, department: 'sales' }]) {
      await expectExact(filters);
      await expectExact({ dealerId: dealers.no.id, ...filters });
    }
    const principal = { ...quality, role: 'department-manager', dealerId: dealers.nl.id } as Actor;
    await expectExact({ department: 'service' }, principal);
    // Another dealer's counts are nobody's business: nothing, rather than theirs.
    const foreign = await tickets.facets(principal, { dealerId: dealers.se.id }, { openOnly: true });
    expect(Object.values(foreign.counts).every((c) => Object.keys(c).length === 0)).toBe(true);
  });

  it('count tickets however they are written (plain SQL too), and under a text search the first matches only', async () => {
    // A thousand-odd copies of one ticket, written straight into the table as an import or a fill would.
    const copies = SEARCH_COUNT_CAP + 50;
    const seq = t.dataSource.options.type === 'postgres' ? `generate_series(1, ${copies}) AS s(i)` : `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${copies}) SELECT i FROM s) s`;
    const source = (await t.dataSource.query(`SELECT t.id FROM tickets t JOIN customers c ON c.id = t."customerId" WHERE c.name = 'Test Customer' LIMIT 1`))[0].id;
    await t.dataSource.query(
      sql(`INSERT INTO tickets (id, ref, "dealerId", "customerId", department, category, channel, severity, "severityRank", account, "saleAtRisk", "receivedAt", "createdAt", "updatedAt", stage, status, "escalationLevel", "trackingTokenHash", version, "reopenCount", "slaState", "assigneeId")
        SELECT 'copy-' || s.i, 'AM-2099-' || (100000 + s.i), "dealerId", "customerId", department, category, CASE WHEN s.i % 2 = 0 THEN 'letter' ELSE channel END, severity, "severityRank", 'zebra crossing ' || s.i, "saleAtRisk", "receivedAt", "createdAt", "updatedAt", stage, status, 0, 'copy-' || s.i, 1, 0, "slaState", "assigneeId"
        FROM tickets, ${seq} WHERE tickets.id = $source`),
      [source],
    );
    await expectTableExact();
    await expectExact({ dealerId: dealers.se.id, channel: 'letter' });
    // And plain SQL updates and deletes.
    await t.dataSource.query(`UPDATE tickets SET severity = 'critical', "slaState" = NULL WHERE id LIKE 'copy-1%'`);
    await t.dataSource.query(`DELETE FROM tickets WHERE id LIKE 'copy-2_'`);
    await expectTableExact();

    // A search with few matches: exact.
    const few = await tickets.facets(quality, { q: 'count 1' }, { openOnly: true });
    expect(few.capped).toBe(false);
    const written = await t.dataSource.query(sql(`SELECT COUNT(*) AS n FROM tickets t JOIN customers c ON c.id = t."customerId" WHERE LOWER(c.name) LIKE $q AND t.status <> 'closed'`), ['%count 1%']);
    expect(Object.values(few.counts.severity).reduce((a, b) => a + b, 0)).toBe(Number(written[0].n));
    // More matches than are counted: the counts say so, and cover exactly the cap.
    const many = await tickets.facets(quality, { q: 'zebra' }, { openOnly: false });
    expect(many.capped).toBe(true);
    expect(Object.values(many.counts.status).reduce((a, b) => a + b, 0)).toBe(SEARCH_COUNT_CAP);
    const page = await (await as('quality@demo.test')).get('/tickets?q=zebra', { accept: 'text/html' });
    expect(page.text).toContain(`first ${SEARCH_COUNT_CAP} tickets the search finds`);
  });
});
