import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 15 §6 on SQLite: the writer never runs a WAL checkpoint inside its own COMMIT (the one
 * crossing 1000 pages waited for the disk with the write lock held); each process checkpoints
 * from a connection of its own, and the WAL is cut back to WAL_SIZE_LIMIT_MB once copied.
 */
describe('the WAL checkpoint, out of the writer', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  const MiB = 1024 * 1024;
  const sqlite = () => t.dataSource.options.type === 'sqlite';
  const walBytes = () => statSync(`${t.dataSource.options.database as string}-wal`).size;
  beforeAll(async () => {
    t = await startTestApp({ WAL_SIZE_LIMIT_MB: '1' });
    uow = t.app.get(UnitOfWork);
  });
  afterAll(async () => t?.close());

  it('the writer connection has automatic checkpoints off and the WAL size limit set', async () => {
    if (!sqlite()) return expect(t.dataSource.options.type).toBe('postgres');
    const [auto] = await uow.run((m) => m.query('PRAGMA wal_autocheckpoint'));
    const [limit] = await uow.run((m) => m.query('PRAGMA journal_size_limit'));
    expect(Number(auto.wal_autocheckpoint)).toBe(0);
    expect(Number(limit.journal_size_limit)).toBe(MiB);
  });

  it('after many writes the checkpointer copies the whole WAL, and the file is cut back to its bound', async () => {
    if (!sqlite()) return expect(t.dataSource.options.type).toBe('postgres');
    await uow.run((m) => m.query('CREATE TABLE wal_filler (b BLOB)'));
    // ~8 MiB in 32 commits: over 2000 pages, past the 1000 at which the writer used to checkpoint in a COMMIT.
    for (let i = 0; i < 32; i++) await uow.run((m) => m.query('INSERT INTO wal_filler (b) SELECT randomblob(65536) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)'));
    const done = await uow.checkpointNow();
    expect(done).toBeDefined();
    expect(done!.busy).toBe(0);
    expect(done!.checkpointed).toBe(done!.log);
    // The next commit starts the WAL over from its beginning and cuts the file back to the limit.
    await uow.run((m) => m.query('INSERT INTO wal_filler (b) VALUES (randomblob(16))'));
    expect(walBytes()).toBeLessThanOrEqual(MiB);
    const after = await uow.checkpointNow();
    expect(after!.log).toBeLessThan(20);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM wal_filler');
    expect(Number(n)).toBe(32 * 4 + 1);
  });
});
