import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * The outer loop: improvements, the tickets that prompted them, and their append-only
 * history; and `tickets.fixedAt` (when the fix stage recorded the root cause), so that
 * suggestions and effects read a range of one index instead of every ticket.
 */
export class Improvements1764400000000 implements MigrationInterface {
  name = 'Improvements1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const fk = (columnNames: string[], referencedTableName: string) => ({ columnNames, referencedTableName, referencedColumnNames: ['id'] });
    // A plain ADD COLUMN: both databases do it in place (SQLite would otherwise rebuild the table and lose its triggers).
    await queryRunner.query(`ALTER TABLE "tickets" ADD COLUMN "fixedAt" ${postgres ? 'timestamptz' : 'datetime'}`);
    // Tickets fixed before this migration: the time of their last fix-stage event.
    await queryRunner.query(
      `UPDATE tickets SET "fixedAt" = (SELECT MAX(e.at) FROM timeline_events e WHERE e."ticketId" = tickets.id AND e.type = 'stage-completed' AND e.data LIKE '%"stage":"fix"%') WHERE "rootCause" IS NOT NULL`,
    );
    // Suggestions: a range of fixedAt, grouped by dealer, department and cause (covering).
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'IDX_tickets_fixed_at', columnNames: ['fixedAt', 'dealerId', 'department', 'rootCause'], where: '"fixedAt" IS NOT NULL' }));
    // The same for one dealer's suggestions (bounded by the range within the dealer, not all its tickets).
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'IDX_tickets_fixed_dealer', columnNames: ['dealerId', 'fixedAt', 'department', 'rootCause'], where: '"fixedAt" IS NOT NULL' }));
    // Effect: one department and cause, a range of fixedAt, the dealer checked in the index.
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'IDX_tickets_fixed_cause', columnNames: ['department', 'rootCause', 'fixedAt', 'dealerId'], where: '"fixedAt" IS NOT NULL' }));
    await queryRunner.createTable(
      new Table({
        name: 'improvements',
        columns: [
          c.id(), c.str('title', 200), c.ref('dealerId', true), c.str('department', 32), c.str('rootCause', 32), c.ref('ownerId'), c.str('dueDate', 10),
          c.str('status', 16), c.text('dropReason', true), c.at('doneAt', true), c.ref('createdById'), c.at('createdAt'), c.at('updatedAt'),
          c.at('ownerNotifiedAt', true), c.at('managersNotifiedAt', true),
        ],
        indices: [
          // The deadline sweep and the list: open ones by due date.
          { name: 'IDX_improvements_status_due', columnNames: ['status', 'dueDate'] },
          { name: 'IDX_improvements_cause', columnNames: ['department', 'rootCause', 'dealerId'] },
          { name: 'IDX_improvements_dealer', columnNames: ['dealerId'] },
          { name: 'IDX_improvements_owner', columnNames: ['ownerId'] },
          { name: 'IDX_improvements_created_by', columnNames: ['createdById'] },
        ],
        foreignKeys: [fk(['dealerId'], 'dealers'), fk(['ownerId'], 'users'), fk(['createdById'], 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'improvement_tickets',
        columns: [c.id(), c.ref('improvementId'), c.ref('ticketId'), c.at('linkedAt')],
        indices: [
          { name: 'IDX_improvement_tickets_pair', columnNames: ['improvementId', 'ticketId'], isUnique: true },
          { name: 'IDX_improvement_tickets_ticket', columnNames: ['ticketId'] },
        ],
        foreignKeys: [fk(['improvementId'], 'improvements'), fk(['ticketId'], 'tickets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'improvement_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          c.ref('improvementId'), c.str('type', 32), c.at('at'), c.ref('actorId', true), c.str('actorName', 200, true), c.text('data'),
        ],
        indices: [
          { name: 'IDX_improvement_events_improvement', columnNames: ['improvementId', 'id'] },
          { name: 'IDX_improvement_events_actor', columnNames: ['actorId'] },
        ],
        foreignKeys: [fk(['improvementId'], 'improvements'), fk(['actorId'], 'users')],
      }),
    );
    // History is never edited, as with timeline events (PostgreSQL reuses their trigger function).
    if (postgres) {
      await queryRunner.query(`CREATE TRIGGER improvement_events_append_only BEFORE UPDATE OR DELETE ON improvement_events FOR EACH ROW EXECUTE FUNCTION amends_append_only()`);
    } else {
      for (const op of ['UPDATE', 'DELETE']) {
        await queryRunner.query(`CREATE TRIGGER improvement_events_no_${op.toLowerCase()} BEFORE ${op} ON improvement_events
          BEGIN SELECT RAISE(ABORT, 'improvement_events is append-only'); END`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') await queryRunner.query(`DROP TRIGGER improvement_events_append_only ON improvement_events`);
    else for (const op of ['update', 'delete']) await queryRunner.query(`DROP TRIGGER improvement_events_no_${op}`);
    for (const table of ['improvement_events', 'improvement_tickets', 'improvements']) await queryRunner.dropTable(table);
    await queryRunner.dropIndex('tickets', 'IDX_tickets_fixed_cause');
    await queryRunner.dropIndex('tickets', 'IDX_tickets_fixed_dealer');
    await queryRunner.dropIndex('tickets', 'IDX_tickets_fixed_at');
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "fixedAt"`);
  }
}
