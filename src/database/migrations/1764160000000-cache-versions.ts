import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * One row per cache that processes keep in memory (dealers, SLA policies): a change writes a
 * new stamp in the same transaction, and every process reads this one row (by its key)
 * before trusting what it holds. Works the same for workers on one SQLite file and for
 * instances on PostgreSQL.
 */
export class CacheVersions1764160000000 implements MigrationInterface {
  name = 'CacheVersions1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(new Table({ name: 'cache_versions', columns: [{ ...c.str('name', 40), isPrimary: true }, c.str('stamp', 36)] }));
    await queryRunner.query(`INSERT INTO cache_versions (name, stamp) VALUES ('dealers', 'initial'), ('sla-policies', 'initial')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cache_versions');
  }
}
