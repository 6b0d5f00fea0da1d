import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The queue's default order (soonest deadline first) read straight from an index, with or
 * without a dealer: the queue reads tickets with a deadline in (nextDueAt, id) order and
 * then those without one in id order, so neither needs a sort of the whole table.
 */
export class QueueIndexes1763960000000 implements MigrationInterface {
  name = 'QueueIndexes1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'IDX_tickets_due', columnNames: ['nextDueAt', 'id'] }));
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'IDX_tickets_dealer_due', columnNames: ['dealerId', 'nextDueAt', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('tickets', 'IDX_tickets_dealer_due');
    await queryRunner.dropIndex('tickets', 'IDX_tickets_due');
  }
}
