import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, reads } from '../../src/common/database/query-plans.js';
import { Dealer } from '../../src/modules/dealers/dealer.entity.js';
import { BusinessHoursPool } from '../../src/modules/reporting/business-hours.pool.js';
import { TicketReportReadModel } from '../../src/modules/tickets/reports/ticket-report.read-model.js';
import { DashboardService } from '../../src/modules/reporting/dashboard.service.js';
import { businessHours } from '../../src/modules/reporting/business-hours.js';
import type { HoursOf } from '../../src/modules/tickets/reports/ticket-report.read-model.js';
import { businessMinutesBetween } from '../../src/modules/sla/business-time.js';
import { SlaTimer } from '../../src/modules/sla/sla-timer.entity.js';
import { zonedCalendar } from '../../src/modules/sla/zoned-calendar.js';
import { Compensation } from '../../src/modules/tickets/compensations/compensation.entity.js';
import { Ticket } from '../../src/modules/tickets/ticket.entity.js';
import type { Actor } from '../../src/modules/users/roles.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A moment as either driver returns it from a plain SELECT. */
const moment = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(/Z$/.test(v) ? v : `${v.replace(' ', 'T')}Z`));

/**
 * The dashboard's figures worked out the slow, obvious way: every row of the period read
 * with plain SQL written here, and counted in JavaScript — what the service did before it
 * added up in the database. The service's answer must be exactly this.
 */
async function expectedFigures(t: TestApp, dealerIds: string[], from: Date, to: Date, now: Date, index: { dealers: { dealerId: string; overall: { score: number | null } }[] }, names: Map<string, string>, dealerId: string | null) {
  const ds = t.dataSource;
  const mine = new Set(dealerIds);
  const inPeriod = (d: Date | null) => d !== null && d >= from && d < to;
  const tickets = (await ds.query('SELECT t.id, t."dealerId", t.status, t.stage, t."slaState", t."receivedAt", t."followUpScore", t."rootCause", t."saleAtRisk", t.outcome FROM tickets t') as any[])
    .filter((r) => mine.has(r.dealerId)).map((r) => ({ ...r, receivedAt: moment(r.receivedAt), saleAtRisk: Boolean(r.saleAtRisk) }));
  const allTimers = (await ds.query('SELECT s.target, s."startedAt", s."dueAt", s."metAt", s."breachedAt", t."dealerId" FROM sla_timers s JOIN tickets t ON t.id = s."ticketId"') as any[])
    .filter((r) => mine.has(r.dealerId))
    .map((r) => ({ ...r, startedAt: moment(r.startedAt)!, dueAt: moment(r.dueAt)!, metAt: moment(r.metAt), breachedAt: moment(r.breachedAt) }));
  const timers = allTimers.filter((r) => inPeriod(r.startedAt));
  const comps = (await ds.query('SELECT c.kind, c.currency, c.amount, c.state, c."deliveredAt", t."dealerId" FROM compensations c JOIN tickets t ON t.id = c."ticketId"') as any[])
    .filter((r) => mine.has(r.dealerId) && r.state === 'delivered' && inPeriod(moment(r.deliveredAt)));
  const calendars = new Map((await ds.getRepository(Dealer).find()).map((d) => [d.id, zonedCalendar(d)]));

  const received = tickets.filter((r) => inPeriod(r.receivedAt));
  const answered = received.filter((r) => r.followUpScore !== null);
  const done = (r: (typeof timers)[number]) => r.metAt !== null || r.breachedAt !== null || r.dueAt <= now;
  const onTime = (r: (typeof timers)[number]) => r.metAt !== null && r.metAt <= r.dueAt;
  const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : null);
  const median = (xs: number[]) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length % 2 ? s[Math.floor(s.length / 2)] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return Math.round(m * 10) / 10;
  };
  const hours = (target: string) => timers.filter((r) => r.target === target && r.metAt).map((r) => businessMinutesBetween(r.startedAt, r.metAt!, calendars.get(r.dealerId)!) / 60);
  const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
  const isoWeek = (d: Date) => {
    // The ISO week of a UTC date: the week belongs to the year of its Thursday.
    const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)));
    const week = 1 + Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * DAY));
    return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
  };
  const compensation = new Map<string, { kind: string; currency: string; total: number; count: number }>();
  for (const c of comps) {
    const k = `${c.kind}/${c.currency}`;
    const e = compensation.get(k) ?? { kind: c.kind, currency: c.currency, total: 0, count: 0 };
    compensation.set(k, { ...e, total: e.total + Number(c.amount), count: e.count + 1 });
  }
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    dealerId,
    openByStage: [...count(tickets.filter((r) => r.status !== 'closed'), (r) => JSON.stringify([r.stage, r.slaState]))]
      .map(([k, n]) => ({ stage: JSON.parse(k)[0], slaState: JSON.parse(k)[1], count: n })),
    breaches: timers.filter((r) => r.breachedAt || (!r.metAt && r.dueAt <= now)).length,
    medianHoursToFirstResponse: median(hours('listen')),
    medianHoursToResolution: median(hours('resolve')),
    slaCompliance: ['listen', 'apologise', 'fix', 'resolve'].map((target) => {
      const ts = timers.filter((r) => r.target === target && done(r));
      return { target, onTime: ts.filter(onTime).length, total: ts.length, percent: pct(ts.filter(onTime).length, ts.length) };
    }),
    recovery: { answered: answered.length, recovered: answered.filter((r) => r.followUpScore >= 4).length, rate: pct(answered.filter((r) => r.followUpScore >= 4).length, answered.length) },
    compensation: [...compensation.values()],
    salesAtRisk: { count: received.filter((r) => r.saleAtRisk).length, retained: received.filter((r) => r.saleAtRisk && r.outcome === 'retained').length },
    rootCauses: [...count(received.filter((r) => r.rootCause), (r) => r.rootCause)].map(([rootCause, n]) => ({ rootCause, count: n }))
      .sort((a, b) => b.count - a.count || a.rootCause.localeCompare(b.rootCause)),
    weeklyTrend: [...count(received, (r) => isoWeek(r.receivedAt))].map(([week, n]) => ({ week, count: n })).sort((a, b) => a.week.localeCompare(b.week)),
    trend: trendWeeks(to).map(([start, end]) => {
      const ts = allTimers.filter((r) => r.startedAt >= start && r.startedAt < end && done(r));
      const ans = tickets.filter((r) => r.receivedAt >= start && r.receivedAt < end && r.followUpScore !== null);
      return { week: isoWeek(start), slaCompliance: pct(ts.filter(onTime).length, ts.length), recoveryRate: pct(ans.filter((r) => r.followUpScore >= 4).length, ans.length) };
    }),
    league: ranked(dealerIds.map((id) => {
      const ts = timers.filter((r) => r.dealerId === id && done(r));
      const ans = received.filter((r) => r.dealerId === id && r.followUpScore !== null);
      return {
        dealerId: id,
        dealerName: names.get(id)!,
        satisfactionIndex: index.dealers.find((d) => d.dealerId === id)?.overall.score ?? null,
        slaCompliance: pct(ts.filter(onTime).length, ts.length),
        recoveryRate: pct(ans.filter((r) => r.followUpScore >= 4).length, ans.length),
        tickets: received.filter((r) => r.dealerId === id).length,
      };
    })),
  };
}

/** The 12 weeks (Monday 00:00 UTC to the next, the last cut at `to`) ending with the week of the period's last instant. */
function trendWeeks(to: Date): [Date, Date][] {
  const last = new Date(to.getTime() - 1);
  const monday = Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() - ((last.getUTCDay() + 6) % 7));
  return Array.from({ length: 12 }, (_, i) => {
    const start = monday - (11 - i) * 7 * DAY;
    return [new Date(start), new Date(Math.min(start + 7 * DAY, to.getTime()))];
  });
}

/** Dealers with a figure by index then SLA compliance, ranked; the others after them by name, without a rank. */
function ranked<T extends { dealerName: string; satisfactionIndex: number | null; slaCompliance: number | null; recoveryRate: number | null }>(rows: T[]) {
  const has = (r: T) => r.satisfactionIndex !== null || r.slaCompliance !== null || r.recoveryRate !== null;
  const withData = rows.filter(has).sort((a, b) => (b.satisfactionIndex ?? -1) - (a.satisfactionIndex ?? -1) || (b.slaCompliance ?? -1) - (a.slaCompliance ?? -1));
  const without = rows.filter((r) => !has(r)).sort((a, b) => a.dealerName.localeCompare(b.dealerName));
  return [...withData.map((r, i) => ({ rank: i + 1, ...r })), ...without.map((r) => ({ rank: null, ...r }))];
}

/** Rows whose order the database chooses, in a fixed order for comparing. */
function comparable(f: any) {
  const by = (k: (x: any) => string) => (a: any, b: any) => k(a).localeCompare(k(b));
  return { ...f, openByStage: [...f.openByStage].sort(by((r) => `${r.stage}/${r.slaState}`)), compensation: [...f.compensation].sort(by((r) => `${r.kind}/${r.currency}`)) };
}

describe('the dashboard adds up in the database what the rows say', () => {
  let t: TestApp;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;
  let names: Map<string, string>;
  const now = Date.now();

  beforeAll(async () => {
    t = await startTestApp();
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(quality);
    names = new Map(Object.values(dealers).map((d) => [d.id, d.name]));
    for (const country of ['nl', 'se', 'no']) {
      const reception = await Client.login(t.baseUrl, `reception.${country}@demo.test`);
      for (let i = 0; i < 7; i++) {
        const res = await reception.post('/api/tickets', complaint(dealers[country].id, { department: ['sales', 'service', 'parts'][i % 3] }));
        expect(res.status, res.text).toBe(201);
      }
    }
    // Spread the tickets over two and a half years, in every state, with timers met on
    // time, late, breached, overdue and not yet due; written straight to the database.
    const tickets = await t.dataSource.getRepository(Ticket).find({ order: { ref: 'ASC' } });
    expect(tickets.length).toBeGreaterThan(20);
    for (const [i, ticket] of tickets.entries()) {
      const receivedAt = new Date(now - HOUR - i * 41 * DAY - i * 5 * HOUR);
      await t.dataSource.getRepository(Ticket).update({ id: ticket.id }, {
        receivedAt,
        followUpScore: [null, 5, 2, 4, null, 1, 4][i % 7],
        rootCause: [null, 'process', 'people', 'process', 'product'][i % 5],
        saleAtRisk: i % 3 === 0,
        outcome: i % 4 === 0 ? 'retained' : i % 4 === 1 ? 'lost' : null,
        ...(i % 6 === 5 ? { status: 'closed', stage: 'closed' } : {}),
        slaState: (['on-track', 'at-risk', 'breached', 'met'] as const)[i % 4],
      });
      const timers = await t.dataSource.getRepository(SlaTimer).find({ where: { ticketId: ticket.id }, order: { target: 'ASC' } });
      for (const [k, timer] of timers.entries()) {
        const startedAt = new Date(receivedAt.getTime() + k * HOUR);
        const dueAt = new Date(startedAt.getTime() + (1 + ((i + k) % 3)) * DAY);
        const kind = (i + k) % 4;
        await t.dataSource.getRepository(SlaTimer).update({ id: timer.id }, {
          startedAt,
          dueAt,
          metAt: kind === 1 ? new Date(startedAt.getTime() + (5 + i + k) * HOUR) : kind === 2 ? new Date(dueAt.getTime() + (i + 1) * HOUR) : null,
          breachedAt: kind === 2 || kind === 3 ? dueAt : null,
        });
      }
      if (i % 4 === 1) {
        const deliveredAt = new Date(receivedAt.getTime() + 2 * DAY);
        await t.dataSource.getRepository(Compensation).insert({
          id: randomUUID(), ticketId: ticket.id, kind: i % 8 === 1 ? 'gift' : 'fuel', amount: 10 + i, currency: 'EUR', note: null,
          state: i % 3 === 0 ? 'proposed' : 'delivered', proposedById: null, decidedById: null, decidedAt: deliveredAt, deliveredAt, createdAt: receivedAt,
        });
      }
    }
  });
  afterAll(() => t?.close());

  async function compare(client: Client, dealerIds: string[], from: Date, to: Date, dealerId: string | null = null) {
    const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), ...(dealerId ? { dealerId } : {}) });
    const res = await client.get(`/api/reports/dashboard?${q}`);
    expect(res.status, res.text).toBe(200);
    const index = (await client.get(`/api/reports/satisfaction-index?${q}`)).body;
    const expected = await expectedFigures(t, dealerIds, from, to, new Date(), index, names, dealerId);
    expect(comparable(res.body)).toEqual(comparable(expected));
    return expected;
  }

  it('gives for two years, all dealers, the figures the rows add up to', async () => {
    const to = new Date(now + HOUR);
    const visible = (await quality.get('/api/dealers')).body.map((d: DemoDealer) => d.id);
    const expected = await compare(quality, visible, new Date(to.getTime() - 729 * DAY), to);
    // The data set is worth comparing on: every figure has something in it, and some tickets fall outside.
    expect(expected.recovery.answered).toBeGreaterThan(3);
    expect(expected.breaches).toBeGreaterThan(3);
    expect(expected.medianHoursToFirstResponse).not.toBeNull();
    expect(expected.medianHoursToResolution).not.toBeNull();
    expect(expected.rootCauses.length).toBe(3);
    expect(expected.weeklyTrend.length).toBeGreaterThan(12);
    expect(expected.compensation.length).toBeGreaterThan(0);
    expect(expected.trend.filter((w) => w.slaCompliance !== null).length).toBeGreaterThan(0);
    expect(expected.salesAtRisk.count).toBeGreaterThan(0);
    expect(expected.league.every((d) => d.tickets > 0)).toBe(true);
    const all = await t.dataSource.getRepository(Ticket).count();
    expect(expected.league.reduce((s, d) => s + d.tickets, 0)).toBeLessThan(all);
  });

  it('gives the same for one dealer, for a past period, and for a caller who sees one dealer', async () => {
    await compare(quality, [dealers.nl.id], new Date(now - 400 * DAY), new Date(now - 100 * DAY), dealers.nl.id);
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    await compare(reception, [dealers.se.id], new Date(now - 700 * DAY), new Date(now));
  });

  it('reads the met timers in pages without losing or repeating one', async () => {
    const dealerRows = await t.dataSource.getRepository(Dealer).find();
    const calendars = new Map(dealerRows.map((d) => [d.id, zonedCalendar(d)]));
    const scope = { dealerIds: dealerRows.map((d) => d.id), from: new Date(now - 729 * DAY), to: new Date(now + HOUR), now: new Date() };
    const sorted = (m: Map<string, Float64Array[]>) => [...m].map(([k, v]) => [k, v.flatMap((part) => [...part]).sort((a, b) => a - b)]);
    const inThread: HoursOf = async (calendar, starts, ends) => businessHours({ calendar, starts, ends });
    const whole = await new TicketReportReadModel(t.dataSource, scope).metHours(['listen', 'resolve'], calendars, inThread);
    const paged = await new TicketReportReadModel(t.dataSource, scope, 2).metHours(['listen', 'resolve'], calendars, inThread);
    expect(sorted(whole).reduce((n, [, v]) => n + (v as number[]).length, 0)).toBeGreaterThan(2 * dealerRows.length);
    expect(sorted(paged)).toEqual(sorted(whole));
  });

  it('refuses a period over two years, naming the field, on the API, the exports and the page', async () => {
    const tooLong = 'from=2020-01-01&to=2026-01-01';
    for (const path of ['/api/reports/dashboard', '/api/exports/dashboard.csv', '/api/exports/league.csv', '/api/reports/satisfaction-index']) {
      const res = await quality.get(`${path}?${tooLong}`);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(res.body), path).toContain('to must be at most 2 years after from');
    }
    // Without `to` the period ends now, and `from` is what is too early.
    const fromOnly = await quality.get(`/api/reports/dashboard?from=${new Date(now - 800 * DAY).toISOString()}`);
    expect(fromOnly.status).toBe(400);
    expect(fromOnly.body.message.join(' ')).toContain('from must be at most 2 years before now');
    // Exactly two years is allowed.
    expect((await quality.get('/api/reports/dashboard?from=2024-01-01&to=2026-01-01')).status).toBe(200);
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const res = await page.get(`/dashboard?${tooLong}`);
    expect(res.status).toBe(400);
    expect(res.html).toContain('Choose a start date before the end date, at most two years apart');
    const satisfaction = await page.get(`/reports/satisfaction?${tooLong}`);
    expect(satisfaction.status).toBe(400);
    expect(satisfaction.html).toContain('Choose a start date before the end date, at most two years apart');
    const pageFromOnly = await page.get('/dashboard?from=1896-01-01');
    expect(pageFromOnly.status).toBe(400);
    expect(pageFromOnly.html).toContain('Choose a start date before the end date, at most two years apart');
  });

  it('computes identical requests under way at once only once', async () => {
    const service = t.app.get(DashboardService);
    const user: { id: string; name: string } = (await t.dataSource.query("SELECT id, name FROM users WHERE email = 'quality@demo.test'"))[0];
    const actor: Actor = { id: user.id, name: user.name, role: 'quality-manager', dealerId: null, department: null, via: 'session' };
    const query = { from: new Date(now - 700 * DAY).toISOString(), to: new Date(now).toISOString() };
    // The work of a computation: its reads of the timers on the app's connection, and its
    // tasks in the worker thread (on SQLite every statement is one).
    const threads = t.app.get(BusinessHoursPool).pool;
    const work = async (compute: () => Promise<unknown>) => {
      const tasks = threads.completed;
      const queries = await captureQueries(t.dataSource, compute);
      return queries.filter((q) => reads(q, ['sla_timers'])).length + threads.completed - tasks;
    };

    let one: unknown;
    const alone = await work(async () => (one = await service.figures(actor, query)));
    expect(alone).toBeGreaterThan(0);
    let four: unknown[] = [];
    const shared = await work(async () => (four = await Promise.all([1, 2, 3, 4].map(() => service.figures(actor, { ...query })))));
    expect(shared).toBe(alone);
    for (const f of four) expect(f).toEqual(one);
    // The same period written differently is the same request; another period is not.
    const sameInstant = { from: query.from.replace('Z', '+00:00'), to: query.to };
    const other = { ...query, to: new Date(now - DAY).toISOString() };
    const mixed = await work(() => Promise.all([service.figures(actor, query), service.figures(actor, sameInstant), service.figures(actor, other)]));
    expect(mixed).toBe(2 * alone);
    // A caller with another scope never shares another's figures.
    const reception: Actor = { ...actor, role: 'receptionist', dealerId: dealers.se.id };
    const [wide, narrow] = await Promise.all([service.figures(actor, query), service.figures(reception, query)]);
    expect(wide.league).toHaveLength(3);
    expect(narrow.league.map((d) => d.dealerId)).toEqual([dealers.se.id]);
  });
});
