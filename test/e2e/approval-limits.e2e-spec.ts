import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { CompensationApprovedByRole1764030000000 } from '../../src/database/migrations/1764030000000-compensation-approved-by-role.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 14 §3: money stays within the approval limits; §6: who acknowledges an escalation. */
describe('approval limits and escalation acknowledgement', () => {
  let t: TestApp;
  let admin: Client;
  let reception: Client;
  let manager: Client;
  let quality: Client;
  let principal: Client;
  let dealers: Record<string, DemoDealer>;

  const setLimits = async (approvalLimits: Record<string, number> | null) => {
    const res = await admin.patch(`/api/dealers/${dealers.nl.id}`, { approvalLimits });
    expect(res.status, res.text).toBe(200);
  };
  const log = async (overrides: Record<string, unknown> = {}) => {
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, overrides));
    expect(res.status, res.text).toBe(201);
    return res.body as { ref: string; compensations: any[]; timeline: any[] };
  };
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const offer = async (c: Client, ref: string, amount: number) => {
    const res = await c.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: eur(amount) });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; state: string };
  };
  /** What a refused request must leave as it was. */
  const written = async (ref: string) => {
    const { compensations, timeline, updatedAt, escalationLevel } = (await admin.get(`/api/tickets/${ref}`)).body;
    return { compensations, timeline, updatedAt, escalationLevel };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    manager = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    principal = await Client.login(t.baseUrl, 'principal@demo.test');
    dealers = await demoDealers(admin);
  });
  afterEach(() => setLimits(null));
  afterAll(() => t?.close());

  describe('on-the-spot compensation at intake', () => {
    const onTheSpot = (amount: number) => ({ onTheSpot: { listened: true, compensation: { kind: 'fuel', value: eur(amount), note: 'Tank filled' } } });

    it("is held to the dealer's limit, not the default: over it, it waits for approval as a later offer would", async () => {
      await setLimits({ receptionist: 20, 'department-manager': 500 });
      const created = await log(onTheSpot(45));
      expect(created.compensations).toHaveLength(1);
      expect(created.compensations[0]).toMatchObject({ value: eur(45), state: 'proposed', decidedById: null, deliveredAt: null });
      const types = created.timeline.map((e) => e.type);
      expect(types).toContain('compensation-proposed');
      expect(types).not.toContain('compensation-delivered');
      expect(created.timeline.find((e) => e.type === 'compensation-proposed').data).toMatchObject({ awaitingApproval: true, onTheSpot: true });
      // The same amount offered after intake is treated the same way.
      expect((await offer(reception, (await log()).ref, 45)).state).toBe('proposed');
      // The manager approves it; then it can be delivered.
      const id = created.compensations[0].id;
      expect((await reception.post(`/api/tickets/${created.ref}/compensations/${id}/deliver`)).status).toBe(422);
      expect((await manager.post(`/api/tickets/${created.ref}/compensations/${id}/approve`)).body.state).toBe('approved');
      expect((await reception.post(`/api/tickets/${created.ref}/compensations/${id}/deliver`)).body.state).toBe('delivered');
    });

    it("is given at once when within the dealer's higher limit", async () => {
      await setLimits({ receptionist: 100, 'department-manager': 500 });
      const created = await log(onTheSpot(80));
      expect(created.compensations[0]).toMatchObject({ value: eur(80), state: 'delivered', approvedByRole: 'receptionist' });
      expect(created.timeline.map((e) => e.type)).toContain('compensation-delivered');
      // What was given on the spot counts against the receptionist's limit on this ticket.
      expect((await offer(reception, created.ref, 20)).state).toBe('approved');
      expect((await offer(reception, created.ref, 0.01)).state).toBe('proposed');
    });
  });

  describe('a limit bounds the sum a role grants on a ticket', () => {
    it('eight offers of 10 under a limit of 10 grant 10; the rest wait, and the role cannot approve them', async () => {
      await setLimits({ receptionist: 10, 'department-manager': 500 });
      const { ref } = await log();
      const offers = [];
      for (let i = 0; i < 8; i++) offers.push(await offer(reception, ref, 10));
      expect(offers.map((o) => o.state)).toEqual(['approved', ...Array(7).fill('proposed')]);
      const proposedEvents = (await written(ref)).timeline.filter((e: any) => e.type === 'compensation-proposed');
      expect(proposedEvents.filter((e: any) => e.data.awaitingApproval && e.data.overRunningTotal)).toHaveLength(7);

      const before = await written(ref);
      const refused = await reception.post(`/api/tickets/${ref}/compensations/${offers[1].id}/approve`);
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.code).toBe('compensation.over-limit');
      expect(refused.body.message).toMatch(/approved 10 EUR on this ticket already/);
      expect(await written(ref)).toEqual(before);

      // The limit is per ticket: on another ticket the receptionist starts from nothing.
      expect((await offer(reception, (await log()).ref, 10)).state).toBe('approved');
    });

    it('approvals by a manager stop at the limit; a higher role approves the rest; a rejected one no longer counts', async () => {
      await setLimits({ receptionist: 5, 'department-manager': 10 });
      const { ref } = await log();
      const offers = [];
      for (let i = 0; i < 8; i++) offers.push(await offer(reception, ref, 10));
      expect(offers.every((o) => o.state === 'proposed')).toBe(true);

      const approve = (c: Client, id: string) => c.post(`/api/tickets/${ref}/compensations/${id}/approve`);
      expect((await approve(manager, offers[0].id)).body).toMatchObject({ state: 'approved', approvedByRole: 'department-manager' });
      for (const o of offers.slice(1)) {
        const before = await written(ref);
        const res = await approve(manager, o.id);
        expect(res.status, res.text).toBe(422);
        expect(res.body.code).toBe('compensation.over-limit');
        expect(await written(ref)).toEqual(before);
      }
      const approvedByManager = (await written(ref)).compensations.filter((c: any) => c.approvedByRole === 'department-manager' && c.state !== 'rejected');
      expect(approvedByManager.reduce((s: number, c: any) => s + c.value.amount, 0)).toBe(10);

      // Rejected, it leaves room for another.
      expect((await manager.post(`/api/tickets/${ref}/compensations/${offers[0].id}/reject`, { reason: 'Wrong kind' })).body.state).toBe('rejected');
      expect((await approve(manager, offers[1].id)).body.state).toBe('approved');
      // The quality manager has no limit and approves the rest.
      for (const o of offers.slice(2)) expect((await approve(quality, o.id)).body).toMatchObject({ state: 'approved', approvedByRole: 'quality-manager' });
    });

    it('two approvals at once cannot both fit', async () => {
      await setLimits({ receptionist: 5, 'department-manager': 10 });
      const { ref } = await log();
      const [a, b] = [await offer(reception, ref, 10), await offer(reception, ref, 10)];
      const results = await Promise.all([a, b].map((o) => manager.post(`/api/tickets/${ref}/compensations/${o.id}/approve`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      expect((await written(ref)).compensations.map((c: any) => c.state).sort()).toEqual(['approved', 'proposed']);
    });

    it('an amount beyond the limit on its own is still refused as beyond the authority (403)', async () => {
      const { ref } = await log();
      const big = await offer(reception, ref, 600);
      const res = await manager.post(`/api/tickets/${ref}/compensations/${big.id}/approve`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('compensation.approval.forbidden');
    });
  });

  it('delivers only an approved compensation: a proposed or rejected one answers 422 and stays as it was', async () => {
    const { ref } = await log();
    const proposed = await offer(reception, ref, 300);
    const rejected = await offer(reception, ref, 300);
    await manager.post(`/api/tickets/${ref}/compensations/${rejected.id}/reject`, {});
    for (const c of [proposed, rejected]) {
      const before = await written(ref);
      const res = await manager.post(`/api/tickets/${ref}/compensations/${c.id}/deliver`);
      expect(res.status, res.text).toBe(422);
      expect(res.body.code).toBe('compensation.invalid-state');
      expect(await written(ref)).toEqual(before);
    }
  });

  describe('acknowledging an escalation', () => {
    let serviceManager: Client;

    beforeAll(async () => {
      const password = 'service-desk-manager-7731';
      const created = await admin.post('/api/users', { name: 'Sem Service', email: 'service.manager.nl@demo.test', password, role: 'department-manager', dealerId: dealers.nl.id, department: 'service', language: 'nl' });
      expect(created.status, created.text).toBe(201);
      serviceManager = await Client.login(t.baseUrl, 'service.manager.nl@demo.test', password);
    });

    /** A sales ticket escalated by hand to `levels`; the escalation ids by level. */
    const escalatedTo = async (levels: number) => {
      const { ref } = await log({ department: 'sales' });
      for (let i = 0; i < levels; i++) expect((await admin.post(`/api/tickets/${ref}/escalate`, { reason: `Round ${i + 1}` })).status).toBe(200);
      const events = (await written(ref)).timeline.filter((e: any) => e.type === 'escalated');
      return { ref, ids: Object.fromEntries(events.map((e: any) => [e.data.level, e.data.escalationId])) as Record<number, string> };
    };
    const ack = (c: Client, ref: string, id: string) => c.post(`/api/tickets/${ref}/escalations/${id}/ack`);
    const refused = async (c: Client, ref: string, id: string, status: number) => {
      const before = await written(ref);
      const res = await ack(c, ref, id);
      expect(res.status, res.text).toBe(status);
      expect(await written(ref)).toEqual(before);
      return res;
    };

    it("refuses a department manager the principal's level 3 and the quality manager's level 2 (403, nothing written)", async () => {
      const { ref, ids } = await escalatedTo(3);
      expect((await refused(manager, ref, ids[3], 403)).body.code).toBe('escalation.acknowledge.forbidden');
      expect((await refused(manager, ref, ids[2], 403)).body.code).toBe('escalation.acknowledge.forbidden');
      expect((await refused(quality, ref, ids[3], 403)).body.code).toBe('escalation.acknowledge.forbidden');
      await refused(reception, ref, ids[1], 403);
      expect((await ack(quality, ref, ids[2])).status).toBe(200);
      expect((await ack(principal, ref, ids[3])).status).toBe(200);
      // Level 1 is the sales manager's; a higher role may take it on too.
      expect((await ack(admin, ref, ids[1])).status).toBe(200);
    });

    it("level 1 is for the ticket's department manager, not another department's", async () => {
      const { ref, ids } = await escalatedTo(1);
      expect((await refused(serviceManager, ref, ids[1], 403)).body.code).toBe('escalation.acknowledge.forbidden');
      const res = await ack(manager, ref, ids[1]);
      expect(res.status, res.text).toBe(200);
      expect(res.body.timeline.at(-1)).toMatchObject({ type: 'escalation-acknowledged', actor: { name: 'Pieter Bakker' } });
    });

    it('a department manager may take on level 1 when the department has no manager of its own', async () => {
      const { ref } = await log({ department: 'parts' });
      await admin.post(`/api/tickets/${ref}/escalate`, { reason: 'No answer' });
      const id = (await written(ref)).timeline.find((e: any) => e.type === 'escalated').data.escalationId;
      expect((await ack(serviceManager, ref, id)).status).toBe(200);
    });

    it('the ticket page offers acknowledge only for the levels one may take on, and refuses the post', async () => {
      const { ref, ids } = await escalatedTo(3);
      const page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
      const html = (await page.get(`/tickets/${ref}`)).html;
      expect(html).toContain(`/escalations/${ids[1]}/ack`);
      expect(html).not.toContain(`/escalations/${ids[2]}/ack`);
      expect(html).not.toContain(`/escalations/${ids[3]}/ack`);
      const before = await written(ref);
      const posted = await page.post(`/tickets/${ref}/escalations/${ids[3]}/ack`, {}, `/tickets/${ref}`);
      expect(posted.status).toBe(403);
      expect(await written(ref)).toEqual(before);
    });
  });
});

describe('the approvedByRole migration', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('gives approved and delivered compensations made before it the role of the user who decided them', async () => {
    db = await createTestDatabase();
    const options = dataSourceOptions(loadConfig({ NODE_ENV: 'test', ...db.env }));
    const mine = MIGRATIONS.findIndex((M) => M === CompensationApprovedByRole1764030000000);
    const before = await new DataSource({ ...options, migrations: MIGRATIONS.slice(0, mine) }).initialize();
    await before.runMigrations({ transaction: 'each' });
    const q = (sql: string, params: unknown[] = []) => {
      let i = 0;
      return before.query(before.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++i}`) : sql, params);
    };
    await q(`INSERT INTO dealers (id, name, country, "timeZone", language, currency, calendar, departments, "createdAt") VALUES ('d1', 'D', 'nl', 'Europe/Amsterdam', 'nl', 'EUR', '{}', '[]', CURRENT_TIMESTAMP)`);
    await q(`INSERT INTO users (id, name, email, "passwordHash", role, "dealerId", language, active, "createdAt") VALUES ('u1', 'M', 'm@x', 'h', 'department-manager', 'd1', 'nl', true, CURRENT_TIMESTAMP)`);
    await q(`INSERT INTO customers (id, "dealerId", name, language, consent, "createdAt") VALUES ('c1', 'd1', 'C', 'nl', true, CURRENT_TIMESTAMP)`);
    await q(
      `INSERT INTO tickets (id, ref, "dealerId", "customerId", department, category, channel, severity, "severityRank", account, "saleAtRisk", "receivedAt", "createdAt", "updatedAt", stage, status, "escalationLevel", "trackingTokenHash", version, "reopenCount")
       VALUES ('t1', 'AM-2026-000001', 'd1', 'c1', 'sales', 'other', 'phone', 'low', 1, 'x', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'listen', 'open', 0, 'h', 1, 0)`,
    );
    for (const [id, state, decidedById] of [['k1', 'approved', 'u1'], ['k2', 'delivered', 'u1'], ['k3', 'rejected', 'u1'], ['k4', 'proposed', null]]) {
      await q(`INSERT INTO compensations (id, "ticketId", kind, amount, currency, state, "proposedById", "decidedById", "createdAt") VALUES (?, 't1', 'gift', 10, 'EUR', ?, 'u1', ?, CURRENT_TIMESTAMP)`, [id, state, decidedById]);
    }
    await before.destroy();

    const after = await new DataSource(options).initialize();
    try {
      await after.runMigrations({ transaction: 'each' });
      const rows = await after.query('SELECT id, "approvedByRole" FROM compensations ORDER BY id');
      expect(rows).toEqual([
        { id: 'k1', approvedByRole: 'department-manager' },
        { id: 'k2', approvedByRole: 'department-manager' },
        { id: 'k3', approvedByRole: null },
        { id: 'k4', approvedByRole: null },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
