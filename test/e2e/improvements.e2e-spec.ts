import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { FixedClock } from '../../src/common/clock/clock.js';
import { ImprovementDeadlinesService } from '../../src/modules/improvements/improvement-deadlines.service.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;
const NOW = new Date('2026-11-30T12:00:00Z');

describe('improvements (the outer loop)', () => {
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let admin: Client, quality: Client, principal: Client, manager: Client, reception: Client;
  let dealers: Record<string, DemoDealer>;
  let users: { id: string; email: string }[];
  const userId = (email: string) => users.find((u) => u.email === email)!.id;
  const extra: NestExpressApplication[] = [];
  let n = 0;
  let qualityKey = '';

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    [admin, quality, principal, manager, reception] = await Promise.all(
      ['admin@demo.test', 'quality@demo.test', 'principal@demo.test', 'sales.manager.nl@demo.test', 'reception.nl@demo.test'].map((e) => Client.login(t.baseUrl, e)),
    );
    dealers = await demoDealers(admin);
    users = (await admin.get('/api/users')).body;
    // The quality manager acts with a key: the status table and the effect move the clock weeks ahead, past any session's life.
    const key = await admin.post('/api/admin/api-keys', { userId: userId('quality@demo.test'), name: 'improvements e2e' });
    qualityKey = key.body.key;
    quality = Client.withKey(t.baseUrl, qualityKey);
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t?.close();
  });

  /** A ticket of this dealer, department and cause whose fix was recorded at `at` (the clock is moved there and back). */
  async function fixedTicket(dealerId: string, department: string, rootCause: string, at: Date): Promise<string> {
    clock.set(at);
    try {
      const res = await admin.post('/api/tickets', complaint(dealerId, { department, receivedAt: new Date(at.getTime() - 3600_000).toISOString(), customer: { name: `Improve ${++n}`, email: `improve${n}@example.com` } }));
      expect(res.status, res.text).toBe(201);
      for (const [stage, body] of [
        ['listen', { contactedVia: 'phone' }],
        ['apologise', { by: 'Staff', how: 'phone' }],
        ['fix', { rootCause, action: 'Call back', owner: 'Staff' }],
      ] as const) {
        const r = await admin.post(`/api/tickets/${res.body.ref}/stages/${stage}`, body);
        expect(r.status, r.text).toBe(200);
      }
      return res.body.ref;
    } finally {
      clock.set(NOW);
    }
  }

  const body = (o: Record<string, unknown> = {}) => ({
    title: 'Call back within the hour', dealerId: dealers.nl.id, department: 'sales', rootCause: 'waiting-time', ownerId: userId('sales.manager.nl@demo.test'), dueDate: '2027-01-31', ticketRefs: [], ...o,
  });
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  describe('suggestions', () => {
    it('offers 3 tickets fixed in 90 days, not 2, not one fixed 91 days ago, and not while an improvement is open', async () => {
      const find = async () =>
        ((await quality.get(`/api/improvements/suggestions?dealerId=${dealers.nl.id}`)).body as { department: string; rootCause: string; tickets: number; ticketRefs: string[] }[]).find(
          (s) => s.department === 'finance' && s.rootCause === 'pricing',
        );
      const refs = [await fixedTicket(dealers.nl.id, 'finance', 'pricing', new Date(NOW.getTime() - 10 * DAY)), await fixedTicket(dealers.nl.id, 'finance', 'pricing', new Date(NOW.getTime() - 30 * DAY))];
      expect(await find()).toBeUndefined();
      await fixedTicket(dealers.nl.id, 'finance', 'pricing', new Date(NOW.getTime() - 91 * DAY));
      // Another dealer's and another cause's tickets do not add up with these.
      await fixedTicket(dealers.no.id, 'finance', 'pricing', new Date(NOW.getTime() - 5 * DAY));
      await fixedTicket(dealers.nl.id, 'finance', 'process', new Date(NOW.getTime() - 5 * DAY));
      expect(await find()).toBeUndefined();
      refs.push(await fixedTicket(dealers.nl.id, 'finance', 'pricing', new Date(NOW.getTime() - 89 * DAY)));
      const s = await find();
      expect(s).toEqual({ dealerId: dealers.nl.id, department: 'finance', rootCause: 'pricing', tickets: 3, ticketRefs: [...refs].sort() });
      // The NL receptionist sees it too; the NO dealer's suggestions are not theirs to ask for.
      expect((await reception.get('/api/improvements/suggestions')).body.some((x: { rootCause: string }) => x.rootCause === 'pricing')).toBe(true);
      expect((await reception.get(`/api/improvements/suggestions?dealerId=${dealers.no.id}`)).status).toBe(404);

      const created = await quality.post('/api/improvements', body({ department: 'finance', rootCause: 'pricing', ownerId: userId('quality@demo.test'), ticketRefs: s!.ticketRefs }));
      expect(created.status, created.text).toBe(201);
      expect(created.body.tickets.map((x: { ref: string }) => x.ref)).toEqual(s!.ticketRefs);
      expect(await find()).toBeUndefined();
      // Dropped (no longer open): offered again.
      expect((await quality.post(`/api/improvements/${created.body.id}/status`, { status: 'dropped', note: 'Prices set by the importer' })).status).toBe(200);
      expect((await find())?.tickets).toBe(3);
    });
  });

  describe('the status table', () => {
    const STATUSES = ['proposed', 'in-progress', 'done', 'verified', 'dropped'] as const;
    const PATH: Record<string, string[]> = { proposed: [], 'in-progress': ['in-progress'], done: ['in-progress', 'done'], verified: ['in-progress', 'done', 'verified'], dropped: ['dropped'] };
    const ALLOWED = new Set(['proposed>in-progress', 'proposed>dropped', 'in-progress>done', 'in-progress>dropped', 'done>verified']);

    async function inState(state: string): Promise<string> {
      const res = await quality.post('/api/improvements', body({ ownerId: userId('quality@demo.test') }));
      expect(res.status, res.text).toBe(201);
      for (const to of PATH[state]) {
        // Verified is allowed once 6 weeks have passed since done.
        if (to === 'verified') clock.set(new Date(NOW.getTime() + 6 * WEEK));
        const r = await quality.post(`/api/improvements/${res.body.id}/status`, { status: to, note: 'on the way' });
        expect(r.status, `${to}: ${r.text}`).toBe(200);
      }
      clock.set(NOW);
      return res.body.id;
    }

    it('allows each move the table lists and refuses every other with 422', async () => {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const id = await inState(from);
          if (from === 'done' && to === 'verified') clock.set(new Date(NOW.getTime() + 6 * WEEK));
          const res = await quality.post(`/api/improvements/${id}/status`, { status: to, note: 'a reason' });
          clock.set(NOW);
          const ok = ALLOWED.has(`${from}>${to}`);
          expect(res.status, `${from} → ${to}: ${res.text}`).toBe(ok ? 200 : 422);
          if (ok) expect(res.body.status).toBe(to);
          else expect(res.body.message).toMatch(/cannot become|already|final/);
        }
      }
    });

    it('refuses verified before 6 weeks since done (422), dropping with no reason (400), and writes nothing then', async () => {
      const id = await inState('done');
      clock.set(new Date(NOW.getTime() + 6 * WEEK - 60_000));
      const early = await quality.post(`/api/improvements/${id}/status`, { status: 'verified' });
      clock.set(NOW);
      expect(early.status).toBe(422);
      expect(early.body.message).toMatch(/6 weeks/);
      const detail = await quality.get(`/api/improvements/${id}`);
      expect(detail.body.moves).toEqual([]);
      const fresh = await inState('proposed');
      const before = await count('improvement_events');
      const noReason = await quality.post(`/api/improvements/${fresh}/status`, { status: 'dropped' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toMatch(/note/);
      const badStatus = await quality.post(`/api/improvements/${fresh}/status`, { status: 'finished' });
      expect(badStatus.status).toBe(400);
      expect(JSON.stringify(badStatus.body.message)).toMatch(/status must be one of/);
      expect(await count('improvement_events')).toBe(before);
      expect((await quality.get(`/api/improvements/${fresh}`)).body.status).toBe('proposed');
    });

    it('keeps the history append-only in the database', async () => {
      const id = await inState('in-progress');
      const history = (await quality.get(`/api/improvements/${id}`)).body.history;
      expect(history.map((h: { type: string }) => h.type)).toEqual(['created', 'status-changed']);
      await expect(t.dataSource.query(`UPDATE improvement_events SET type = 'x' WHERE "improvementId" = '${id}'`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM improvement_events WHERE "improvementId" = '${id}'`)).rejects.toThrow(/append-only/);
    });
  });

  describe('the effect', () => {
    it('counts the cause per week 12 weeks before done and the whole weeks since, as SQL counts them', async () => {
      const se = dealers.se.id;
      const doneAt = new Date('2026-09-07T09:00:00Z');
      const offsets = [-83, -80, -60, -45, -44, -30, -20, -13, -6, -1, 2, 9, 16, 30, 40, 55, 60];
      for (const d of offsets) await fixedTicket(se, 'service', 'workmanship', new Date(doneAt.getTime() + d * DAY));
      // Not counted: another department, another dealer, before the 12 weeks.
      await fixedTicket(se, 'parts', 'workmanship', new Date(doneAt.getTime() - 10 * DAY));
      await fixedTicket(dealers.no.id, 'service', 'workmanship', new Date(doneAt.getTime() - 10 * DAY));
      await fixedTicket(se, 'service', 'workmanship', new Date(doneAt.getTime() - 90 * DAY));

      clock.set(new Date(doneAt.getTime() - 30 * DAY));
      const created = await quality.post('/api/improvements', body({ dealerId: se, department: 'service', rootCause: 'workmanship', ownerId: userId('quality@demo.test') }));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id;
      await quality.post(`/api/improvements/${id}/status`, { status: 'in-progress' });
      clock.set(doneAt);
      expect((await quality.post(`/api/improvements/${id}/status`, { status: 'done' })).status).toBe(200);
      const now = new Date(doneAt.getTime() + 9 * WEEK + 3 * DAY);
      clock.set(now);
      const { effect, moves } = (await quality.get(`/api/improvements/${id}`)).body;
      clock.set(NOW);
      expect(moves).toEqual(['verified']);

      // The same figures, written out in SQL: one COUNT per 7-day window from the moment it was done.
      const pg = t.dataSource.options.type === 'postgres';
      const at = (d: Date) => (pg ? d.toISOString() : d.toISOString().replace('T', ' ').replace('Z', ''));
      const p = (i: number) => (pg ? `$${i}` : '?');
      const window = async (k: number) =>
        Number(
          (
            await t.dataSource.query(
              `SELECT COUNT(*) AS n FROM tickets WHERE "dealerId" = ${p(1)} AND department = 'service' AND "rootCause" = 'workmanship' AND "fixedAt" >= ${p(2)} AND "fixedAt" < ${p(3)}`,
              [se, at(new Date(doneAt.getTime() + k * WEEK)), at(new Date(doneAt.getTime() + (k + 1) * WEEK))],
            )
          )[0].n,
        );
      const before: number[] = [];
      for (let k = -12; k < 0; k++) before.push(await window(k));
      const after: number[] = [];
      for (let k = 0; k < 9; k++) after.push(await window(k));
      expect(effect.before.map((w: { tickets: number }) => w.tickets)).toEqual(before);
      expect(effect.after.map((w: { tickets: number }) => w.tickets)).toEqual(after);
      expect(effect.before[0].week).toBe('2026-06-15');
      expect(before.reduce((a, b) => a + b)).toBe(10);
      expect(after.reduce((a, b) => a + b)).toBe(7);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(effect.changePercent).toBe(Math.round(((mean(after) - mean(before)) / mean(before)) * 1000) / 10);
      // 7 in 9 weeks against 10 in 12: 0.78 a week against 0.83.
      expect(effect.changePercent).toBe(-6.7);

      // The page draws it: an SVG with its numbers in a table.
      clock.set(now);
      const page = await fetch(`${t.baseUrl}/improvements/${id}`, { headers: { authorization: `Bearer ${qualityKey}` } });
      clock.set(NOW);
      const html = await page.text();
      expect(html).toContain('<svg');
      expect(html).toMatch(/<td>\+1 \(after\)<\/td><td>[\d-]+<\/td><td>\d+<\/td>/);
    });
  });

  describe('overdue mails', () => {
    it('mails the owner once when past due, the quality managers once two business days later, however many sweeps run', async () => {
      if (t.dataSource.options.type === 'postgres') {
        for (let i = 0; i < 2; i++) extra.push(await createApp(t.config, { seed: false, clock }));
      }
      const sweeps = (at: Date) => {
        clock.set(at);
        return Promise.all([t.app, ...extra].flatMap((app) => [0, 1, 2].map(() => app.get(ImprovementDeadlinesService).sweep(at))));
      };
      // Due Thursday 26 November at the Dutch dealer; the owner writes Dutch.
      clock.set(new Date('2026-11-20T12:00:00Z'));
      const res = await quality.post('/api/improvements', body({ dueDate: '2026-11-26', title: 'Overdue one' }));
      expect(res.status, res.text).toBe(201);
      const id = res.body.id;
      const mails = async () =>
        ((await t.dataSource.query(`SELECT template, "recipientEmail" AS email, language FROM notifications WHERE template LIKE 'improvement-overdue%' AND data LIKE '%${id}%' ORDER BY template`)) as {
          template: string; email: string; language: string;
        }[]);

      // Still on the due day in Amsterdam (23:30): nothing.
      await sweeps(new Date('2026-11-26T22:30:00Z'));
      expect(await mails()).toEqual([]);
      // Friday 00:30: the owner, once, in Dutch.
      await sweeps(new Date('2026-11-26T23:30:00Z'));
      await sweeps(new Date('2026-11-27T10:00:00Z'));
      expect(await mails()).toEqual([{ template: 'improvement-overdue', email: 'sales.manager.nl@demo.test', language: 'nl' }]);
      // Two business days after the due day: Saturday and Sunday (the Dutch dealer opens at weekends), from Sunday's opening at 11:00.
      await sweeps(new Date('2026-11-29T09:59:00Z'));
      expect((await mails()).length).toBe(1);
      await sweeps(new Date('2026-11-29T10:00:00Z'));
      await sweeps(new Date('2026-12-02T12:00:00Z'));
      clock.set(NOW);
      expect(await mails()).toEqual([
        { template: 'improvement-overdue', email: 'sales.manager.nl@demo.test', language: 'nl' },
        { template: 'improvement-overdue-managers', email: 'quality@demo.test', language: 'en' },
      ]);
      const history = (await quality.get(`/api/improvements/${id}`)).body.history.map((h: { type: string }) => h.type);
      expect(history.filter((h: string) => h.startsWith('overdue'))).toEqual(['overdue-owner-notified', 'overdue-managers-notified']);
    });

    it('mails nothing for an improvement done before its due date passed', async () => {
      clock.set(new Date('2026-11-20T12:00:00Z'));
      const res = await quality.post('/api/improvements', body({ dueDate: '2026-11-24', title: 'Done in time' }));
      await quality.post(`/api/improvements/${res.body.id}/status`, { status: 'in-progress' });
      await quality.post(`/api/improvements/${res.body.id}/status`, { status: 'done' });
      clock.set(NOW);
      await t.app.get(ImprovementDeadlinesService).sweep(new Date('2026-12-10T12:00:00Z'));
      expect(await t.dataSource.query(`SELECT id FROM notifications WHERE data LIKE '%${res.body.id}%'`)).toEqual([]);
    });
  });

  describe('scope and roles', () => {
    it('lets the department manager manage their dealer and department only; receptionists read', async () => {
      const own = await manager.post('/api/improvements', body());
      expect(own.status, own.text).toBe(201);
      expect((await manager.post(`/api/improvements/${own.body.id}/status`, { status: 'in-progress' })).status).toBe(200);
      expect((await manager.post('/api/improvements', body({ department: 'service' }))).status).toBe(403);
      expect((await manager.post('/api/improvements', body({ dealerId: null, ownerId: userId('quality@demo.test') }))).status).toBe(403);
      expect((await manager.post('/api/improvements', body({ dealerId: dealers.no.id, ownerId: userId('quality@demo.test') }))).status).toBe(403);

      const service = await quality.post('/api/improvements', body({ department: 'service', ownerId: userId('quality@demo.test') }));
      expect((await manager.get(`/api/improvements/${service.body.id}`)).status).toBe(200);
      expect((await manager.post(`/api/improvements/${service.body.id}/status`, { status: 'in-progress' })).status).toBe(403);

      const norway = await principal.post('/api/improvements', body({ dealerId: dealers.no.id, department: 'service', ownerId: userId('principal@demo.test') }));
      expect(norway.status, norway.text).toBe(201);
      for (const c of [manager, reception]) {
        expect((await c.get(`/api/improvements/${norway.body.id}`)).status).toBe(404);
        expect((await c.get('/api/improvements')).body.some((i: { id: string }) => i.id === norway.body.id)).toBe(false);
      }
      expect((await manager.post(`/api/improvements/${norway.body.id}/status`, { status: 'in-progress' })).status).toBe(404);
      expect((await manager.post(`/api/improvements/${norway.body.id}/tickets`, { refs: [] })).status).toBe(404);
      expect((await manager.get(`/api/improvements/${crypto.randomUUID()}`)).status).toBe(404);

      expect((await reception.get(`/api/improvements/${own.body.id}`)).status).toBe(200);
      expect((await reception.post('/api/improvements', body())).status).toBe(403);
      expect((await reception.post(`/api/improvements/${own.body.id}/status`, { status: 'done' })).status).toBe(403);
      expect((await reception.post(`/api/improvements/${own.body.id}/tickets`, { refs: [] })).status).toBe(403);

      // An improvement for all dealers: every dealer's staff read it.
      const all = await quality.post('/api/improvements', body({ dealerId: null, ownerId: userId('quality@demo.test') }));
      expect(all.status, all.text).toBe(201);
      expect((await reception.get(`/api/improvements/${all.body.id}`)).status).toBe(200);
    });

    it('turns bad input away with 400 naming the fields, and writes nothing', async () => {
      const before = [await count('improvements'), await count('improvement_tickets'), await count('improvement_events')];
      const bad = await quality.post('/api/improvements', { title: '', dealerId: 'nope', department: 'Sales!', rootCause: 'bad-luck', ownerId: 'x', dueDate: '2026-13-01', ticketRefs: 'AM-1', extra: 1 });
      expect(bad.status).toBe(400);
      const text = JSON.stringify(bad.body.message);
      for (const field of ['title', 'dealerId', 'department', 'rootCause', 'ownerId', 'dueDate', 'ticketRefs', 'extra']) expect(text).toContain(field);
      const unknownRef = await quality.post('/api/improvements', body({ ticketRefs: ['AM-2026-999999'] }));
      expect(unknownRef.status).toBe(400);
      expect(JSON.stringify(unknownRef.body.message)).toMatch(/ticketRefs: no ticket AM-2026-999999/);
      // Another dealer's ticket is as unknown to the Dutch manager.
      const foreign = await fixedTicket(dealers.no.id, 'sales', 'waiting-time', new Date(NOW.getTime() - DAY));
      expect((await manager.post('/api/improvements', body({ ticketRefs: [foreign] }))).status).toBe(400);
      const ownerElsewhere = await quality.post('/api/improvements', body({ ownerId: userId('sales.manager.no@demo.test') }));
      expect(ownerElsewhere.status).toBe(400);
      expect(ownerElsewhere.body.message).toMatch(/ownerId/);
      expect([await count('improvements'), await count('improvement_tickets'), await count('improvement_events')]).toEqual(before);
    });

    it('links tickets of its dealer once each', async () => {
      const imp = await manager.post('/api/improvements', body());
      const ref = await fixedTicket(dealers.nl.id, 'sales', 'waiting-time', new Date(NOW.getTime() - DAY));
      const first = await manager.post(`/api/improvements/${imp.body.id}/tickets`, { refs: [ref, ref] });
      expect(first.status, first.text).toBe(200);
      expect((await manager.post(`/api/improvements/${imp.body.id}/tickets`, { refs: [ref] })).body.tickets.map((x: { ref: string }) => x.ref)).toEqual([ref]);
      const other = await fixedTicket(dealers.se.id, 'sales', 'waiting-time', new Date(NOW.getTime() - DAY));
      expect((await quality.post(`/api/improvements/${imp.body.id}/tickets`, { refs: [other] })).status).toBe(400);
    });
  });

  it('exports the improvements in scope as CSV', async () => {
    const res = await fetch(`${t.baseUrl}/api/improvements/export.csv`, { headers: { cookie: manager.sessionCookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFFid,title,dealer,department,rootCause,owner,dueDate,status,overdue,doneAt,dropReason,createdAt\r\n')).toBe(true);
    const all = (await quality.get('/api/improvements')).body as { id: string; dealerId: string | null }[];
    const mine = all.filter((i) => i.dealerId === dealers.nl.id || i.dealerId === null);
    expect(text.trim().split('\r\n').length - 1).toBe(mine.length);
    expect(all.some((i) => i.dealerId === dealers.no.id && text.includes(i.id))).toBe(false);
    const filtered = await fetch(`${t.baseUrl}/api/improvements/export.csv?status=dropped`, { headers: { authorization: `Bearer ${qualityKey}` } });
    const lines = (await filtered.text()).trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes(',dropped,'))).toBe(true);
  });
});
