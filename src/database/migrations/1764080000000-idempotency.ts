import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * Double submissions: the first answer to each Idempotency-Key (per caller), kept for a
 * day; and a session's one-time messages (the intake receipt's tracking link), sealed.
 */
export class Idempotency1764080000000 implements MigrationInterface {
  name = 'Idempotency1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...c.str('caller', 80), isPrimary: true },
          { ...c.str('keyHash', 64), isPrimary: true },
          c.str('requestHash', 64),
          // null while the first request is being processed.
          c.int('status', true),
          c.text('responseBody', true),
          c.at('createdAt'),
          c.at('expiresAt'),
        ],
        indices: [{ name: 'IDX_idempotency_keys_expires', columnNames: ['expiresAt'] }],
      }),
    );
    // A plain ADD COLUMN: both databases do it in place (SQLite would otherwise rebuild the table).
    await queryRunner.query('ALTER TABLE "sessions" ADD COLUMN "flash" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "sessions" DROP COLUMN "flash"');
    await queryRunner.dropTable('idempotency_keys');
  }
}
