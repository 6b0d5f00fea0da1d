import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlainRows, insertRows } from '../../src/common/database/insert-rows.js';
import { captureQueries, explain, fullScans } from '../../src/common/database/query-plans.js';
import { updateRows } from '../../src/common/database/update-rows.js';
import { Notification } from '../../src/modules/notifications/notification.entity.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The sweep's batch writes (thousands of events, mails and escalations, and its timers and
 * tickets) go through insertPlainRows and updateRows: written straight from the columns,
 * they must store exactly what the query builder stores, on either engine.
 */
describe('multi-row writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const at = new Date('2026-11-23T12:00:00.123Z');
  const mail = (i: number, template: string): Notification => ({
    id: randomUUID(), channel: 'email', recipientEmail: `r${i}@example.com`, recipientName: i % 3 ? `Name ${i} "quoted" ' , ` : null, language: ['en', 'nb', 'sv', 'nl'][i % 4],
    template, data: { i, nested: { list: [1, 'two', null] }, text: 'æøå – ü' }, state: 'pending', attempts: i % 5, nextAttemptAt: new Date(at.getTime() + i * 1000),
    lockedUntil: i % 2 ? null : at, lastError: null, ticketId: null, createdAt: at, sentAt: null,
  });
  const stored = async (template: string) =>
    (await t.dataSource.query(`SELECT "recipientEmail", "recipientName", language, data, state, attempts, "nextAttemptAt", "lockedUntil", "lastError", "ticketId", "createdAt", "sentAt" FROM notifications WHERE template = '${template}' ORDER BY "recipientEmail"`)) as Record<string, unknown>[];

  it('inserts rows as the query builder does, as many a statement as the parameters allow', async () => {
    // 2,500 rows of 15 columns: 37,500 parameters, more than one statement may carry.
    const rows = Array.from({ length: 2500 }, (_, i) => mail(i, 'test-plain'));
    const statements = await captureQueries(t.dataSource, () => t.dataSource.transaction((m) => insertPlainRows(m, Notification, rows)));
    expect(statements.filter((s) => /^\s*INSERT/i.test(s.sql))).toHaveLength(2);
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 2500; i += 500) await insertRows(m, Notification, Array.from({ length: 500 }, (_, k) => mail(i + k, 'test-builder')) as never);
    });
    const [plain, builder] = [await stored('test-plain'), await stored('test-builder')];
    expect(plain).toHaveLength(2500);
    expect(plain).toEqual(builder);
    expect(JSON.parse(plain[0].data as string)).toEqual({ i: 0, nested: { list: [1, 'two', null] }, text: 'æøå – ü' });
  });

  it('leaves rows it cannot write plainly (a value missing) to the query builder', async () => {
    const rows = [mail(1, 'test-mixed'), { ...mail(2, 'test-mixed'), sentAt: undefined }];
    await t.dataSource.transaction((m) => insertPlainRows(m, Notification, rows as Notification[]));
    expect((await stored('test-mixed')).map((r) => r.sentAt)).toEqual([null, null]);
  });

  it('updates many rows by key in one statement that finds each row once', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => mail(i, 'test-update'));
    await t.dataSource.transaction((m) => insertPlainRows(m, Notification, rows));
    const changed = rows.map((r, i) => ({ ...r, state: (i % 2 ? 'sent' : 'failed') as Notification['state'], attempts: r.attempts + 1, lockedUntil: i % 3 ? new Date(at.getTime() + i) : null, sentAt: at }));
    const statements = await captureQueries(t.dataSource, () =>
      t.dataSource.transaction((m) => updateRows(m, Notification, changed.slice(0, 59), ['state', 'attempts', 'lockedUntil', 'sentAt'])),
    );
    const updates = statements.filter((s) => /^\s*UPDATE/i.test(s.sql));
    expect(updates).toHaveLength(1);
    expect(fullScans(await explain(t.dataSource, updates[0])), updates[0].sql).toEqual([]);
    // SQLite: joined with its VALUES (a CASE per column compares every key with every other: the square of the batch).
    if (t.dataSource.options.type === 'sqlite') expect(updates[0].sql).toMatch(/FROM \(VALUES /);

    const expected = [...changed.slice(0, 59), rows[59]].map((r) => ({ email: r.recipientEmail, state: r.state, attempts: r.attempts, lockedUntil: r.lockedUntil?.getTime() ?? null, sentAt: r.sentAt?.getTime() ?? null }));
    const got = (await t.dataSource.query(`SELECT "recipientEmail", state, attempts, "lockedUntil", "sentAt" FROM notifications WHERE template = 'test-update'`)) as Record<string, unknown>[];
    const time = (v: unknown) => (v === null ? null : new Date(v instanceof Date ? v : `${String(v).replace(' ', 'T')}Z`).getTime());
    const actual = got.map((r) => ({ email: r.recipientEmail, state: r.state, attempts: Number(r.attempts), lockedUntil: time(r.lockedUntil), sentAt: time(r.sentAt) }));
    const byEmail = (a: { email: unknown }, b: { email: unknown }) => String(a.email).localeCompare(String(b.email));
    expect(actual.sort(byEmail)).toEqual(expected.sort(byEmail));
  });
});
