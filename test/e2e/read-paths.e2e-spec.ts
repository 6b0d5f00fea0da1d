import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer.js';
import { SelectQueryBuilder } from 'typeorm/query-builder/SelectQueryBuilder.js';
import { SystemClock } from '../../src/common/clock/clock.js';
import { captureQueries } from '../../src/common/database/query-plans.js';
import { isoAt } from '../../src/common/database/row-values.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { Dealer } from '../../src/modules/dealers/dealer.entity.js';
import { DealersService } from '../../src/modules/dealers/dealers.service.js';
import { SlaPolicy } from '../../src/modules/sla/sla-policy.entity.js';
import { SlaPoliciesService } from '../../src/modules/sla/sla-policies.service.js';
import { Client, type Reply } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The tables of the hot reads' aggregates: none of their rows may become an entity on the way out. */
const HOT_TABLES = ['tickets', 'customers', 'vehicles', 'timeline_events', 'compensations', 'sla_timers', 'dealers', 'sla_policies', 'queue_counts'];

/**
 * Less work per read: the queue, the ticket and the tracking view map rows straight to
 * their shapes, and dealers and SLA policies are read once per change — a change any
 * process makes (here: a second DataSource on the same database, as another worker or
 * instance would be) shows on the next read.
 */
describe('the hot reads', () => {
  let t: TestApp;
  let admin: Client;
  let anon: Client;
  let dealers: Record<string, DemoDealer>;
  let ref: string;
  let token: string;
  let other: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    anon = Client.anonymous(t.baseUrl);
    dealers = await demoDealers(admin);
    const res = await admin.post('/api/tickets', complaint(dealers.nl.id, { vehicle: { vin: 'WVWZZZ1KZAW900002', registration: 'XX-11-YY', model: 'Golf' }, saleAtRisk: { model: 'ID.4', value: { amount: 41250.5, currency: 'EUR' } } }));
    expect(res.status, res.text).toBe(201);
    ref = res.body.ref;
    token = new URL(res.body.trackingUrl).pathname.split('/').pop()!;
    expect((await admin.post(`/api/tickets/${ref}/messages`, { body: 'We will call you today.', visibility: 'customer' })).status).toBe(201);
    other = await new DataSource(t.dataSource.options).initialize();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await other?.destroy();
    await t?.close();
  });

  /** The tables whose rows `work` turned into entities. */
  async function hydrated(work: () => Promise<unknown>): Promise<string[]> {
    const tables: string[] = [];
    const original = RawSqlResultsToEntityTransformer.prototype.transform;
    vi.spyOn(RawSqlResultsToEntityTransformer.prototype, 'transform').mockImplementation(function (this: RawSqlResultsToEntityTransformer, rows, alias) {
      if (rows.length && alias.hasMetadata) tables.push(alias.metadata.tableName);
      return original.call(this, rows, alias);
    });
    await work();
    vi.restoreAllMocks();
    return [...new Set(tables)].filter((table) => HOT_TABLES.includes(table));
  }

  it('builds no entities for the queue, the ticket, the tracking view or their pages', async () => {
    // Warm: the first read of dealers and policies after start is a load; that is not the path measured.
    await admin.get('/api/tickets?limit=50');
    for (const [path, client] of [
      ['/api/tickets?limit=50', admin],
      ['/api/tickets?limit=50&sort=receivedAt', admin],
      [`/api/tickets/${ref}`, admin],
      [`/api/track/${token}`, anon],
      ['/tickets', admin],
      [`/tickets/${ref}`, admin],
      [`/track/${token}`, anon],
    ] as const) {
      expect(await hydrated(async () => expect((await client.get(path)).status, path).toBe(200)), path).toEqual([]);
    }
  });

  it('reads a queue page with no statement besides the tickets (with their customers\' names and the dealers\' version) and the timers (and the sign-in)', async () => {
    await admin.get('/api/tickets?limit=50');
    for (const path of ['/api/tickets?limit=50', '/api/tickets?limit=50&status=open&severity=high', '/api/tickets?limit=50&sort=receivedAt']) {
      const queries = await captureQueries(t.dataSource, async () => expect((await admin.get(path)).status, path).toBe(200));
      // The caller's session and user are the sign-in's, not the queue's.
      const own = queries.filter((q) => !/\bFROM\s+"?(sessions|users)"?/i.test(q.sql));
      expect(own.filter((q) => /\bFROM\s+"?customers"?/i.test(q.sql)), path).toEqual([]);
      // The tickets (the soonest-deadline order reads dated, then undated ones), each read with the names.
      const pages = own.filter((q) => /\bFROM\s+"?tickets"?/i.test(q.sql));
      expect(pages.length, path).toBeGreaterThan(0);
      expect(pages.filter((q) => !/\bJOIN\s+"?customers"?/i.test(q.sql)), path).toEqual([]);
      // The dealers' version comes with the tickets, as a column: no statement of its own.
      expect(pages.filter((q) => !/\bFROM\s+"?cache_versions"?/i.test(q.sql)), path).toEqual([]);
      expect(own.filter((q) => /\bFROM\s+"?sla_timers"?/i.test(q.sql)), path).toHaveLength(1);
      expect(own, path).toHaveLength(pages.length + 1);
    }
    // The names are the customers' all the same.
    const row = (await admin.get('/api/tickets?limit=100')).body.items.find((x: { ref: string }) => x.ref === ref);
    expect(row.customer.name).toBe((await admin.get(`/api/tickets/${ref}`)).body.customer.name);
  });

  it('reads a ticket with the dealers\' version in its own row, not in a statement of its own', async () => {
    await admin.get(`/api/tickets/${ref}`);
    const queries = await captureQueries(t.dataSource, async () => expect((await admin.get(`/api/tickets/${ref}`)).status).toBe(200));
    const versions = queries.filter((q) => /\bFROM\s+"?cache_versions"?/i.test(q.sql));
    expect(versions).toHaveLength(1);
    expect(versions[0].sql).toMatch(/\bFROM\s+"?tickets"?/i);
  });

  it('reads the full ticket in one statement besides the sign-in: its timeline, compensations, timers and related tickets come with it', async () => {
    await admin.get(`/api/tickets/${ref}`);
    const queries = await captureQueries(t.dataSource, async () => expect((await admin.get(`/api/tickets/${ref}`)).status).toBe(200));
    const own = queries.filter((q) => !/\bFROM\s+"?sessions"?/i.test(q.sql));
    expect(own, own.map((q) => q.sql).join('\n\n')).toHaveLength(1);
    for (const table of ['tickets', 'customers', 'vehicles', 'timeline_events', 'compensations', 'sla_timers', 'cache_versions']) {
      expect(own[0].sql, table).toMatch(new RegExp(`\\b(FROM|JOIN)\\s+"?${table}"?\\b`, 'i'));
    }
  });

  it('reads the customer\'s side of the tracking view (their language and the events they may see) in one statement', async () => {
    await anon.get(`/api/track/${token}`);
    const queries = await captureQueries(t.dataSource, async () => expect((await anon.get(`/api/track/${token}`)).status).toBe(200));
    const side = queries.filter((q) => /\bFROM\s+"?(timeline_events|customers)"?\b/i.test(q.sql));
    expect(side, side.map((q) => q.sql).join('\n\n')).toHaveLength(1);
    expect(side[0].sql).toMatch(/\bFROM\s+"?customers"?/i);
    expect(side[0].sql).toMatch(/\bFROM\s+"?timeline_events"?/i);
  });

  it('answers the timeline and compensations built by the database exactly as their rows and the calls that wrote them read', async () => {
    const offered = await admin.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 80.5, currency: 'EUR' }, note: 'Flowers, "sorry" — ÆØÅ\n2nd line' });
    expect(offered.status, offered.text).toBe(201);
    // Within the admin's limit an offer is approved as it is made.
    if (offered.body.state === 'proposed') expect((await admin.post(`/api/tickets/${ref}/compensations/${offered.body.id}/approve`, {})).status).toBe(200);
    const delivered = await admin.post(`/api/tickets/${ref}/compensations/${offered.body.id}/deliver`, {});
    expect(delivered.status, delivered.text).toBe(200);
    const whole = await admin.post(`/api/tickets/${ref}/compensations`, { kind: 'goodwill-discount', value: { amount: 100, currency: 'EUR' } });
    expect(whole.status, whole.text).toBe(201);
    const ticket = (await admin.get(`/api/tickets/${ref}`)).body;
    expect(ticket.compensations).toEqual([delivered.body, whole.body]);

    // The timeline as the rows read by hand, mapped as the API has always mapped them.
    const q = t.dataSource.options.type === 'postgres' ? '$1' : '?';
    const rows = await t.dataSource.query(`SELECT "id", "type", "at", "actorType", "actorId", "actorName", "visibility", "data" FROM timeline_events WHERE "ticketId" = ${q} ORDER BY "id"`, [ticket.id]);
    expect(rows.length).toBeGreaterThan(3);
    expect(ticket.timeline).toEqual(rows.map((e: Record<string, unknown>) => ({
      id: Number(e.id), type: e.type, at: isoAt(e.at as string), actor: { type: e.actorType, id: e.actorId, name: e.actorName }, visibility: e.visibility, data: JSON.parse(e.data as string),
    })));
    const tracking = (await anon.get(`/api/track/${token}`)).body;
    expect(tracking.messages).toEqual(ticket.timeline.filter((e: { type: string }) => e.type === 'message-to-customer').map((e: { at: string; data: { body: string } }) => ({ at: e.at, from: 'dealer', body: e.data.body })));
  });

  it('builds no user entity for the queue page\'s assignee lists, nor for the sign-in', async () => {
    await admin.get('/tickets');
    const built: string[] = [];
    const original = RawSqlResultsToEntityTransformer.prototype.transform;
    vi.spyOn(RawSqlResultsToEntityTransformer.prototype, 'transform').mockImplementation(function (this: RawSqlResultsToEntityTransformer, rows, alias) {
      if (rows.length && alias.hasMetadata && alias.metadata.tableName === 'users') built.push(...rows.map(() => 'users'));
      return original.call(this, rows, alias);
    });
    const page = await admin.get('/tickets');
    vi.restoreAllMocks();
    expect(page.status).toBe(200);
    expect(built).toEqual([]);
    // The lists are the users all the same, active and not admins.
    const users = (await admin.get('/api/users')).body as { name: string; active: boolean; role: string }[];
    expect(users.every((u) => typeof u.active === 'boolean')).toBe(true);
    for (const u of users.filter((x) => x.active && x.role !== 'admin')) expect(page.text).toContain(`>${u.name}</option>`);
  });

  it('signs each request in with one statement: the session and its user in one read, nothing written', async () => {
    await admin.get('/api/tickets?limit=1');
    for (const path of ['/api/tickets?limit=1', `/api/tickets/${ref}`, '/tickets']) {
      const queries = await captureQueries(t.dataSource, async () => expect((await admin.get(path)).status, path).toBe(200));
      const signIn = queries.filter((q) => /\bsessions\b/i.test(q.sql));
      expect(signIn, path).toHaveLength(1);
      expect(signIn[0].sql, path).toMatch(/^\s*SELECT\b[\s\S]*\bFROM\s+"?sessions"?[\s\S]*\bJOIN\s+"?users"?/i);
      // No second read of the user (the queue page's own list of assignees aside).
      expect(queries.filter((q) => /\bFROM\s+"?users"?\s+WHERE\s+[\s\S]*"?id"?\s*=/i.test(q.sql) || /\bFROM\s+"?users"?.*\bLIMIT\b/i.test(q.sql)), path).toEqual([]);
    }
  });

  it('builds the statements of the queue, the ticket, their page and the sign-in without a query builder', async () => {
    await admin.get('/api/tickets?limit=50');
    const built: string[] = [];
    const original = SelectQueryBuilder.prototype.getQuery;
    vi.spyOn(SelectQueryBuilder.prototype, 'getQuery').mockImplementation(function (this: SelectQueryBuilder<object>) {
      const sql = original.call(this);
      built.push(sql);
      return sql;
    });
    for (const path of ['/api/tickets?limit=50', '/api/tickets?limit=50&status=open&severity=high&department=sales', '/api/tickets?limit=50&sort=receivedAt', '/api/tickets?limit=50&q=golf', `/api/tickets/${ref}`, '/tickets', '/tickets?q=golf']) {
      expect((await admin.get(path)).status, path).toBe(200);
    }
    vi.restoreAllMocks();
    expect(built).toEqual([]);
  });

  it('pages the queue by cursor in every order, the same tickets as one long page', async () => {
    for (const sort of ['nextDue', 'receivedAt', 'severity']) {
      const whole = (await admin.get(`/api/tickets?limit=200&sort=${sort}`)).body.items.map((x: { ref: string }) => x.ref);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Reply = await admin.get(`/api/tickets?limit=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status, res.text).toBe(200);
        paged.push(...res.body.items.map((x: { ref: string }) => x.ref));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(whole);
      expect(new Set(paged).size, sort).toBe(paged.length);
    }
  });

  it('gives every queue row the SLA state and next deadline its ticket has, from the timers summed up per ticket', async () => {
    const rows = (await admin.get('/api/tickets?limit=200')).body.items as { ref: string; sla: { state: string | null; nextDue: string | null; businessMinutesLeft: number | null } }[];
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.sla.state)).size).toBeGreaterThan(1);
    for (const row of rows) {
      const sla = (await admin.get(`/api/tickets/${row.ref}`)).body.sla;
      expect({ state: row.sla.state, nextDue: row.sla.nextDue }, row.ref).toEqual({ state: sla.state, nextDue: sla.nextDue });
      expect(row.sla.businessMinutesLeft === null, row.ref).toBe(sla.businessMinutesLeft === null);
    }
  });

  it('keeps the shapes and the value types: ISO moments, numbers, booleans', async () => {
    const ticket = (await admin.get(`/api/tickets/${ref}`)).body;
    expect(ticket.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(ticket.saleAtRisk).toEqual({ model: 'ID.4', value: { amount: 41250.5, currency: 'EUR' } });
    expect(typeof ticket.customer.consent).toBe('boolean');
    expect(ticket.vehicle).toMatchObject({ vin: 'WVWZZZ1KZAW900002', registration: 'XX-11-YY', model: 'Golf' });
    expect(typeof ticket.escalationLevel).toBe('number');
    expect(ticket.sla.timers.map((x: { target: string }) => x.target)).toEqual(['listen', 'apologise', 'fix', 'resolve']);
    expect(ticket.timeline.map((e: { id: unknown; at: string }) => [typeof e.id, /Z$/.test(e.at)])).toEqual(ticket.timeline.map(() => ['number', true]));
    const row = (await admin.get('/api/tickets?limit=100')).body.items.find((x: { ref: string }) => x.ref === ref);
    const { account: _a, desiredOutcome: _d, outcome: _o, closedAt: _c, vehicle: _v, relatedByVehicle: _r, compensations: _k, timeline: _t, ...summary } = ticket;
    expect(row).toEqual({ ...summary, sla: { state: ticket.sla.state, nextDue: ticket.sla.nextDue, businessMinutesLeft: row.sla.businessMinutesLeft }, customer: { id: ticket.customer.id, name: ticket.customer.name } });
    const tracking = (await anon.get(`/api/track/${token}`)).body;
    expect(tracking.nextPromisedAt).toBe(ticket.sla.nextDue);
    expect(tracking.messages).toEqual([{ at: expect.stringMatching(/Z$/), from: 'dealer', body: 'We will call you today.' }]);
  });

  it('reads the dealers once per change, not on every view: after the first, a view reads only their version row', async () => {
    await admin.get('/tickets');
    const queries = await captureQueries(t.dataSource, async () => expect((await admin.get('/tickets')).status).toBe(200));
    expect(queries.filter((q) => /\bFROM\s+"?dealers"?/i.test(q.sql))).toEqual([]);
    expect(queries.filter((q) => /\bFROM\s+"?cache_versions"?/i.test(q.sql)).length).toBeGreaterThan(0);
  });

  it('shows a dealer changed by another process on the next read, on every path that uses it', async () => {
    const nl = dealers.nl.id;
    const before = (await anon.get(`/api/track/${token}`)).body.dealer;
    expect((await admin.get(`/api/dealers/${nl}`)).body.name).toBe(dealers.nl.name);
    // Another worker changes the dealer through its own service, on its own connection.
    const elsewhere = new DealersService(other.getRepository(Dealer), new SystemClock(), new UnitOfWork(other));
    const weekly = { mon: [['07:00', '15:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await elsewhere.update(nl, { name: 'Renamed by another worker', calendar: { weekly, holidays: [] } } as never);

    expect((await admin.get(`/api/dealers/${nl}`)).body.name).toBe('Renamed by another worker');
    expect((await admin.get('/api/dealers')).body.map((d: { name: string }) => d.name)).toContain('Renamed by another worker');
    const after = (await anon.get(`/api/track/${token}`)).body.dealer;
    expect(after.name).toBe('Renamed by another worker');
    expect(after.openingHours).not.toEqual(before.openingHours);
    expect(after.openingHours[0].hours).toBe('07:00–15:00');
    expect((await admin.get(`/tickets?dealerId=${nl}`)).text).toContain('Renamed by another worker');
  });

  it('applies an SLA policy changed by another process to the next ticket', async () => {
    expect((await admin.get('/api/sla/policies')).status).toBe(200);
    const elsewhere = new SlaPoliciesService(other.getRepository(SlaPolicy), new UnitOfWork(other), new SystemClock());
    await elsewhere.put('low', { targets: { listen: 11, apologise: 22, fix: 33, resolve: 44 }, warningThreshold: 0.5 } as never);

    const low = (await admin.get('/api/sla/policies')).body.find((p: { severity: string; department: string | null }) => p.severity === 'low' && p.department === null);
    expect(low.targets).toEqual({ listen: 11, apologise: 22, fix: 33, resolve: 44 });
    const res = await admin.post('/api/tickets', complaint(dealers.se.id, { severity: 'low' }));
    expect(res.status, res.text).toBe(201);
    const minutes = await other.query(`SELECT target, "targetMinutes" FROM sla_timers WHERE "ticketId" = ${other.options.type === 'postgres' ? '$1' : '?'} ORDER BY "targetMinutes"`, [res.body.id]);
    expect(minutes.map((m: { targetMinutes: number | string }) => Number(m.targetMinutes))).toEqual([11, 22, 33, 44]);
  });
});
