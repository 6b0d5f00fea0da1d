import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * The role under whose limit a compensation was approved: a limit bounds a role's running
 * total on a ticket, and that must not change when the approver later changes role.
 */
export class CompensationApprovedByRole1764030000000 implements MigrationInterface {
  name = 'CompensationApprovedByRole1764030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumn('compensations', new TableColumn(c.str('approvedByRole', 24, true)));
    // Until now the decider of an approved or delivered compensation was its approver; their role today is the best we know.
    await queryRunner.query(
      `UPDATE compensations SET "approvedByRole" = (SELECT u.role FROM users u WHERE u.id = compensations."decidedById") WHERE state IN ('approved', 'delivered')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('compensations', 'approvedByRole');
  }
}
