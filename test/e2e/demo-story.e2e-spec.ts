import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../src/common/clock/clock.js';
import { seedDemoIfEmpty } from '../../src/database/seeds/demo.seed.js';
import { lastStoryReport } from '../../src/database/seeds/story/index.js';
import { planStory } from '../../src/database/seeds/story/story-plan.js';
import { Dealer } from '../../src/modules/dealers/dealer.entity.js';
import { planMoments, slaSummary } from '../../src/modules/sla/sla-clock.js';
import { SlaTimer } from '../../src/modules/sla/sla-timer.entity.js';
import { zonedCalendar } from '../../src/modules/sla/zoned-calendar.js';
import { Ticket } from '../../src/modules/tickets/ticket.entity.js';
import { STAGES } from '../../src/modules/tickets/workflow/ticket-workflow.js';
import { TicketQueueService } from '../../src/modules/tickets/queue/ticket-queue.service.js';
import type { ListTicketsQuery } from '../../src/modules/tickets/queue/list-tickets.query.js';
import { toActor, UsersService } from '../../src/modules/users/users.service.js';
import { Client } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const count = async (t: TestApp, sql: string): Promise<number> => Number((await t.dataSource.query(sql))[0].n);

/** A moment as either driver returns it from a plain SELECT. */
const moment = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(/Z$/.test(v) ? v : `${v.replace(' ', 'T')}Z`));

describe('the demo story (npm start on an empty database)', () => {
  let t: TestApp;
  let quality: Client;

  beforeAll(async () => {
    t = await startTestApp({}, { seed: 'story' });
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
  }, 300_000);
  afterAll(() => t?.close());

  it('replays the whole plan through the services without a refusal, a few hundred tickets besides the minimal demo', async () => {
    const report = lastStoryReport()!;
    expect(report.refused).toEqual({});
    const plan = planStory(report.seed, report.now);
    const fromSurveys = await count(t, `SELECT COUNT(*) AS n FROM tickets WHERE channel = 'survey'`);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM tickets')).toBe(4 + plan.tickets.length + fromSurveys);
    expect(plan.tickets.length).toBeGreaterThanOrEqual(300);
    expect(fromSurveys).toBeGreaterThan(3);
    // The API.md demo is still there: the canonical sales-desk wait and the demo users.
    expect(await count(t, `SELECT COUNT(*) AS n FROM customers WHERE email = 'sanne.devries@example.nl'`)).toBe(1);
    expect((await (await Client.login(t.baseUrl, 'reception.nl@demo.test')).get('/api/tickets?limit=1')).status).toBe(200);
  });

  it('answers the dashboard with figures for every chart, and a league of all three dealers', async () => {
    const { status, body: f } = await quality.get('/api/reports/dashboard');
    expect(status).toBe(200);
    expect(f.openByStage.length).toBeGreaterThan(0);
    expect(new Set(f.openByStage.map((r: { slaState: string }) => r.slaState))).toEqual(new Set(['on-track', 'at-risk', 'breached', 'met']));
    expect(f.breaches).toBeGreaterThan(0);
    expect(f.medianHoursToFirstResponse).toBeGreaterThan(0);
    expect(f.medianHoursToResolution).toBeGreaterThan(0);
    for (const c of f.slaCompliance) {
      expect(c.total, c.target).toBeGreaterThan(0);
      expect(c.percent, c.target).toBeGreaterThan(50);
      expect(c.percent, c.target).toBeLessThan(100);
    }
    expect(f.recovery.answered).toBeGreaterThan(50);
    expect(f.recovery.rate).toBeGreaterThan(50);
    expect(f.compensation.length).toBeGreaterThan(5);
    expect(f.salesAtRisk.count).toBeGreaterThan(0);
    expect(f.rootCauses.length).toBeGreaterThanOrEqual(3);
    expect(f.rootCauses.slice(0, 2).map((r: { rootCause: string }) => r.rootCause).sort()).toEqual(['communication', 'waiting-time']);
    expect(f.weeklyTrend.length).toBeGreaterThanOrEqual(12);
    expect(f.league).toHaveLength(3);
    for (const d of f.league) {
      expect(d.satisfactionIndex, d.dealerName).not.toBeNull();
      expect(d.slaCompliance, d.dealerName).not.toBeNull();
      expect(d.recoveryRate, d.dealerName).not.toBeNull();
      expect(d.tickets, d.dealerName).toBeGreaterThan(80);
    }
    const league = await quality.send<string>('GET', '/api/exports/league.csv', undefined, { accept: 'text/csv' });
    expect(String(league.body).trim().split('\n')).toHaveLength(4);
  });

  it('fills the queue in every stage, with the counts the triggers keep and a search row per ticket', async () => {
    for (const stage of STAGES) {
      const { body } = await quality.get(`/api/tickets?stage=${stage}&limit=1`);
      expect(body.items.length, stage).toBe(1);
    }
    const actor = toActor((await t.app.get(UsersService).findByEmail('quality@demo.test'))!, 'session');
    const { counts } = await t.app.get(TicketQueueService).facets(actor, {} as ListTicketsQuery);
    for (const facet of ['stage', 'status', 'slaState'] as const) {
      const rows: { v: string | null; n: number }[] = await t.dataSource.query(`SELECT "${facet}" AS v, COUNT(*) AS n FROM tickets GROUP BY "${facet}"`);
      const expected = Object.fromEntries(rows.filter((r) => r.v !== null).map((r) => [r.v, Number(r.n)]));
      expect(Object.fromEntries(Object.entries(counts[facet]).filter(([, n]) => n > 0)), facet).toEqual(expected);
    }
    // One search row per ticket: FTS5's key table on SQLite, the tsvector rows on PostgreSQL.
    const searchRows = t.dataSource.options.type === 'postgres' ? 'SELECT COUNT(*) AS n FROM ticket_search' : 'SELECT COUNT(*) AS n FROM ticket_search_keys';
    expect(await count(t, searchRows)).toBe(await count(t, 'SELECT COUNT(*) AS n FROM tickets'));
    expect(await count(t, `SELECT COUNT(*) AS n FROM tickets WHERE status = 'waiting-on-customer'`)).toBeGreaterThan(0);
    const search = await quality.get(`/api/tickets?q=${encodeURIComponent('werkplaats')}&limit=5`);
    expect(search.body.items.length).toBeGreaterThan(0);
  });

  it('leaves no mail pending: what the story mailed is history', async () => {
    expect(await count(t, `SELECT COUNT(*) AS n FROM notifications`)).toBeGreaterThan(300);
    expect(await count(t, `SELECT COUNT(*) AS n FROM notifications WHERE state <> 'sent'`)).toBe(0);
  });

  it('has escalations acknowledged and pending, each ticket at the level of its highest', async () => {
    expect(await count(t, 'SELECT COUNT(*) AS n FROM escalations WHERE "acknowledgedAt" IS NOT NULL')).toBeGreaterThan(10);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM escalations WHERE "acknowledgedAt" IS NULL')).toBeGreaterThan(10);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM escalations WHERE manual = true')).toBeGreaterThan(0);
    expect(await count(t, 'SELECT COUNT(DISTINCT level) AS n FROM escalations')).toBe(3);
    const off = await t.dataSource.query(`SELECT t.ref FROM tickets t WHERE t."escalationLevel" <> COALESCE((SELECT MAX(e.level) FROM escalations e WHERE e."ticketId" = t.id), 0)`);
    expect(off).toEqual([]);
  });

  it('keeps timelines in order, starting with the intake, and stages in step with their events', async () => {
    const rows: { ticketId: string; type: string; createdAt: string | Date; data: string }[] = await t.dataSource.query(
      `SELECT "ticketId", type, "at" AS "createdAt", data FROM timeline_events ORDER BY "ticketId", id`,
    );
    const byTicket = new Map<string, typeof rows>();
    for (const r of rows) byTicket.set(r.ticketId, [...(byTicket.get(r.ticketId) ?? []), r]);
    const tickets = await t.dataSource.getRepository(Ticket).find();
    for (const ticket of tickets) {
      const events = byTicket.get(ticket.id)!;
      expect(events.find((e) => e.type === 'created'), ticket.ref).toBeTruthy();
      const times = events.map((e) => moment(e.createdAt)!.getTime());
      expect(times, ticket.ref).toEqual([...times].sort((a, b) => a - b));
      expect(moment(events[0].createdAt)!.getTime()).toBeGreaterThanOrEqual(ticket.receivedAt.getTime());
      if (ticket.status === 'closed') expect(events.some((e) => e.type === 'closed'), ticket.ref).toBe(true);
    }
  });

  it('keeps SLA timers as the SLA module computes them: deadlines in business time, met by their stages', async () => {
    const now = t.app.get(Clock).now();
    const dealers = new Map((await t.dataSource.getRepository(Dealer).find()).map((d) => [d.id, zonedCalendar(d)]));
    const tickets = await t.dataSource.getRepository(Ticket).find({ order: { ref: 'ASC' } });
    const timers = await t.dataSource.getRepository(SlaTimer).find();
    const reached = (stage: string, status: string) => (status === 'closed' ? STAGES.length : STAGES.indexOf(stage as never));
    for (const [i, ticket] of tickets.entries()) {
      const mine = timers.filter((x) => x.ticketId === ticket.id);
      expect(mine).toHaveLength(4);
      const at = reached(ticket.stage, ticket.status);
      for (const timer of mine) {
        const stageIndex = { listen: 0, apologise: 1, fix: 2, resolve: 3 }[timer.target];
        // A stage behind the ticket met its clock (a reopen restarts fix and resolve, which the later stages meet again).
        if (at > stageIndex) expect(timer.metAt, `${ticket.ref} ${timer.target}`).not.toBeNull();
        // A breach is escalated by the sweep, or was met late before the next sweep came round.
        if (timer.breachedAt) expect(timer.escalatedLevel >= 1 || (timer.metAt !== null && timer.metAt >= timer.dueAt), `${ticket.ref} ${timer.target}`).toBe(true);
        else expect(timer.metAt === null ? now < timer.dueAt || timer.pausedAt !== null : timer.metAt < timer.dueAt, `${ticket.ref} ${timer.target}`).toBe(true);
        // Every fifth ticket: the stored deadlines are the business-time ones.
        if (i % 5 === 0) {
          const moments = planMoments(timer.startedAt, timer.targetMinutes, timer.warningThreshold, timer.pausedMinutes, dealers.get(ticket.dealerId)!);
          expect(timer.dueAt.toISOString(), `${ticket.ref} ${timer.target}`).toBe(moments.dueAt.toISOString());
          expect(timer.warnAt.toISOString(), `${ticket.ref} ${timer.target}`).toBe(moments.warnAt.toISOString());
        }
      }
      if (ticket.status !== 'closed' && ticket.status !== 'waiting-on-customer') {
        expect(ticket.slaState, ticket.ref).toBe(slaSummary(mine, now).state);
      }
    }
  });

  it('seeds once: starting again on the same database adds nothing', async () => {
    const before = await count(t, 'SELECT COUNT(*) AS n FROM tickets');
    expect(await seedDemoIfEmpty(t.app, { story: 1 })).toBe(false);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM tickets')).toBe(before);
  });
});
