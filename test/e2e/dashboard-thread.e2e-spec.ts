import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, reads } from '../../src/common/database/query-plans.js';
import { Dealer } from '../../src/modules/dealers/dealer.entity.js';
import { BusinessHoursPool } from '../../src/modules/reporting/business-hours.pool.js';
import { businessHours, medianOf } from '../../src/modules/reporting/business-hours.js';
import { round1 } from '../../src/modules/reporting/dashboard-figures.js';
import { TicketReportReadModel, type ReportStatement } from '../../src/modules/tickets/reports/ticket-report.read-model.js';
import { zonedCalendar } from '../../src/modules/sla/zoned-calendar.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

/**
 * The dashboard's business-time arithmetic runs in a worker thread: while it computes, the
 * process answers other requests, and the figures are the ones the same functions give in
 * the request's own thread.
 */
describe('the dashboard off the main thread', () => {
  let t: TestApp;
  let quality: Client;
  const to = new Date(Date.now() + DAY);
  const from = new Date(to.getTime() - 729 * DAY);
  const path = `/api/reports/dashboard?from=${from.toISOString()}&to=${to.toISOString()}`;

  beforeAll(async () => {
    t = await startTestApp();
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const dealers = await demoDealers(reception);
    // Met first-response timers: listened to on the spot, some hours ago.
    for (let i = 0; i < 6; i++) {
      const receivedAt = new Date(Date.now() - (i + 1) * 5 * 3_600_000).toISOString();
      const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { receivedAt, onTheSpot: { listened: true }, customer: { name: `Thread ${i}`, email: `thread.${i}@example.nl` } }));
      expect(res.status, res.text).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the medians the in-thread computation gives, worked out by the worker thread', async () => {
    const threads = t.app.get(BusinessHoursPool);
    const before = threads.pool.completed;
    const res = await quality.get(path);
    expect(res.status, res.text).toBe(200);
    // Business hours per page and target, and the two medians: all answered by the worker.
    expect(threads.pool.completed - before).toBeGreaterThanOrEqual(3);

    const dealers = await t.dataSource.getRepository(Dealer).find();
    const scope = { dealerIds: dealers.map((d) => d.id), from, to, now: new Date() };
    const hours = await new TicketReportReadModel(t.dataSource, scope).metHours(['listen', 'resolve'], new Map(dealers.map((d) => [d.id, zonedCalendar(d)])), async (calendar, starts, ends) => businessHours({ calendar, starts, ends }));
    expect(hours.get('listen')!.length).toBeGreaterThan(0);
    expect(res.body.medianHoursToFirstResponse).toBe(round1(medianOf({ parts: hours.get('listen')! })));
    expect(res.body.medianHoursToResolution).toBe(round1(medianOf({ parts: hours.get('resolve')! })));
    expect(res.body.medianHoursToFirstResponse).not.toBeNull();
  });

  it('runs the dashboard\'s statements on the worker\'s own read-only connection, none on the app\'s reader (SQLite)', async () => {
    const threads = t.app.get(BusinessHoursPool);
    if (t.dataSource.options.type === 'postgres') {
      // PostgreSQL: a connection of the pool, which other requests do not wait for; the worker only does arithmetic.
      const queries = await captureQueries(t.dataSource, async () => expect((await quality.get(path)).status).toBe(200));
      expect(queries.filter((q) => reads(q, ['sla_timers'])).length).toBeGreaterThan(0);
      return;
    }
    // Every statement handed to the app's reader connection while the dashboard is computed.
    const reader = (t.dataSource.driver as unknown as { databaseConnection: { all: (...args: unknown[]) => unknown } }).databaseConnection;
    const seen: string[] = [];
    const all = reader.all;
    reader.all = function (this: unknown, sql: unknown, ...rest: unknown[]) {
      seen.push(String(sql));
      return all.call(this, sql, ...rest);
    };
    const before = threads.pool.completed;
    try {
      const res = await quality.get(path);
      expect(res.status, res.text).toBe(200);
      expect(res.body.medianHoursToFirstResponse).not.toBeNull();
    } finally {
      reader.all = all;
    }
    // The period's tickets, timers and compensations are added up in the worker thread: a task per statement.
    expect(seen.filter((sql) => /"sla_timers"|"compensations"|FROM "tickets"/.test(sql))).toEqual([]);
    expect(threads.pool.completed - before).toBeGreaterThanOrEqual(10);
  });

  it('adds up the tickets and reads the met timers from indexes alone, never reading their rows', async () => {
    const dealers = await t.dataSource.getRepository(Dealer).find();
    const scope = { dealerIds: dealers.map((d) => d.id), from, to, now: new Date() };
    // The read model's statements, as the worker thread would be handed them.
    const statements: ReportStatement[] = [];
    const q = new TicketReportReadModel(t.dataSource, scope, 5000, { rows: async (statement) => (statements.push(statement), []) });
    await Promise.all([q.openByStage(), q.receivedByDealer(), q.recoveryByDealer(), q.rootCauses(), q.receivedPerDay(), q.recoveryPerDay()]);
    expect(statements).toHaveLength(6);
    if (t.dataSource.options.type === 'postgres') {
      // PostgreSQL plans by its statistics; the indexes are there for it to choose.
      const names = (await t.dataSource.query("SELECT indexname FROM pg_indexes WHERE tablename = 'tickets'")).map((r: { indexname: string }) => r.indexname);
      expect(names).toEqual(expect.arrayContaining(['IDX_tickets_report_received', 'IDX_tickets_report_open']));
      return;
    }
    for (const { sql, params } of statements) {
      const plan: { detail: string }[] = await t.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params);
      expect(plan.map((p) => p.detail).join(' | '), sql).toMatch(/^SEARCH t USING COVERING INDEX IDX_tickets_report_(received|open) /);
    }
    // The timers' moments: a dealer's page at a time, by timer id.
    const met = q.metTimers(['listen', 'resolve']);
    expect(met.pages.map((p) => p.dealerId)).toEqual(scope.dealerIds);
    for (const { sql, params, afterAt } of met.pages) {
      expect(sql).toMatch(/LIMIT 5000$/);
      const keyed = params.slice();
      keyed[afterAt] = '';
      const plan: { detail: string }[] = await t.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, keyed);
      expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/SCAN t\b/);
    }
  });

  it('reads the met timers in the worker a page at a time, with the medians the pages of metHours give', async () => {
    if (t.dataSource.options.type === 'postgres') return expect(t.dataSource.options.type).toBe('postgres');
    const threads = t.app.get(BusinessHoursPool);
    const dealers = await t.dataSource.getRepository(Dealer).find();
    const calendars = new Map(dealers.map((d) => [d.id, zonedCalendar(d)]));
    const scope = { dealerIds: dealers.map((d) => d.id), from, to, now: new Date() };
    const targets = ['listen', 'resolve'];
    // Pages of 2: every dealer's timers take several pages, each after the last id of the one before.
    const paged = new TicketReportReadModel(t.dataSource, scope, 2, threads);
    const timers = paged.metTimers(targets);
    expect(timers.pageSize).toBe(2);
    const found = await threads.metMedians(timers, calendars, targets);
    const hours = await new TicketReportReadModel(t.dataSource, scope).metHours(targets, calendars, async (calendar, starts, ends) => businessHours({ calendar, starts, ends }));
    expect(hours.get('listen')!.reduce((n, p) => n + p.length, 0)).toBeGreaterThan(4);
    expect(found.listen).toBe(medianOf({ parts: hours.get('listen')! }));
    expect(found.resolve ?? null).toBe(medianOf({ parts: hours.get('resolve')! }));
  });

  it('answers /health/live while the dashboard\'s computation is under way', async () => {
    const threads = t.app.get(BusinessHoursPool);
    // The worker busy, as with a two-year dashboard at 1 M tickets, until released.
    const flag = new SharedArrayBuffer(4);
    const busy = threads.pool.run('busyUntil', { flag });
    const order: string[] = [];
    const dashboard = quality.get(path).then((r) => {
      order.push('dashboard');
      return r;
    });
    // The dashboard has reached the worker: its first task waits behind the busy one.
    for (let i = 0; i < 500 && !(await queued(threads)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await queued(threads)).toBe(true);
    const live = await Client.anonymous(t.baseUrl).get('/health/live');
    order.push('live');
    expect(live.status).toBe(200);
    expect(order).toEqual(['live']);
    Atomics.store(new Int32Array(flag), 0, 1);
    Atomics.notify(new Int32Array(flag), 0);
    await busy;
    const res = await dashboard;
    expect(res.status, res.text).toBe(200);
    expect(order).toEqual(['live', 'dashboard']);
  });
});

/** Whether a task besides the busy one is waiting in the pool. */
async function queued(threads: BusinessHoursPool): Promise<boolean> {
  return threads.pool.pending > 1;
}
