import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { FixedClock } from '../../src/common/clock/clock.js';
import { SlaSweepService } from '../../src/modules/escalation/sla-sweep.service.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Many sweeps at once, each level exactly once per timer. On PostgreSQL the sweeps run
 * in three app instances, each with its own connection pool, as several servers would.
 * SQLite is one writer by design (several servers need PostgreSQL), so there the
 * sweeps run concurrently inside one app.
 */
describe('the sweep under concurrency', () => {
  const clock = new FixedClock(new Date('2026-11-23T12:00:00Z'));
  let t: TestApp;
  const extra: NestExpressApplication[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    if (t.dataSource.options.type === 'postgres') {
      for (let i = 0; i < 2; i++) extra.push(await createApp(t.config, { seed: false, clock }));
    }
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const dealers = await demoDealers(reception);
    for (let i = 0; i < 12; i++) {
      const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', severity: i % 2 ? 'critical' : 'high', receivedAt: '2026-11-02T10:00:00+01:00' }));
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t?.close();
  });

  it('escalates every overdue timer through levels 1, 2 and 3 exactly once', async () => {
    const apps = [t.app, ...extra];
    const sweeps = apps.flatMap((app) => Array.from({ length: 4 }, () => app.get(SlaSweepService).sweep(clock.now())));
    const results = await Promise.all(sweeps);
    const inList = ids.map((id) => `'${id}'`).join(',');
    const rows: { timerId: string; level: number; n: string }[] = await t.dataSource.query(
      `SELECT "timerId", level, COUNT(*) AS n FROM escalations WHERE "ticketId" IN (${inList}) GROUP BY "timerId", level`,
    );
    // 12 tickets × 4 timers × 3 levels, each once.
    expect(rows).toHaveLength(12 * 4 * 3);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    // The sweeps between them report each escalation once, whoever did it.
    const ours = results.reduce((sum, r) => sum + r.escalated, 0);
    expect(ours).toBeGreaterThanOrEqual(12 * 4 * 3);
    const events: { ticketId: string; n: string }[] = await t.dataSource.query(
      `SELECT "ticketId", COUNT(*) AS n FROM timeline_events WHERE type = 'escalated' AND "ticketId" IN (${inList}) GROUP BY "ticketId"`,
    );
    expect(events.map((e) => Number(e.n))).toEqual(Array(12).fill(12));
    const mails = await t.dataSource.query(`SELECT template, COUNT(*) AS n FROM notifications WHERE "ticketId" IN (${inList}) AND template = 'sla-escalation' GROUP BY template`);
    // Each escalation mails its level's people: one sales manager, one quality manager, one principal.
    expect(mails.map((m: any) => [m.template, Number(m.n)])).toEqual([['sla-escalation', 12 * 4 * 3]]);

    // And again, from every instance: nothing more.
    await Promise.all(apps.map((app) => app.get(SlaSweepService).sweep(clock.now())));
    const again = await t.dataSource.query(`SELECT COUNT(*) AS n FROM escalations WHERE "ticketId" IN (${inList})`);
    expect(Number(again[0].n)).toBe(12 * 4 * 3);
  });
});
