import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * The dealer's phone and address, shown to the customer on the tracking page; and staff who
 * never chose a language read their dealer's (until now every account was made in English).
 */
export class DealerContact1764350000000 implements MigrationInterface {
  name = 'DealerContact1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('dealers', [new TableColumn(c.str('phone', 40, true)), new TableColumn(c.str('address', 300, true))]);
    await queryRunner.query(
      `UPDATE users SET language = (SELECT d.language FROM dealers d WHERE d.id = users."dealerId") WHERE "dealerId" IS NOT NULL AND language = 'en'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): TypeORM's SQLite dropColumn rebuilds the
    // table, which the tickets' foreign keys to dealers refuse inside a migration's transaction.
    await queryRunner.query('ALTER TABLE dealers DROP COLUMN "address"');
    await queryRunner.query('ALTER TABLE dealers DROP COLUMN "phone"');
  }
}
