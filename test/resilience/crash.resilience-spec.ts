import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { complaint } from '../support/fixtures.js';
import { Client } from '../support/http-client.js';
import { startSmtpServer } from '../support/smtp.js';
import { appEnv, freePort, startAppProcess, stats, type AppProcess } from './support/app-process.js';
import { intakeLoad } from './support/intake-load.js';
import { integrityCheck, SqliteFile } from './support/sqlite-file.js';

/**
 * The app killed with SIGKILL at a random moment under concurrent intake, again and again,
 * on one SQLite file: whatever it answered 201 for survives whole, the file stays sound,
 * and every outbox mail goes out (at least once; the repeats a kill causes are counted).
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 50);
const CONCURRENCY = 8;
/** Mails claimed per batch: a batch is marked sent after its last send, so a kill repeats at most one batch. */
const OUTBOX_BATCH = 10;

describe(`the app killed ${ROUNDS} times under intake`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'amends-crash-'));
  const dbPath = join(dir, 'amends.sqlite');
  let app: AppProcess | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged ticket, writes no half ticket, keeps the file sound and delivers every mail', async () => {
    smtp = await startSmtpServer();
    const port = await freePort();
    // A short lease, so mails a killed process had claimed are retried within seconds of the last start.
    const env = appEnv(port, { SQLITE_PATH: dbPath, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_INTERVAL_SECONDS: '1', OUTBOX_LEASE_SECONDS: '5', OUTBOX_BATCH: String(OUTBOX_BATCH) });

    app = await startAppProcess(env);
    const admin = await Client.login(app.baseUrl, 'admin@demo.test');
    const users = (await admin.get('/api/users')).body as { id: string; email: string }[];
    const reception = users.find((u) => u.email === 'reception.nl@demo.test')!;
    const key = await admin.post('/api/admin/api-keys', { userId: reception.id, name: 'crash test' });
    expect(key.status, key.text).toBe(201);
    const client = Client.withKey(app.baseUrl, key.body.key);
    const dealers = (await client.get('/api/dealers')).body as { id: string; country: string }[];
    const nl = dealers.find((d) => d.country === 'nl')!;
    let serial = 0;
    const body = () => {
      const n = serial++;
      return complaint(nl.id, {
        department: 'sales',
        customer: { name: `Crash Customer ${n}`, email: `crash.${n}@example.com` },
        onTheSpot: { listened: true, apology: { by: 'Reception', how: 'in-person' } },
      });
    };

    const acked: { id: string; ref: string }[] = [];
    const refused: { status: number; text: string }[] = [];
    const readyMs: number[] = [app.readyMs];
    const integrity: string[] = [];
    let unanswered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        app = await startAppProcess(env);
        readyMs.push(app.readyMs);
      }
      const load = intakeLoad(client, body, CONCURRENCY);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 900));
      await app.kill('SIGKILL');
      const r = await load.stop();
      acked.push(...r.acked);
      refused.push(...r.refused);
      unanswered += r.unanswered;
      integrity.push(await integrityCheck(dbPath));
    }

    // The last start: the outbox drains, stuck claims included once their lease runs out.
    app = await startAppProcess(env);
    readyMs.push(app.readyMs);
    const db = await SqliteFile.open(dbPath);
    // The drain is waited for as long as it makes progress: intake outpaces the outbox (more
    // tickets per round means more receipts). A send that fails is retried after 1, 2, 4 min:
    // 300 s without movement is a stuck outbox.
    // Mails scheduled for later and never tried (the demo's follow-ups, due in days) are not
    // waiting; a row backed off after a failed try is (its attempts are counted).
    const scheduledLater = () => `state = 'pending' AND attempts = 0 AND "nextAttemptAt" > '${new Date().toISOString().replace('T', ' ').replace('Z', '')}'`;
    let pending = -1;
    let lastMove = performance.now();
    const drainStart = performance.now();
    while (performance.now() - lastMove < 300_000 && performance.now() - drainStart < 480_000) {
      const before = pending;
      [{ n: pending }] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM notifications WHERE state IN ('pending', 'sending') AND NOT (${scheduledLater()})`);
      if (pending === 0) break;
      if (pending !== before) lastMove = performance.now();
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = Math.round((performance.now() - drainStart) / 1000);
    // What is left, row by row, so a failure says why (state, tries, when next, last error).
    const stuck = await db.all(`SELECT id, state, attempts, "nextAttemptAt", "lockedUntil", "lastError", template FROM notifications WHERE state <> 'sent' AND NOT (${scheduledLater()})`);
    await app.kill('SIGTERM');
    const later = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM notifications WHERE ${scheduledLater()}`);
    const rows = await db.all<{ id: string; state: string }>(`SELECT id, state FROM notifications WHERE NOT (${scheduledLater()})`);
    // SMTP replies 250 before the parser hands us the mail: give the last ones a moment.
    const sent = rows.filter((r) => r.state === 'sent').length;
    for (let i = 0; i < 40 && new Set(smtp.mails.map((m) => m.messageId)).size < sent; i++) await new Promise((r) => setTimeout(r, 50));

    const found = new Set((await db.all<{ id: string }>('SELECT id FROM tickets')).map((t) => t.id));
    const missing = acked.filter((t) => !found.has(t.id));
    // Per ticket: its timers, its created event, its on-the-spot stages, its customer.
    const perTicket = await db.all<{ id: string; timers: number; created: number; stages: number; customer: number; receipts: number }>(`
      SELECT t.id,
        (SELECT COUNT(*) FROM sla_timers s WHERE s."ticketId" = t.id) AS timers,
        (SELECT COUNT(*) FROM timeline_events e WHERE e."ticketId" = t.id AND e.type = 'created') AS created,
        (SELECT COUNT(*) FROM timeline_events e WHERE e."ticketId" = t.id AND e.type = 'stage-completed') AS stages,
        (SELECT COUNT(*) FROM customers c WHERE c.id = t."customerId") AS customer,
        (SELECT COUNT(*) FROM notifications n WHERE n."ticketId" = t.id AND n.template = 'i18n:receipt') AS receipts
      FROM tickets t`);
    await db.close();
    const ackedIds = new Set(acked.map((t) => t.id));
    const half = perTicket.filter((t) => t.timers !== 4 || t.created !== 1 || t.customer !== 1);
    const ackedWithoutStages = perTicket.filter((t) => ackedIds.has(t.id) && (t.stages !== 2 || t.receipts !== 1));
    const finalIntegrity = await integrityCheck(dbPath);

    const ids = smtp.mails.map((m) => m.messageId);
    const unique = new Set(ids);
    const rowIds = new Set(rows.map((r) => `<${r.id}@amends>`));
    const figures = {
      rounds: ROUNDS,
      acked: acked.length,
      found: acked.length - missing.length,
      ticketsInFile: found.size,
      unanswered,
      refused: refused.length,
      integrityOk: integrity.filter((i) => i === 'ok').length,
      finalIntegrity,
      outboxRows: rows.length,
      scheduledLater: later[0].n,
      notSent: rows.filter((r) => r.state !== 'sent').length,
      mails: ids.length,
      uniqueMails: unique.size,
      duplicates: ids.length - unique.size,
      readyMs: stats(readyMs),
      drainSeconds,
      stuck: stuck.slice(0, 20),
    };
    console.log(`crash figures: ${JSON.stringify(figures)}`);

    expect(refused, 'answers other than 201 before the kill').toEqual([]);
    expect(acked.length, 'tickets acknowledged over all rounds').toBeGreaterThan(ROUNDS);
    expect(missing, 'acknowledged tickets lost').toEqual([]);
    expect(half, 'tickets without their 4 timers, created event or customer').toEqual([]);
    expect(ackedWithoutStages, 'acknowledged tickets without both on-the-spot stages or their receipt').toEqual([]);
    expect(integrity.every((i) => i === 'ok'), integrity.join(' | ')).toBe(true);
    expect(finalIntegrity).toBe('ok');
    expect(pending, 'outbox rows still waiting after the drain').toBe(0);
    expect(figures.notSent, 'outbox rows not sent').toBe(0);
    // Every row reached the SMTP server, and nothing else did.
    expect([...rowIds].filter((id) => !unique.has(id)), 'rows never delivered').toEqual([]);
    expect([...unique].filter((id) => !rowIds.has(id)), 'mails that are no outbox row').toEqual([]);
    // A batch is marked sent in one statement after its last send: a kill repeats at most the batch it was sending.
    expect(figures.duplicates).toBeLessThanOrEqual(ROUNDS * OUTBOX_BATCH);
  });
});
