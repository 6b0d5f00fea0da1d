import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * The loyalty journey: each dealer's contact cadence (null: the default), and the
 * contacts scheduled for a customer after a ticket closes. Due, overdue and paused are
 * columns, so the Contacts due page and the figures read them on an index.
 */
export class LoyaltyJourney1764410000000 implements MigrationInterface {
  name = 'LoyaltyJourney1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumn('dealers', new TableColumn(c.text('contactCadence', true)));
    await queryRunner.createTable(
      new Table({
        name: 'contacts',
        columns: [
          c.id(), c.ref('journeyId'), c.ref('dealerId'), c.ref('customerId'), c.ref('ticketId'), c.int('step'), c.bool('lastCall'),
          c.str('kind', 10), c.str('department', 32), c.str('purpose', 200),
          c.at('dueAt'), c.at('overdueAt'), c.at('pausedAt', true), c.str('state', 10), c.int('attempts'),
          c.str('outcome', 12, true), c.text('note', true), c.bool('stillCustomer', true), c.at('doneAt', true), c.ref('doneById', true),
          c.ref('newTicketId', true), c.at('createdAt'),
        ],
        indices: [
          { name: 'IDX_contacts_dealer_state_due', columnNames: ['dealerId', 'state', 'dueAt'] },
          { name: 'IDX_contacts_state_kind_due', columnNames: ['state', 'kind', 'dueAt'] },
          { name: 'IDX_contacts_customer', columnNames: ['customerId'] },
          { name: 'IDX_contacts_ticket', columnNames: ['ticketId'] },
          { name: 'IDX_contacts_new_ticket', columnNames: ['newTicketId'] },
          { name: 'IDX_contacts_done_by', columnNames: ['doneById'] },
        ],
        foreignKeys: [
          { columnNames: ['dealerId'], referencedTableName: 'dealers', referencedColumnNames: ['id'] },
          { columnNames: ['customerId'], referencedTableName: 'customers', referencedColumnNames: ['id'] },
          { columnNames: ['ticketId'], referencedTableName: 'tickets', referencedColumnNames: ['id'] },
          { columnNames: ['newTicketId'], referencedTableName: 'tickets', referencedColumnNames: ['id'] },
          { columnNames: ['doneById'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('contacts');
    // Plain DROP COLUMN, as DealerContact's down does: TypeORM's SQLite dropColumn rebuilds the table, which the foreign keys to dealers refuse.
    await queryRunner.query('ALTER TABLE dealers DROP COLUMN "contactCadence"');
  }
}
