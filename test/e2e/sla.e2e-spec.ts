import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { addBusinessMinutes } from '../../src/modules/sla/business-time.js';
import { SlaTimer } from '../../src/modules/sla/sla-timer.entity.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Friday 20 November 2026, 16:35 in Utrecht (CET, UTC+1). */
const FRIDAY_1635 = new Date('2026-11-20T15:35:00Z');

describe('deadlines in business time, and escalation exactly once', () => {
  const clock = new FixedClock(FRIDAY_1635);
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dealers: Record<string, DemoDealer>;
  let ref: string;

  const as = (email: string) => Client.login(t.baseUrl, email);
  const timeline = async (r: string) => (await (await as('quality@demo.test')).get(`/api/tickets/${r}`)).body.timeline;
  const outboxRows = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM notifications'))[0].n);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    dealers = await demoDealers(await as('quality@demo.test'));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('gives a high ticket received Friday 16:30 in Utrecht its listen deadline on Saturday 12:30', async () => {
    const reception = await as('reception.nl@demo.test');
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', category: 'waiting-time', severity: 'high', receivedAt: '2026-11-20T16:30:00+01:00' }));
    expect(res.status, res.text).toBe(201);
    ref = res.body.ref;
    const listen = res.body.sla.timers.find((x: any) => x.target === 'listen');
    // Friday 16:30–17:00 is 30 minutes; Saturday opens at 11:00, and 90 more minutes end at 12:30.
    expect(listen.dueAt).toBe('2026-11-21T11:30:00.000Z');
    expect(res.body.sla.timers.map((x: any) => [x.target, x.dueAt])).toEqual([
      ['listen', '2026-11-21T11:30:00.000Z'],
      ['apologise', '2026-11-21T13:30:00.000Z'],
      ['fix', '2026-11-23T13:30:00.000Z'], // 960 min: Fri 30 + Sat 300 + Sun 300 + Mon 09:00–14:30
      ['resolve', '2026-11-26T10:30:00.000Z'], // 2400 min: … Thursday 11:30
    ]);
    expect(res.body.sla).toMatchObject({ state: 'on-track', nextDue: '2026-11-21T11:30:00.000Z', businessMinutesLeft: 115 });
  });

  it('warns the assignee at 75 % and escalates to the sales manager once the deadline passes, once', async () => {
    const admin = await as('admin@demo.test');
    // Saturday 12:00: 90 of 120 minutes used: at risk.
    clock.set(new Date('2026-11-21T11:00:00Z'));
    expect((await admin.post('/api/sla/sweep')).status).toBe(200);
    let events = await timeline(ref);
    expect(events.filter((e: any) => e.type === 'sla-warning').map((e: any) => e.data), JSON.stringify(events)).toHaveLength(1);
    const quality = await as('quality@demo.test');
    expect((await quality.get(`/api/tickets/${ref}`)).body.sla.state).toBe('at-risk');
    expect((await quality.get('/api/tickets?slaState=at-risk&limit=200')).body.items.map((i: any) => i.ref)).toContain(ref);

    // Saturday 12:31: past the listen deadline.
    clock.set(new Date('2026-11-21T11:31:00Z'));
    const swept = await admin.post('/api/sla/sweep');
    expect(swept.body.breached).toBeGreaterThanOrEqual(1);
    events = await timeline(ref);
    const escalated = events.filter((e: any) => e.type === 'escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ actor: { type: 'system' }, data: { level: 1, target: 'listen', manual: false, notified: ['sales.manager.nl@demo.test'] } });
    expect(events.filter((e: any) => e.type === 'sla-breach')).toHaveLength(1);
    const ticket = (await quality.get(`/api/tickets/${ref}`)).body;
    expect(ticket).toMatchObject({ escalationLevel: 1, sla: { state: 'breached' } });
    expect(ticket.sla.timers[0]).toMatchObject({ target: 'listen', state: 'breached', breachedAt: '2026-11-21T11:30:00.000Z' });

    await t.app.get(OutboxWorker).deliverDue();
    const mailsFor = (kind: RegExp) => smtp.mails.filter((m) => m.to.includes('sales.manager.nl@demo.test') && m.subject.includes(ref) && kind.test(m.subject));
    const toManager = () => mailsFor(/Escalatie/);
    expect(toManager()).toHaveLength(1);
    expect(toManager()[0].subject).toContain('Escalatie niveau 1'); // Pieter Bakker reads Dutch
    // The warning went to him too, as nobody is assigned yet, in Dutch as well.
    expect(mailsFor(/nadert de termijn/)).toHaveLength(1);
    expect(toManager()[0].text).toContain(`${t.baseUrl}/tickets/${ref}`);
    // The deadline written out in his language and the dealer's zone (12:30 in Utrecht).
    expect(toManager()[0].text).toContain('die liep af op zaterdag 21 november 2026, 12:30');

    // Ten more sweeps, one of them concurrent with another: nothing new.
    const rows = await outboxRows();
    const count = events.length;
    for (let i = 0; i < 8; i++) await admin.post('/api/sla/sweep');
    await Promise.all([admin.post('/api/sla/sweep'), admin.post('/api/sla/sweep')]);
    expect((await timeline(ref)).length).toBe(count);
    expect(await outboxRows()).toBe(rows);
    await t.app.get(OutboxWorker).deliverDue();
    expect(toManager()).toHaveLength(1);
  });

  it('shows the breach on the pages: the queue, and the ticket with its acknowledge button for managers', async () => {
    const escalation = (await timeline(ref)).find((e: any) => e.type === 'escalated');
    const managerPage = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const page = await managerPage.get(`/tickets/${ref}`);
    expect(page.html).toContain('<span class="sla sla-breached">Verlopen</span>'); // the manager reads Dutch
    expect(page.html).toContain(`/tickets/${ref}/escalations/${escalation.data.escalationId}/ack`);
    expect(page.html).toContain('The listen deadline was missed');
    const receptionPage = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    expect((await receptionPage.get(`/tickets/${ref}`)).html).not.toContain('/ack"');
    const list = await managerPage.get('/tickets');
    expect(list.html).toMatch(new RegExp(`${ref}[\\s\\S]*?sla-breached`));
  });

  it('lets the escalated manager acknowledge, once, with who and when on the timeline', async () => {
    const manager = await as('sales.manager.nl@demo.test');
    const escalation = (await timeline(ref)).find((e: any) => e.type === 'escalated');
    const ack = await manager.post(`/api/tickets/${ref}/escalations/${escalation.data.escalationId}/ack`);
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body.timeline.at(-1)).toMatchObject({ type: 'escalation-acknowledged', actor: { name: 'Pieter Bakker' }, at: clock.now().toISOString() });
    expect((await manager.post(`/api/tickets/${ref}/escalations/${escalation.data.escalationId}/ack`)).status).toBe(422);
    const reception = await as('reception.nl@demo.test');
    expect((await reception.post(`/api/tickets/${ref}/escalations/${escalation.data.escalationId}/ack`)).status).toBe(403);
  });

  it('escalates further: level 2 after another half of the target, level 3 at twice the target', async () => {
    const admin = await as('admin@demo.test');
    clock.set(new Date('2026-11-21T12:31:00Z')); // Saturday 13:31: 180 business minutes used
    await admin.post('/api/sla/sweep');
    clock.set(new Date('2026-11-21T13:31:00Z')); // 14:31: 240 used
    await admin.post('/api/sla/sweep');
    const levels = (await timeline(ref)).filter((e: any) => e.type === 'escalated' && e.data.target === 'listen').map((e: any) => [e.data.level, e.data.notified]);
    expect(levels).toEqual([
      [1, ['sales.manager.nl@demo.test']],
      [2, ['quality@demo.test']],
      [3, ['principal@demo.test']],
    ]);
  });

  it('meets the deadline when the stage completes, and stops escalating it', async () => {
    const manager = await as('sales.manager.nl@demo.test');
    const done = await manager.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' });
    expect(done.body.sla.timers[0]).toMatchObject({ target: 'listen', state: 'met', metAt: clock.now().toISOString() });
  });

  it('moves the deadlines by the business time spent waiting on the customer', async () => {
    clock.set(new Date('2026-11-23T09:00:00Z')); // Monday 10:00
    const reception = await as('reception.nl@demo.test');
    const created = await reception.post('/api/tickets', complaint(dealers.nl.id, { severity: 'high', receivedAt: '2026-11-23T10:00:00+01:00' }));
    const r = created.body.ref;
    const before = created.body.sla.timers.map((x: any) => x.dueAt);
    expect(before[0]).toBe('2026-11-23T11:00:00.000Z'); // listen: Monday 12:00
    clock.set(new Date('2026-11-23T09:30:00Z'));
    expect((await reception.post(`/api/tickets/${r}/wait`, { reason: 'Customer travelling' })).status).toBe(200);
    const paused = (await reception.get(`/api/tickets/${r}`)).body.sla;
    expect(paused.businessMinutesLeft).toBeNull();
    clock.set(new Date('2026-11-23T11:30:00Z')); // two business hours later
    const resumed = await reception.post(`/api/tickets/${r}/resume`);
    const after = resumed.body.sla.timers.map((x: any) => x.dueAt);
    expect(after[0]).toBe('2026-11-23T13:00:00.000Z'); // Monday 14:00
    // Every deadline moves by exactly two business hours on the dealer's calendar (across the night where it must).
    const calendar = { ...(dealers.nl as any).calendar, timeZone: (dealers.nl as any).timeZone };
    expect(after).toEqual(before.map((d: string) => addBusinessMinutes(new Date(d), 120, calendar).toISOString()));
    expect(new Set(after.map((d: string, i: number) => Date.parse(d) - Date.parse(before[i]))).size).toBeGreaterThan(1);
    expect(resumed.body.sla.businessMinutesLeft).toBe(90);
  });

  it('finds the timers to sweep through their index, not by reading every ticket', async () => {
    const sweepQuery = t.dataSource.manager.createQueryBuilder(SlaTimer, 't').where('t.nextCheckAt <= :now', { now: clock.now() }).orderBy('t.nextCheckAt', 'ASC').limit(200);
    const [sql, params] = sweepQuery.getQueryAndParameters();
    if (t.dataSource.options.type === 'sqlite') {
      const plan = (await t.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r: any) => r.detail).join(' | ');
      expect(plan).toContain('IDX_sla_timers_next_check');
      expect(plan).not.toMatch(/SCAN (t|sla_timers)\b(?! USING)/);
    } else {
      // PostgreSQL chooses by statistics; with the planner told to avoid sequential scans it must have the index to use.
      const plan = await t.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        return (await m.query(`EXPLAIN ${sql}`, params)).map((r: any) => r['QUERY PLAN']).join(' | ');
      });
      expect(plan).toContain('IDX_sla_timers_next_check');
    }
  });

  it('lets admins read and change the policies; a changed policy applies to new tickets', async () => {
    const admin = await as('admin@demo.test');
    const list = await admin.get('/api/sla/policies');
    expect(list.body.map((p: any) => [p.severity, p.targets.listen])).toEqual([['critical', 60], ['high', 120], ['medium', 240], ['low', 480]]);
    const bad = await admin.put('/api/sla/policies/high', { targets: { listen: 500, apologise: 100, fix: 1000, resolve: 2000 } });
    expect(bad.status).toBe(400);
    expect((await admin.put('/api/sla/policies/urgent', { targets: { listen: 1, apologise: 2, fix: 3, resolve: 4 } })).status).toBe(404);
    const reception = await as('reception.nl@demo.test');
    expect((await reception.put('/api/sla/policies/high', { targets: { listen: 60, apologise: 240, fix: 960, resolve: 2400 } })).status).toBe(403);
    const put = await admin.put('/api/sla/policies/high', { targets: { listen: 60, apologise: 240, fix: 960, resolve: 2400 }, warningThreshold: 0.5 });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ severity: 'high', targets: { listen: 60 }, warningThreshold: 0.5 });
    clock.set(new Date('2026-11-24T09:00:00Z')); // Tuesday 10:00
    const created = await reception.post('/api/tickets', complaint(dealers.nl.id, { severity: 'high' }));
    expect(created.body.sla.timers[0].dueAt).toBe('2026-11-24T10:00:00.000Z');
  });
});
