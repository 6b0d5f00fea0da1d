import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonColumn, jsonSql } from './json-sql.js';
import { isoAt } from './row-values.js';

const all = (db: sqlite3.Database, sql: string, params: unknown[] = []) => new Promise<Record<string, unknown>[]>((ok, fail) => db.all(sql, params, (e, rows) => (e ? fail(e) : ok(rows as Record<string, unknown>[]))));

/** SQLite's JSON written by concatenation must read back as the values the rows hold, whatever their text. */
describe('jsonSql on SQLite', () => {
  const j = jsonSql({ options: { type: 'sqlite' } } as never);
  let db: sqlite3.Database;
  const rows = [
    { id: 3, name: 'Quote " backslash \\ slash / newline \n tab \t', at: '2026-11-30 09:15:00.120', amount: 41250.5, data: '{"body":"Ærlig talt — ÆØÅ ✓","n":[1,2.5,null]}' },
    { id: 1, name: null, at: '2026-01-02T03:04:05Z', amount: 100, data: '{}' },
    { id: 2, name: 'control \u0001 and emoji 😀', at: null, amount: null, data: '{"nested":{"a":true}}' },
  ];

  beforeAll(async () => {
    db = new sqlite3.Database(':memory:');
    await all(db, 'CREATE TABLE x (id INTEGER PRIMARY KEY, name TEXT, at DATETIME, amount DECIMAL(14,2), data TEXT NOT NULL)');
    for (const r of rows) await all(db, 'INSERT INTO x VALUES (?, ?, ?, ?, ?)', [r.id, r.name, r.at, r.amount, r.data]);
  });
  afterAll(() => new Promise((ok) => db.close(ok)));

  it('builds an array of objects in the order asked, each value as the row holds it', async () => {
    const object = j.object([['id', j.num('id')], ['name', j.str('name')], ['at', j.iso('at')], ['money', j.object([['amount', j.num('(amount + 0)')]])], ['data', j.raw('data')]]);
    const [row] = await all(db, `SELECT ${j.array(object, 'id')} AS j FROM x`);
    const text = row.j as string;
    expect(jsonColumn(text)).toEqual(
      [...rows].sort((a, b) => a.id - b.id).map((r) => ({ id: r.id, name: r.name, at: isoAt(r.at), money: { amount: r.amount }, data: JSON.parse(r.data) })),
    );
    // Keys in the order given, as JSON.stringify writes an object literal.
    expect(Object.keys((jsonColumn(text) as object[])[0])).toEqual(['id', 'name', 'at', 'money', 'data']);
  });

  it('gives [] for no rows, and orders descending when asked', async () => {
    expect(jsonColumn((await all(db, `SELECT ${j.array(j.num('id'), 'id')} AS j FROM x WHERE id > 10`))[0].j)).toEqual([]);
    expect(jsonColumn((await all(db, `SELECT ${j.array(j.num('id'), 'id DESC')} AS j FROM x`))[0].j)).toEqual([3, 2, 1]);
  });

  it('leaves a column already parsed (PostgreSQL\'s json) as it is', () => {
    const value = [{ a: 1 }];
    expect(jsonColumn(value)).toBe(value);
  });
});
