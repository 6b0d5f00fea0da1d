import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 15 §3–4 on SQLite: a transaction runs on the writer connection, apart from the reads,
 * and holds the write lock from its BEGIN (IMMEDIATE), so a second writer (another worker
 * process) waits for it instead of failing half-way with SQLITE_BUSY. On PostgreSQL the unit of
 * work is a pooled transaction and these questions do not arise; there the file checks that a
 * read during an open transaction does not see it either.
 */
describe('the unit of work on its own writer connection', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  const sqlite = () => t.dataSource.options.type === 'sqlite';
  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
  });
  afterAll(async () => t?.close());

  /** Opens a transaction that writes a marker, and holds it open until `release` is called. */
  function holdTransaction(marker: string) {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const done = uow.run(async (m) => {
      await m.query(`UPDATE users SET name = '${marker}' WHERE email = 'admin@demo.test'`);
      written();
      await released;
    });
    return { wrote, release, done };
  }

  it('reads outside the transaction go on while it is open and see only what is committed', async () => {
    const before = (await t.dataSource.query(`SELECT name FROM users WHERE email = 'admin@demo.test'`))[0].name as string;
    const held = holdTransaction('Uncommitted Name');
    await held.wrote;
    // On one shared connection this read ran inside the open transaction and saw its write.
    const during = (await t.dataSource.query(`SELECT name FROM users WHERE email = 'admin@demo.test'`))[0].name;
    expect(during).toBe(before);
    held.release();
    await held.done;
    const after = (await t.dataSource.query(`SELECT name FROM users WHERE email = 'admin@demo.test'`))[0].name;
    expect(after).toBe('Uncommitted Name');
  });

  it('takes the write lock at BEGIN: another connection cannot start writing until it ends', async () => {
    if (!sqlite()) return expect(t.dataSource.options.type).toBe('postgres');
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const inside = new Promise<void>((r) => (begun = r));
    // Nothing written yet: a deferred BEGIN would hold no lock at this point.
    const done = uow.run(async () => {
      begun();
      await released;
    });
    await inside;
    const other = new sqlite3.Database(t.config.database.kind === 'sqlite' ? t.config.database.path : '');
    const exec = (sql: string) => new Promise<string>((resolve) => other.exec(sql, (e) => resolve(e ? String(e.message) : 'ok')));
    try {
      expect(await exec('PRAGMA busy_timeout = 0; BEGIN IMMEDIATE')).toMatch(/SQLITE_BUSY/);
      release();
      await done;
      expect(await exec('PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE; ROLLBACK')).toBe('ok');
    } finally {
      release();
      await new Promise((r) => other.close(r));
    }
  });

  it('a failed transaction leaves nothing behind and the next one runs', async () => {
    await expect(
      uow.run(async (m) => {
        await m.query(`UPDATE users SET name = 'Half Written' WHERE email = 'admin@demo.test'`);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await t.dataSource.query(`SELECT name FROM users WHERE email = 'admin@demo.test'`))[0].name).not.toBe('Half Written');
    await uow.run((m) => m.query(`UPDATE users SET name = 'Next Name' WHERE email = 'admin@demo.test'`));
    expect((await t.dataSource.query(`SELECT name FROM users WHERE email = 'admin@demo.test'`))[0].name).toBe('Next Name');
  });

  it("a write does not queue behind the reads waiting for the reader connection", async () => {
    // SQLite's limit; on PostgreSQL the reads and the write share one pool of connections.
    if (!sqlite()) return expect(t.dataSource.options.type).toBe('postgres');
    // Each read counts to 50,000 on the reader connection. node-sqlite3 runs statements on the
    // thread pool: handed 40 at once, they filled it, each waiting for its connection, and the
    // writer's statements queued behind all of them (an intake beside 40 readers took seconds).
    const slowRead = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) SELECT COUNT(*) AS c FROM n';
    const finished: string[] = [];
    const reads = Array.from({ length: 40 }, () => t.dataSource.query(slowRead).then(() => finished.push('read')));
    const write = uow.run((m) => m.query(`UPDATE users SET name = 'Not Queued' WHERE email = 'admin@demo.test'`)).then(() => finished.push('write'));
    await Promise.all([...reads, write]);
    expect(finished).toHaveLength(41);
    expect(finished.indexOf('write')).toBeLessThan(20);
  });
});
