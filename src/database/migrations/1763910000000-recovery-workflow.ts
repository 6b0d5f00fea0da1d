import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** What the recovery workflow keeps on a ticket, and per-dealer approval limits. */
export class RecoveryWorkflow1763910000000 implements MigrationInterface {
  name = 'RecoveryWorkflow1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('tickets', [
      new TableColumn(c.str('rootCause', 32, true)),
      new TableColumn(c.at('resolvedAt', true)),
      new TableColumn({ ...c.int('reopenCount'), default: 0 }),
      new TableColumn(c.int('followUpScore', true)),
    ]);
    await queryRunner.addColumns('dealers', [new TableColumn(c.text('approvalLimits', true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('dealers', ['approvalLimits']);
    await queryRunner.dropColumns('tickets', ['followUpScore', 'reopenCount', 'resolvedAt', 'rootCause']);
  }
}
