import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * What several worker processes (and instances) share that each once kept in memory: the
 * request budgets of the rate limits, the failed sign-ins per account, and a lease per
 * scheduled job so one process at a time runs it. Times are milliseconds since the epoch:
 * the budgets are compared and advanced in one statement, the same on both databases.
 */
export class SharedProcessState1764150000000 implements MigrationInterface {
  name = 'SharedProcessState1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const ms = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable });
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_buckets',
        // keyHash: SHA-256 of the limit's name and tracker (an address and e-mail, a tracking token): never the values themselves.
        columns: [{ ...c.str('keyHash', 64), isPrimary: true }, c.int('hits'), ms('windowEndsAt')],
        indices: [{ name: 'IDX_rate_limit_buckets_window', columnNames: ['windowEndsAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_failures',
        columns: [{ ...c.str('emailHash', 64), isPrimary: true }, c.int('failures'), ms('lastFailureAt')],
        indices: [{ name: 'IDX_sign_in_failures_last', columnNames: ['lastFailureAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_leases',
        columns: [{ ...c.str('name', 50), isPrimary: true }, c.str('holder', 100, true), ms('leaseUntil')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_leases');
    await queryRunner.dropTable('sign_in_failures');
    await queryRunner.dropTable('rate_limit_buckets');
  }
}
