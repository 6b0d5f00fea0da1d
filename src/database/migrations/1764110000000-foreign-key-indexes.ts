import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An index on every foreign key that had none. Deleting a parent row, or an UPDATE that
 * names its key, makes the engine look for child rows; without an index that is a read of
 * the whole child table (with tickets.vehicleId, of every ticket on each intake of a
 * returning customer's car). test/e2e/foreign-key-indexes keeps the rest of the schema so.
 */
const INDEXES: [table: string, name: string, columns: string[]][] = [
  ['tickets', 'IDX_tickets_vehicle', ['vehicleId']],
  ['escalations', 'IDX_escalations_timer', ['timerId']],
  ['survey_responses', 'IDX_survey_responses_ticket', ['ticketId']],
  ['api_keys', 'IDX_api_keys_created_by', ['createdById']],
];

export class ForeignKeyIndexes1764110000000 implements MigrationInterface {
  name = 'ForeignKeyIndexes1764110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await queryRunner.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await queryRunner.dropIndex(table, name);
  }
}
