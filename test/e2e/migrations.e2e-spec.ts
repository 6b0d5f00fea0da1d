import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TABLES = ['api_keys', 'compensations', 'customers', 'dealers', 'ref_sequences', 'sessions', 'tickets', 'timeline_events', 'users', 'vehicles'];

describe('migrations from an empty database', () => {
  let db: TestDatabase;
  let ds: DataSource;

  const tables = async (): Promise<string[]> => {
    const rows: { name: string }[] =
      ds.options.type === 'postgres'
        ? await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`)
        : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')`);
    return rows.map((r) => r.name).sort();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test', ...db.env }))).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates the whole schema, each migration once', async () => {
    expect(await tables()).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect(await tables()).toEqual(TABLES);
    expect(await ds.runMigrations()).toEqual([]);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('gives every entity exactly the columns it maps, with the same nullability', async () => {
    // Entities keep plain id columns and leave foreign keys to the migrations, so the
    // comparison is by column rather than TypeORM's schema diff (which would drop them).
    const runner = ds.createQueryRunner();
    try {
      for (const meta of ds.entityMetadatas) {
        const table = await runner.getTable(meta.tableName);
        expect(table, meta.tableName).toBeDefined();
        const actual = Object.fromEntries(table!.columns.map((c) => [c.name, c.isNullable]));
        const expected = Object.fromEntries(meta.columns.map((c) => [c.databaseName, c.isNullable]));
        expect(actual, meta.tableName).toEqual(expected);
      }
    } finally {
      await runner.release();
    }
  });

  it('enforces foreign keys', async () => {
    await expect(
      ds.query(`INSERT INTO users (id, name, email, "passwordHash", role, "dealerId", language, active, "createdAt") VALUES ('u1', 'x', 'x@x', 'h', 'receptionist', 'no-such-dealer', 'en', true, CURRENT_TIMESTAMP)`),
    ).rejects.toThrow(/foreign key|FOREIGN KEY/i);
  });

  it('can be undone completely and applied again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(TABLES);
  });
});
