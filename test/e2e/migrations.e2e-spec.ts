import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TABLES = ['api_keys', 'compensations', 'customers', 'dealers', 'escalations', 'idempotency_keys', 'job_leases', 'notifications', 'rate_limit_buckets', 'ref_sequences', 'sessions', 'sign_in_failures', 'sla_policies', 'sla_timers', 'survey_answers', 'survey_responses', 'surveys', 'tickets', 'timeline_events', 'tracking_links', 'user_events', 'users', 'vehicles'];

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

  it('creates the whole schema, each migration once, with the default SLA policies', async () => {
    expect(await tables()).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect(await tables()).toEqual(TABLES);
    expect(await ds.runMigrations()).toEqual([]);
    expect(await ds.showMigrations()).toBe(false);
    const policies = await ds.query('SELECT severity, "listenMinutes", "resolveMinutes" FROM sla_policies ORDER BY "listenMinutes"');
    expect(policies.map((p: any) => [p.severity, Number(p.listenMinutes), Number(p.resolveMinutes)])).toEqual([
      ['critical', 60, 1440], ['high', 120, 2400], ['medium', 240, 4800], ['low', 480, 9600],
    ]);
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

  it('refuses to update or delete timeline events', async () => {
    const dealer = `INSERT INTO dealers (id, name, country, "timeZone", language, currency, calendar, departments, "createdAt") VALUES ('d1', 'D', 'nl', 'Europe/Amsterdam', 'nl', 'EUR', '{}', '[]', CURRENT_TIMESTAMP)`;
    await ds.query(dealer);
    await ds.query(`INSERT INTO customers (id, "dealerId", name, language, consent, "createdAt") VALUES ('c1', 'd1', 'C', 'nl', true, CURRENT_TIMESTAMP)`);
    await ds.query(
      `INSERT INTO tickets (id, ref, "dealerId", "customerId", department, category, channel, severity, "severityRank", account, "saleAtRisk", "receivedAt", "createdAt", "updatedAt", stage, status, "escalationLevel", "trackingTokenHash", version, "reopenCount")
       VALUES ('t1', 'AM-2026-000001', 'd1', 'c1', 'sales', 'other', 'phone', 'low', 1, 'x', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'listen', 'open', 0, 'h', 1, 0)`,
    );
    await ds.query(`INSERT INTO timeline_events ("ticketId", type, at, "actorType", visibility, data) VALUES ('t1', 'created', CURRENT_TIMESTAMP, 'system', 'internal', '{}')`);
    await expect(ds.query(`UPDATE timeline_events SET type = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM timeline_events`)).rejects.toThrow(/append-only/);
    const rows = await ds.query(`SELECT type FROM timeline_events`);
    expect(rows).toEqual([{ type: 'created' }]);
  });

  it('can be undone completely and applied again', async () => {
    // The append-only guard goes first; then the rows the previous test left can go, as
    // SQLite rebuilds tables to drop columns and would trip over their foreign keys.
    const guard = MIGRATIONS.findIndex((M) => M.name.startsWith('TimelineAppendOnly'));
    for (let i = MIGRATIONS.length; i > guard; i--) await ds.undoLastMigration({ transaction: 'each' });
    for (const table of ['timeline_events', 'tickets', 'customers', 'dealers']) await ds.query(`DELETE FROM ${table}`);
    for (let i = guard; i > 0; i--) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(TABLES);
  });
});
