import sqlite3 from 'sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { keepPrepared, keepPreparedStatements, limitInFlight } from './sqlite-connections.js';

type Done = (this: unknown, err: Error | null, rows?: unknown[]) => void;

/** A stand-in for a node-sqlite3 connection: records each statement it is handed and finishes it on demand. */
function fakeConnection() {
  const started: { sql: string; finish: (err?: Error | null) => void }[] = [];
  const handle = {
    all(sql: string, _params: unknown[], cb: Done) {
      started.push({ sql, finish: (err = null) => cb.call({ lastID: 7, changes: 1, sql }, err, [{ sql }]) });
      return handle;
    },
    run(sql: string, cb: Done) {
      started.push({ sql, finish: (err = null) => cb.call({ lastID: 7, changes: 1, sql }, err) });
      return handle;
    },
    exec(sql: string) {
      started.push({ sql, finish: () => undefined });
      return handle;
    },
  };
  return { handle, started };
}

describe('limitInFlight: how many statements a connection is handed at once', () => {
  it('hands over no more than the limit and the rest in order as each finishes', () => {
    const { handle, started } = fakeConnection();
    limitInFlight(handle, 1);
    const done: string[] = [];
    for (const sql of ['a', 'b', 'c']) handle.all(sql, [], () => done.push(sql));
    expect(started.map((s) => s.sql)).toEqual(['a']);
    started[0].finish();
    expect(started.map((s) => s.sql)).toEqual(['a', 'b']);
    started[1].finish(new Error('SQLITE_CONSTRAINT'));
    started[2].finish();
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('lets two run at once with a limit of two', () => {
    const { handle, started } = fakeConnection();
    limitInFlight(handle, 2);
    for (const sql of ['a', 'b', 'c']) handle.run(sql, () => undefined);
    expect(started.map((s) => s.sql)).toEqual(['a', 'b']);
    started[1].finish();
    expect(started.map((s) => s.sql)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the statement as `this` in the callback, with its rows and error (TypeORM reads lastID and changes)', () => {
    const { handle, started } = fakeConnection();
    limitInFlight(handle, 1);
    const seen: unknown[] = [];
    handle.all('x', [1], function (this: unknown, err, rows) {
      seen.push(this, err, rows);
    });
    started[0].finish();
    expect(seen).toEqual([{ lastID: 7, changes: 1, sql: 'x' }, null, [{ sql: 'x' }]]);
  });

  it('does not hold the others for a statement without a callback, and wraps a connection only once', () => {
    const { handle, started } = fakeConnection();
    limitInFlight(handle, 1);
    limitInFlight(handle, 1);
    handle.exec('PRAGMA optimize');
    handle.run('a', () => undefined);
    expect(started.map((s) => s.sql)).toEqual(['PRAGMA optimize', 'a']);
    handle.run('b', () => undefined);
    expect(started).toHaveLength(2);
  });

  it('frees its place when the driver throws instead of calling back', () => {
    const started: string[] = [];
    const handle = {
      run(sql: string, _cb: Done) {
        started.push(sql);
        if (sql === 'bad') throw new TypeError('not a statement');
        return handle;
      },
    };
    limitInFlight(handle, 1);
    expect(() => handle.run('bad', () => undefined)).toThrow(TypeError);
    handle.run('good', () => undefined);
    expect(started).toEqual(['bad', 'good']);
  });

  it('adds the time from handing a statement over to its callback to the busy figure, when given one', async () => {
    const { handle, started } = fakeConnection();
    const busy = { ms: 0, slowestMs: 0, slowestSql: '' };
    limitInFlight(handle, 1, busy);
    handle.all('a', [], () => undefined);
    await new Promise((r) => setTimeout(r, 5));
    expect(busy.ms).toBe(0); // still running
    started[0].finish();
    expect(busy.ms).toBeGreaterThan(0);
    expect(busy).toMatchObject({ slowestMs: busy.ms, slowestSql: 'a' });
  });
});

describe('keepPreparedStatements: the statements read on every request, prepared once per connection', () => {
  const run = (db: sqlite3.Database, sql: string, params: unknown[]) => new Promise<unknown[]>((ok, fail) => db.all(sql, params, (e, rows) => (e ? fail(e) : ok(rows))));

  it('prepares a kept statement once, answers each run with its own parameters, leaves others as they were, and closes', async () => {
    const db = new sqlite3.Database(':memory:');
    await run(db, 'CREATE TABLE n (i INTEGER)', []);
    await run(db, 'INSERT INTO n VALUES (1), (2), (3)', []);
    const prepare = vi.spyOn(db, 'prepare');
    limitInFlight(keepPreparedStatements(db), 2);
    const kept = keepPrepared('SELECT i FROM n WHERE i >= ? ORDER BY i');
    expect(await Promise.all([run(db, kept, [2]), run(db, kept, [1]), run(db, kept, [3])])).toEqual([[{ i: 2 }, { i: 3 }], [{ i: 1 }, { i: 2 }, { i: 3 }], [{ i: 3 }]]);
    expect(await run(db, kept, [4])).toEqual([]);
    expect(await run(db, 'SELECT COUNT(*) AS c FROM n WHERE i >= ?', [1])).toEqual([{ c: 3 }]);
    expect(prepare).toHaveBeenCalledTimes(1);
    // A failing run is an error for its caller only; the statement is prepared again after it.
    await expect(run(db, keepPrepared('SELECT missing FROM n WHERE i = ?'), [1])).rejects.toThrow(/no such column/);
    expect(await run(db, kept, [3])).toEqual([{ i: 3 }]);
    // SQLite refuses to close a connection with statements open: they are finalized first.
    await new Promise<void>((ok, fail) => db.close((e) => (e ? fail(e) : ok())));
  });
});
