import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * Accounts with a lifecycle: a one-time password that must be changed at the next sign-in,
 * and an append-only record of every change made to an account (who, what, old → new).
 */
export class AccountLifecycle1764050000000 implements MigrationInterface {
  name = 'AccountLifecycle1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('users', [new TableColumn({ ...c.bool('mustChangePassword'), default: false })]);
    await queryRunner.createTable(
      new Table({
        name: 'user_events',
        columns: [c.id(), c.ref('userId'), c.ref('actorId', true), c.str('type', 32), c.text('data'), c.at('at')],
        indices: [{ name: 'IDX_user_events_user', columnNames: ['userId', 'at'] }],
        foreignKeys: [{ columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_events');
    await queryRunner.dropColumn('users', 'mustChangePassword');
  }
}
