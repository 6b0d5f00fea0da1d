import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketsService } from '../../src/modules/tickets/tickets.service.js';
import type { Actor } from '../../src/modules/users/roles.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FIELDS = ['status', 'stage', 'severity', 'slaState', 'channel', 'department'] as const;

/**
 * The queue's counts per filter value, against a count written out here in SQL: each
 * field's counts leave out its own filter and keep all the others (and "not closed").
 */
describe('the queue counts per filter value', () => {
  let t: TestApp;
  let tickets: TicketsService;
  let dealers: Record<string, DemoDealer>;
  const quality: Actor = { id: 'q', name: 'Q', role: 'quality-manager', dealerId: null, department: null, via: 'session' };

  beforeAll(async () => {
    t = await startTestApp();
    tickets = t.app.get(TicketsService);
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    dealers = await demoDealers(reception);
    const kinds = [['parts', 'critical', 'phone'], ['parts', 'low', 'walk-in'], ['sales', 'critical', 'phone'], ['service', 'high', 'e-mail'], ['parts', 'critical', 'walk-in']] as const;
    for (const [department, severity, channel] of kinds) {
      expect((await reception.post('/api/tickets', complaint(dealers.se.id, { department, severity, channel }))).status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  async function expected(filters: Record<string, string>, field: string): Promise<Record<string, number>> {
    const where = ['"dealerId" = $dealer'];
    const params: unknown[] = [dealers.se.id];
    if (field !== 'status' && !filters.status) where.push(`status <> 'closed'`);
    for (const [k, v] of Object.entries(filters)) if (k !== field && k !== 'dealerId') (where.push(`"${k}" = $${k}`), params.push(v));
    let n = 0;
    const sql = `SELECT "${field}" AS value, COUNT(*) AS n FROM tickets WHERE ${where.join(' AND ')} GROUP BY "${field}"`.replace(/\$\w+/g, () => (t.dataSource.options.type === 'postgres' ? `$${++n}` : '?'));
    const rows: { value: string | null; n: string }[] = await t.dataSource.query(sql, params);
    return Object.fromEntries(rows.map((r) => [r.value ?? 'none', Number(r.n)]));
  }

  it.each([
    [{}],
    [{ department: 'parts' }],
    [{ department: 'parts', severity: 'critical' }],
    [{ status: 'open', channel: 'phone' }],
  ])('with filters %j', async (filters) => {
    const facets = await tickets.facets(quality, { dealerId: dealers.se.id, ...filters }, { openOnly: true });
    for (const field of FIELDS) expect(facets[field], field).toEqual(await expected(filters, field));
    // The filters seen do narrow the counts: the seeded tickets are there.
    expect(Object.values(facets.severity).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('counts a new ticket within two seconds (counts are shared, and recounted at most every two seconds)', async () => {
    const before = await tickets.facets(quality, { dealerId: dealers.se.id }, { openOnly: true });
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    expect((await reception.post('/api/tickets', complaint(dealers.se.id, { department: 'parts', severity: 'low' }))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 2_100));
    const after = await tickets.facets(quality, { dealerId: dealers.se.id }, { openOnly: true });
    expect(after.severity.low).toBe((before.severity.low ?? 0) + 1);
  });
});
