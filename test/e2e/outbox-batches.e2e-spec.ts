import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries } from '../../src/common/database/query-plans.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The outbox under a backlog: due mails are claimed a batch per short transaction, sent a few
 * at a time over pooled SMTP connections, marked sent in one statement per batch, and the
 * next batch runs at once while there is work. Two rounds at once never send one mail twice.
 */
describe('the outbox delivers in batches', () => {
  const BATCH = 5;
  const CONCURRENCY = 2;
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let staff: Client;
  let dealerId: string;
  const outbox = () => t.app.get(OutboxWorker);
  const pending = async () => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE state IN ('pending', 'sending')`))[0].n);
  const intakes = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) {
      const res = await staff.post('/api/tickets', complaint(dealerId, { customer: { name: `Klant ${tag}${i}`, email: `klant.${tag}${i}@example.nl`, language: 'nl' } }));
      expect(res.status, res.text).toBe(201);
    }
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_BATCH: String(BATCH), OUTBOX_CONCURRENCY: String(CONCURRENCY) });
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    dealerId = (await demoDealers(staff)).nl.id;
    await outbox().tick(); // the demo's own mails
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('claims one batch in one transaction and marks it sent in one statement', async () => {
    await intakes(BATCH + 2, 'a');
    let round = { due: 0, sent: 0, failed: 0 };
    const statements = await captureQueries(t.dataSource, async () => {
      round = await outbox().deliverDue();
    });
    expect(round).toEqual({ due: BATCH, sent: BATCH, failed: 0 });
    // Claim, the receipts' tracking links (one INSERT for the batch), the marking: three transactions.
    expect(statements.filter((s) => /^\s*COMMIT/i.test(s.sql))).toHaveLength(3);
    const updates = statements.filter((s) => /^\s*UPDATE\s+"?notifications"?/i.test(s.sql));
    expect(updates).toHaveLength(2); // the claim and the sent mark, each for the whole batch
    expect(updates[1].sql).toMatch(/"state"\s*=/);
    expect(statements.filter((s) => /^\s*INSERT\s+INTO\s+"?tracking_links"?/i.test(s.sql))).toHaveLength(1);
    const sent = await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE state = 'sent' AND "recipientEmail" LIKE 'klant.a%'`);
    expect(Number(sent[0].n)).toBe(BATCH);
    await outbox().deliverDue();
    expect(await pending()).toBe(0);
  });

  it('drains a backlog in one tick, batch after batch, a bounded number at once over pooled connections', async () => {
    const before = { connections: smtp.stats.connections, mails: smtp.mails.length };
    await intakes(4 * BATCH + 1, 'b');
    await outbox().tick();
    // No waiting for the next period: the whole backlog went in this tick.
    expect(await pending()).toBe(0);
    const ours = smtp.mails.slice(before.mails).filter((m) => m.to.some((to) => to.startsWith('klant.b')));
    expect(ours).toHaveLength(4 * BATCH + 1);
    // Never more connections open than mails in flight, and the pool's connections carried many mails.
    expect(smtp.stats.peakOpen).toBeLessThanOrEqual(CONCURRENCY);
    expect(smtp.stats.connections).toBeLessThanOrEqual(CONCURRENCY);
    expect(smtp.stats.peakOpen).toBe(CONCURRENCY);
  });

  it('two rounds at once claim different mails: each is sent once', async () => {
    await intakes(2 * BATCH, 'c');
    const before = smtp.mails.length;
    const [one, two] = await Promise.all([outbox().deliverDue(), outbox().deliverDue()]);
    expect(one.sent + two.sent).toBe(2 * BATCH);
    expect(await pending()).toBe(0);
    for (let i = 0; i < 40 && smtp.mails.length < before + 2 * BATCH; i++) await new Promise((r) => setTimeout(r, 50));
    const ids = smtp.mails.slice(before).map((m) => m.messageId);
    expect(ids).toHaveLength(2 * BATCH);
    expect(new Set(ids).size).toBe(2 * BATCH);
  });
});
