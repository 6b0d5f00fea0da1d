import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { foreignKeys, indexColumns, unindexedForeignKeys } from '../../src/common/database/foreign-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Every foreign key of the migrated schema, as this engine reports it, has an index that
 * leads with its columns: otherwise deleting a parent row, or (on SQLite) an UPDATE that
 * names the parent's key, reads the whole child table.
 */
describe('foreign keys are indexed', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(loadConfig({ NODE_ENV: 'test', ...db.env }))).initialize();
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('finds the foreign keys from the database itself', async () => {
    const keys = (await foreignKeys(ds)).map((k) => `${k.table}.${k.columns.join('+')} -> ${k.references}`);
    expect(keys).toEqual(expect.arrayContaining(['tickets.vehicleId -> vehicles', 'escalations.timerId -> sla_timers', 'survey_responses.ticketId -> tickets', 'timeline_events.ticketId -> tickets']));
  });

  it('has an index leading with the columns of every foreign key', async () => {
    const missing = unindexedForeignKeys(await foreignKeys(ds), await indexColumns(ds)).map((k) => `${k.table}(${k.columns.join(', ')}) -> ${k.references}`);
    expect(missing).toEqual([]);
  });

  it('notices a foreign key without one', async () => {
    await ds.query('CREATE TABLE fk_probe_parent (id varchar(36) PRIMARY KEY)');
    await ds.query('CREATE TABLE fk_probe_child (id varchar(36) PRIMARY KEY, "parentId" varchar(36) REFERENCES fk_probe_parent (id))');
    try {
      const found = unindexedForeignKeys(await foreignKeys(ds), await indexColumns(ds));
      expect(found).toEqual(expect.arrayContaining([{ table: 'fk_probe_child', columns: ['parentId'], references: 'fk_probe_parent' }]));
      await ds.query('CREATE INDEX "IDX_fk_probe_child_parent" ON fk_probe_child ("parentId")');
      expect(unindexedForeignKeys(await foreignKeys(ds), await indexColumns(ds)).filter((k) => k.table === 'fk_probe_child')).toEqual([]);
    } finally {
      await ds.query('DROP TABLE fk_probe_child');
      await ds.query('DROP TABLE fk_probe_parent');
    }
  });
});
