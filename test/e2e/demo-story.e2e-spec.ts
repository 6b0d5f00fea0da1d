import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the demo story', () => {
  let t: TestApp;
  let seededMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    t = await startTestApp({}, { seed: 'story' });
    seededMs = Date.now() - started;
  }, 120_000);
  afterAll(() => t?.close());

  it('seeds', async () => {
    const counts = await t.dataSource.query(`SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM timeline_events) AS events, (SELECT COUNT(*) FROM escalations) AS escalations, (SELECT COUNT(*) FROM notifications) AS mails`);
    console.log(seededMs, counts);
    const quality = await Client.login(t.baseUrl, 'quality@demo.test');
    const dash = await quality.get('/api/reports/dashboard');
    console.log(JSON.stringify(dash.body, null, 1).slice(0, 4000));
    expect(dash.status).toBe(200);
  });
});
