import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** Tracking links minted for customer e-mails: only the hash of each token, and when it was revoked. */
export class TrackingLinks1763950000000 implements MigrationInterface {
  name = 'TrackingLinks1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'tracking_links',
        columns: [c.id(), c.ref('ticketId'), c.str('tokenHash', 64), c.at('createdAt'), c.at('revokedAt', true)],
        uniques: [{ name: 'UQ_tracking_links_hash', columnNames: ['tokenHash'] }],
        indices: [{ name: 'IDX_tracking_links_ticket', columnNames: ['ticketId'] }],
        foreignKeys: [{ columnNames: ['ticketId'], referencedTableName: 'tickets', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tracking_links');
  }
}
