import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadOnlySqlite } from './sqlite-read-only.js';

const exec = (db: sqlite3.Database, sql: string) => new Promise<void>((ok, fail) => db.exec(sql, (e) => (e ? fail(e) : ok())));

describe('ReadOnlySqlite: a report\'s own connection to the database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amends-read-only-'));
  const path = join(dir, 'db.sqlite');
  let writer: sqlite3.Database;
  let reader: ReadOnlySqlite;

  beforeAll(async () => {
    writer = new sqlite3.Database(path);
    await exec(writer, "PRAGMA journal_mode = WAL; CREATE TABLE n (i INTEGER); WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000) INSERT INTO n SELECT i FROM s");
    reader = await ReadOnlySqlite.open(path);
  });
  afterAll(async () => {
    await reader?.close();
    await new Promise((ok) => writer.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads what the writer committed, with parameters', async () => {
    expect(await reader.all({ sql: 'SELECT COUNT(*) AS n, SUM(i) AS s FROM n WHERE i > ?', params: [1000] })).toEqual([{ n: 2000, s: (1001 + 3000) * 1000 }]);
    await exec(writer, 'INSERT INTO n VALUES (5000)');
    expect(await reader.all({ sql: 'SELECT MAX(i) AS m FROM n', params: [] })).toEqual([{ m: 5000 }]);
  });

  it('refuses every write', async () => {
    await expect(reader.all({ sql: 'INSERT INTO n VALUES (1)', params: [] })).rejects.toThrow(/readonly|read-only|query_only/i);
    await expect(reader.all({ sql: 'DELETE FROM n', params: [] })).rejects.toThrow(/readonly|read-only|query_only/i);
    expect(await reader.all({ sql: 'SELECT COUNT(*) AS n FROM n', params: [] })).toEqual([{ n: 3001 }]);
  });

  it('runs the statements handed to it one at a time, in order', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((k) => reader.all({ sql: 'SELECT COUNT(*) AS n FROM n a, n b WHERE a.i < ? AND b.i < 200', params: [400 / k] }).then(() => order.push(k))));
    expect(order).toEqual([1, 2, 3]);
  });
});
