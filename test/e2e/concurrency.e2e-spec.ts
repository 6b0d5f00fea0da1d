import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('references under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('gives two hundred concurrent creations two hundred distinct references', async () => {
    const clients = await Promise.all(['reception.no@demo.test', 'reception.se@demo.test', 'reception.nl@demo.test'].map((e) => Client.login(t.baseUrl, e)));
    const dealers = await demoDealers(await Client.login(t.baseUrl, 'quality@demo.test'));
    const byCountry = ['no', 'se', 'nl'];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        clients[i % 3].post('/api/tickets', complaint(dealers[byCountry[i % 3]].id, { customer: { name: `Customer ${i}`, email: `c${i}@example.com` } })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    const refs = results.map((r) => r.body.ref as string);
    expect(new Set(refs).size).toBe(200);
    for (const ref of refs) expect(ref).toMatch(/^AM-\d{4}-\d{6}$/);
    // Each ticket has its own customer and its own history.
    const seeded = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM tickets WHERE "createdAt" < (SELECT MIN("createdAt") FROM tickets WHERE ref IN (${refs.map((r) => `'${r}'`).join(',')}))`))[0].n);
    const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM tickets');
    expect(Number(rows[0].n)).toBe(200 + seeded);
    const events = await t.dataSource.query(`SELECT COUNT(*) AS n FROM timeline_events WHERE type = 'created'`);
    expect(Number(events[0].n)).toBe(200 + seeded);
  });
});
