import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The queue's one-click views (Mine, Unassigned, Sale at risk) read in the queue's order
 * (soonest deadline first) from an index, with or without a dealer, like the plain queue.
 */
const INDEXES: [string, string[]][] = [
  ['IDX_tickets_risk_due', ['saleAtRisk', 'nextDueAt', 'id']],
  ['IDX_tickets_dealer_risk_due', ['dealerId', 'saleAtRisk', 'nextDueAt', 'id']],
  ['IDX_tickets_assignee_due', ['assigneeId', 'nextDueAt', 'id']],
  ['IDX_tickets_dealer_assignee_due', ['dealerId', 'assigneeId', 'nextDueAt', 'id']],
];

export class QueueViews1764440000000 implements MigrationInterface {
  name = 'QueueViews1764440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columnNames] of INDEXES) await queryRunner.createIndex('tickets', new TableIndex({ name, columnNames }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.dropIndex('tickets', name);
  }
}
