import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { QueueCounts1764120000000 } from '../../src/database/migrations/1764120000000-queue-counts.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TABLES = ['api_keys', 'cache_versions', 'compensations', 'contacts', 'customers', 'dealers', 'escalations', 'idempotency_keys', 'improvement_events', 'improvement_tickets', 'improvements', 'job_leases', 'notifications', 'queue_counts', 'rate_limit_buckets', 'ref_sequences', 'sessions', 'sign_in_failures', 'sla_policies', 'sla_timers', 'survey_answers', 'survey_responses', 'surveys', 'tickets', 'timeline_events', 'tracking_links', 'user_events', 'users', 'vehicles'];
// The queue's full-text search: FTS5 keeps its index in shadow tables beside its own; PostgreSQL in one table.
const SEARCH_TABLES = {
  sqlite: ['ticket_search', 'ticket_search_config', 'ticket_search_data', 'ticket_search_docsize', 'ticket_search_idx', 'ticket_search_keys', 'ticket_search_vocab'],
  postgres: ['ticket_search'],
};

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

  const schema = () => [...TABLES, ...SEARCH_TABLES[ds.options.type === 'postgres' ? 'postgres' : 'sqlite']].sort();

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
    expect(await tables()).toEqual(schema());
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

  it('keeps the queue counts by triggers on tickets (a migration that rebuilds tickets must make them again)', async () => {
    const triggers: { name: string }[] =
      ds.options.type === 'postgres'
        ? await ds.query(`SELECT DISTINCT trigger_name AS name FROM information_schema.triggers WHERE event_object_table = 'tickets'`)
        : await ds.query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tickets'`);
    const names = triggers.map((r) => r.name);
    if (ds.options.type === 'postgres') expect(names).toContain('queue_counts_keep');
    else expect(names).toEqual(expect.arrayContaining(['queue_counts_insert', 'queue_counts_update', 'queue_counts_delete']));
    const counted = await ds.query(`SELECT scope, n FROM queue_counts WHERE n <> 0 ORDER BY scope`);
    expect(counted.map((r: any) => [r.scope, Number(r.n)])).toEqual([['*', 1], ['d1', 1]]);
    // Made on a database with tickets, the counts start from them.
    const runner = ds.createQueryRunner();
    try {
      await ds.query(`INSERT INTO users (id, name, email, "passwordHash", role, "dealerId", language, active, "createdAt") VALUES ('u9', 'x', 'x@x', 'h', 'receptionist', 'd1', 'en', true, CURRENT_TIMESTAMP)`);
      await ds.query(`UPDATE tickets SET "assigneeId" = 'u9', "slaState" = 'at-risk'`);
      await new QueueCounts1764120000000().down(runner);
      await new QueueCounts1764120000000().up(runner);
    } finally {
      await runner.release();
    }
    const filled = await ds.query(`SELECT scope, "assigneeId", "slaState", n FROM queue_counts ORDER BY scope, "assigneeId"`);
    expect(filled.map((r: any) => [r.scope, r.assigneeId, r.slaState, Number(r.n)])).toEqual([['*', '*', 'at-risk', 1], ['*', 'u9', 'at-risk', 1], ['d1', '*', 'at-risk', 1], ['d1', 'u9', 'at-risk', 1]]);
    await ds.query(`UPDATE tickets SET "assigneeId" = NULL`);
    await ds.query(`DELETE FROM users WHERE id = 'u9'`);
  });

  it('indexes the tickets already there for the queue search, and keeps the index in step from then on', async () => {
    const postgres = ds.options.type === 'postgres';
    const search = async (words: string): Promise<string[]> => {
      const rows: { id: string }[] = postgres
        ? await ds.query(`SELECT "ticketId" AS id FROM ticket_search WHERE document @@ to_tsquery('simple', amends_search_fold($1)) ORDER BY 1`, [words.split(' ').map((w) => `'${w}':*`).join(' & ')])
        : await ds.query(`SELECT k."ticketId" AS id FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH ? ORDER BY 1`, [words.split(' ').map((w) => `"${w}"*`).join(' AND ')]);
      return rows.map((r) => r.id);
    };
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((M) => M.name.startsWith('TicketSearch'));
    for (let i = 0; i < undone; i++) await ds.undoLastMigration({ transaction: 'each' });
    // A ticket from before the search (the previous test's), with words of its own.
    await ds.query(`UPDATE customers SET name = 'Måns Ødegård' WHERE id = 'c1'`);
    await ds.query(`UPDATE tickets SET account = 'Ventetiden i Göteborg' WHERE id = 't1'`);
    await ds.runMigrations({ transaction: 'each' });
    expect(await search('mans ødeg vente goteborg')).toEqual(['t1']);
    expect(await search('am 000001')).toEqual(['t1']);
    // Kept in step: a renamed customer, a changed account.
    await ds.query(`UPDATE customers SET name = 'Sanne Wachttijd' WHERE id = 'c1'`);
    expect(await search('mans')).toEqual([]);
    expect(await search('wachttijd ventetiden')).toEqual(['t1']);
    await ds.query(`UPDATE tickets SET account = 'væske' WHERE id = 't1'`);
    expect(await search('ventetiden')).toEqual([]);
    expect(await search('væske sanne')).toEqual(['t1']);
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
    expect(await tables()).toEqual(schema());
  });
});
