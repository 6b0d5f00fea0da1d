import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { FixedClock } from '../../src/common/clock/clock.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { captureQueries, explain, fullScans, GROWING_TABLES, isPlannable, isRead, touches } from '../../src/common/database/query-plans.js';
import { SlaSweepService } from '../../src/modules/escalation/sla-sweep.service.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Monday 23 November 2026, 13:00 in Utrecht. */
const NOW = new Date('2026-11-23T12:00:00Z');

/**
 * The sweep works in batches (claimed timers, multi-row statements) through the batch
 * transition; here it is held to the rows the single transition path (`apply`, one
 * timer at a time, as the sweep used to) writes for the same tickets at the same moment.
 */
describe('the set-based sweep', () => {
  const clock = new FixedClock(NOW);
  /** The batch size is a setting (`SWEEP_BATCH`): a small one here, so the 80 tickets' timers take several batches. */
  const SWEEP_BATCH = 30;
  let batch: TestApp;
  let single: TestApp;
  const refs: string[][] = [[], []];

  /** The same 80 tickets on both databases: four dealers' worth, every severity, received from half an hour to weeks ago. */
  async function fill(t: TestApp, into: string[]) {
    const reception = await Client.login(t.baseUrl, 'quality@demo.test');
    const dealers = await demoDealers(reception);
    const [manager] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'sales.manager.nl@demo.test'`);
    for (let i = 0; i < 80; i++) {
      const dealer = [dealers.nl, dealers.nl, dealers.se, dealers.no][i % 4];
      const receivedAt = new Date(NOW.getTime() - Math.round(30 * 1.09 ** i) * 60_000).toISOString();
      const res = await reception.post('/api/tickets', complaint(dealer.id, {
        department: i % 3 ? 'sales' : 'service',
        severity: ['critical', 'high', 'medium', 'low'][i % 4],
        receivedAt,
        customer: { name: `Customer ${i}`, email: `customer.${i}@example.com` },
      }));
      expect(res.status, res.text).toBe(201);
      into.push(res.body.ref);
      // Some assigned: their warnings go to the assignee.
      if (dealer === dealers.nl && i % 5 === 0) expect((await reception.post(`/api/tickets/${res.body.ref}/assign`, { assigneeId: manager.id })).status).toBe(200);
    }
  }

  beforeAll(async () => {
    batch = await startTestApp({ SWEEP_BATCH: String(SWEEP_BATCH) }, { clock });
    single = await startTestApp({}, { clock });
    await fill(batch, refs[0]);
    await fill(single, refs[1]);
  });
  afterAll(async () => {
    await batch?.close();
    await single?.close();
  });

  /** What a sweep wrote for our tickets, keyed by reference and timer target, not by generated ids. */
  async function written(t: TestApp, ours: string[]) {
    const inList = ours.map((r) => `'${r}'`).join(',');
    const q = (sql: string) => t.dataSource.query(sql);
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    const tickets = await q(`SELECT ref, "escalationLevel", "slaState", "nextDueAt", version, "updatedAt" FROM tickets WHERE ref IN (${inList}) ORDER BY ref`);
    const timers = await q(`SELECT k.ref, s.target, s."warnedAt", s."breachedAt", s."escalatedLevel", s."nextCheckAt" FROM sla_timers s JOIN tickets k ON k.id = s."ticketId" WHERE k.ref IN (${inList})`);
    const escalations = await q(`SELECT k.ref, s.target, e.level, e.reason, e.manual, e."createdAt", e."acknowledgedAt" FROM escalations e JOIN tickets k ON k.id = e."ticketId" JOIN sla_timers s ON s.id = e."timerId" WHERE k.ref IN (${inList})`);
    const mails = await q(`SELECT k.ref, n."recipientEmail", n.language, n.template, n.data, n.state, n."nextAttemptAt", n."createdAt" FROM notifications n JOIN tickets k ON k.id = n."ticketId" WHERE k.ref IN (${inList}) AND n.template LIKE 'sla-%'`);
    const events: { ref: string; type: string; at: unknown; actorType: string; actorName: string; visibility: string; data: string }[] = await q(
      `SELECT k.ref, e.type, e.at, e."actorType", e."actorName", e.visibility, e.data FROM timeline_events e JOIN tickets k ON k.id = e."ticketId" WHERE k.ref IN (${inList}) AND e."actorType" = 'system' ORDER BY e.id`,
    );
    // Escalation ids are generated; the event points at its escalation by level and target instead.
    const plainEvents = events.map(({ data, ...e }) => {
      const { escalationId, ...rest } = JSON.parse(data);
      return { ...e, data: rest, escalation: escalationId ? 'yes' : 'no' };
    });
    // Per ticket and timer, in timeline order (two timers due at the same moment may be taken in either order).
    const byTimer = new Map<string, string[]>();
    for (const e of plainEvents) byTimer.set(`${e.ref} ${e.data.target}`, [...(byTimer.get(`${e.ref} ${e.data.target}`) ?? []), JSON.stringify(e)]);
    return { tickets, timers: sorted(timers), escalations: sorted(escalations), mails: sorted(mails.map((m: any) => ({ ...m, data: JSON.parse(m.data.replaceAll(t.baseUrl, 'BASE')) }))), events: [...byTimer.entries()].sort() };
  }

  it('writes, batch by batch, exactly what the single transition path writes for each timer', async () => {
    expect(refs[0]).toEqual(refs[1]);
    const dueOf = (t: TestApp) => t.dataSource.createQueryBuilder().select('s.id', 'id').from('sla_timers', 's').where('s."nextCheckAt" <= :now', { now: NOW }).orderBy('s."nextCheckAt"').getRawMany();
    const due: { id: string }[] = await dueOf(batch);
    // More than one batch's worth.
    expect(due.length).toBeGreaterThan(SWEEP_BATCH);
    expect((await dueOf(single)).length).toBe(due.length);

    let result: Awaited<ReturnType<SlaSweepService['sweep']>> | undefined;
    const statements = await captureQueries(batch.dataSource, async () => {
      result = await batch.app.get(SlaSweepService).sweep(clock.now());
    });
    const expected = { warned: 0, breached: 0, escalated: 0 };
    for (const { id } of await dueOf(single)) {
      const one = await single.app.get(SlaSweepService).sweepTimerAlone(id, clock.now());
      for (const k of Object.keys(expected) as (keyof typeof expected)[]) expected[k] += one[k];
    }
    expect(result).toEqual(expected);
    expect(expected.escalated).toBeGreaterThan(SWEEP_BATCH);
    expect(expected.warned).toBeGreaterThan(0);

    const [a, b] = [await written(batch, refs[0]), await written(single, refs[1])];
    expect(a.tickets).toEqual(b.tickets);
    expect(a.timers).toEqual(b.timers);
    expect(a.escalations).toEqual(b.escalations);
    expect(a.mails).toEqual(b.mails);
    expect(a.events).toEqual(b.events);
    expect(a.mails.length).toBeGreaterThan(0);

    // Set-based: a transaction per batch of timers (the last finds none left), not per timer, and a dozen statements per batch.
    const commits = statements.filter((s) => /^\s*COMMIT/i.test(s.sql)).length;
    const batches = Math.ceil(due.length / SWEEP_BATCH) + 1;
    expect(commits).toBe(batches);
    expect(statements.length).toBeLessThanOrEqual(batches * 16);
    // No statement of the batch grows with the data: no read or write of a growing table whole,
    // no sort of more than the batch (a temporary b-tree over a growing table's rows), and no primary key in an UPDATE's SET.
    for (const query of statements.filter((q) => isPlannable(q) && touches(q, GROWING_TABLES))) {
      const plan = await explain(batch.dataSource, query);
      expect(fullScans(plan), query.sql).toEqual([]);
      if (isRead(query) && !/\bIN\s*\(/i.test(query.sql)) expect(plan.filter((step) => /TEMP B-TREE/.test(step)), query.sql).toEqual([]);
    }
    expect(statements.filter((q) => /^\s*UPDATE\b[\s\S]*\bSET\s+"id"\s*=/i.test(q.sql))).toEqual([]);
    // An indexed column is set only on the rows whose value changed (SQLite moves a row in every
    // index holding a column in SET, changed or not): the sweep moves no deadline, so no UPDATE
    // sets a ticket's nextDueAt (nine queue indexes hold it), and a timer's breachedAt (the
    // report index) is set on exactly the timers this sweep breached. A few UPDATEs a batch.
    const updatesOf = (table: string) => statements.filter((q) => new RegExp(`^\\s*UPDATE\\s+"?${table}"?\\s`, 'i').test(q.sql));
    const setColumns = (sql: string) => [...(/\bSET\b([\s\S]*?)(?:\bFROM\b|\bWHERE\b)/i.exec(sql)?.[1] ?? '').matchAll(/"(\w+)"\s*=\s*(?:v\.column|CASE)/g)].map((x) => x[1]);
    const rowsOf = (q: { sql: string; params: unknown[] }) => q.params.length / (setColumns(q.sql).length + 1);
    expect(updatesOf('tickets').length).toBeGreaterThanOrEqual(batches - 1);
    expect(updatesOf('tickets').length).toBeLessThanOrEqual(batches * 2);
    expect(updatesOf('tickets').filter((q) => setColumns(q.sql).includes('nextDueAt')).map((q) => q.sql)).toEqual([]);
    const breachedRows = updatesOf('sla_timers').filter((q) => setColumns(q.sql).includes('breachedAt')).reduce((n, q) => n + rowsOf(q), 0);
    expect(breachedRows).toBe(expected.breached);
    expect(updatesOf('sla_timers').reduce((n, q) => n + rowsOf(q), 0)).toBe(due.length);
    // SQLite: the batch's multi-row statements keep their statement journals in memory (temp_store 2), not in a temporary file each.
    if (batch.dataSource.options.type === 'sqlite') expect(await batch.app.get(UnitOfWork).run((m) => m.query('PRAGMA temp_store'))).toEqual([{ temp_store: 2 }]);

    // Once each: nothing more from another sweep.
    const again = await batch.app.get(SlaSweepService).sweep(clock.now());
    expect(again).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(await written(batch, refs[0])).toEqual(a);
  });

  it('keeps every level once per timer when sweeps run at the same time, batch against batch', async () => {
    // Two weeks on: most open timers are due again, many up to level 3.
    clock.set(new Date(NOW.getTime() + 14 * 86_400_000));
    const count = async (sql: string) => Number((await batch.dataSource.query(sql))[0].n);
    const escalationsBefore = await count(`SELECT COUNT(*) AS n FROM escalations WHERE "timerId" IS NOT NULL`);
    const mailsBefore = await count(`SELECT COUNT(*) AS n FROM notifications WHERE template = 'sla-escalation'`);
    const eventsBefore = await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'escalated'`);
    const extra: NestExpressApplication[] = [];
    // On PostgreSQL, instances with their own pools (FOR UPDATE SKIP LOCKED shares the work); SQLite has one writer, so one app.
    if (batch.dataSource.options.type === 'postgres') for (let i = 0; i < 2; i++) extra.push(await createApp(batch.config, { seed: false, clock }));
    try {
      const apps = [batch.app, ...extra];
      // Small batches, so that the concurrent sweeps interleave batch by batch.
      const results = await Promise.all(apps.flatMap((app) => [7, 11, 13].map((size) => app.get(SlaSweepService).sweep(clock.now(), size))));
      const twice: unknown[] = await batch.dataSource.query(`SELECT "timerId", level FROM escalations WHERE "timerId" IS NOT NULL GROUP BY "timerId", level HAVING COUNT(*) > 1`);
      expect(twice).toEqual([]);
      const added = (await count(`SELECT COUNT(*) AS n FROM escalations WHERE "timerId" IS NOT NULL`)) - escalationsBefore;
      expect(added).toBeGreaterThan(SWEEP_BATCH);
      // Reported once, by whichever sweep took it; one timeline event each; one mail per recipient named in it.
      expect(results.reduce((s, r) => s + r.escalated, 0)).toBe(added);
      expect((await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'escalated'`)) - eventsBefore).toBe(added);
      const events: { data: string }[] = await batch.dataSource.query(`SELECT data FROM timeline_events WHERE type = 'escalated' ORDER BY id DESC LIMIT ${added}`);
      const sent = events.reduce((s, e) => s + JSON.parse(e.data).sent, 0);
      expect((await count(`SELECT COUNT(*) AS n FROM notifications WHERE template = 'sla-escalation'`)) - mailsBefore).toBe(sent);
      expect(sent).toBeGreaterThan(0);
      // And nothing is left for another sweep.
      expect(await batch.app.get(SlaSweepService).sweep(clock.now())).toEqual({ warned: 0, breached: 0, escalated: 0 });
    } finally {
      for (const app of extra) await app.close();
    }
  });
});
