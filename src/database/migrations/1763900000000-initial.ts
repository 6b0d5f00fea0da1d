import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** Dealers, users and their sign-ins, customers, tickets with their timeline and compensation. */
export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (columnNames: string[], referencedTableName: string, onDelete = 'RESTRICT') => ({
      columnNames,
      referencedTableName,
      referencedColumnNames: ['id'],
      onDelete,
    });

    await queryRunner.createTable(
      new Table({
        name: 'dealers',
        columns: [c.id(), c.str('name', 200), c.str('country', 2), c.str('timeZone', 64), c.str('language', 8), c.str('currency', 3), c.text('calendar'), c.text('departments'), c.at('createdAt')],
        indices: [{ columnNames: ['name'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [c.id(), c.str('name', 200), c.str('email', 254), c.str('passwordHash', 255), c.str('role', 32), c.ref('dealerId', true), c.str('department', 32, true), c.str('language', 8), c.bool('active'), c.at('createdAt')],
        uniques: [{ columnNames: ['email'] }],
        indices: [{ columnNames: ['dealerId', 'role'] }],
        foreignKeys: [fk(['dealerId'], 'dealers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [c.id(), c.str('tokenHash', 64), c.ref('userId'), c.str('csrfToken', 64), c.at('createdAt'), c.at('lastSeenAt'), c.at('expiresAt')],
        uniques: [{ columnNames: ['tokenHash'] }],
        indices: [{ columnNames: ['userId'] }, { columnNames: ['expiresAt'] }],
        foreignKeys: [fk(['userId'], 'users', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [c.id(), c.ref('userId'), c.str('name', 100), c.str('keyHash', 64), c.str('prefix', 16), c.ref('createdById'), c.at('createdAt'), c.at('lastUsedAt', true), c.at('revokedAt', true)],
        uniques: [{ columnNames: ['keyHash'] }],
        indices: [{ columnNames: ['userId'] }],
        foreignKeys: [fk(['userId'], 'users'), fk(['createdById'], 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'customers',
        columns: [c.id(), c.ref('dealerId'), c.str('name', 200), c.str('email', 254, true), c.str('phone', 40, true), c.str('language', 8), c.bool('styleOutgoing', true), c.bool('styleFactsFirst', true), c.bool('consent'), c.at('createdAt')],
        indices: [{ columnNames: ['dealerId', 'email'] }, { columnNames: ['dealerId', 'phone'] }],
        foreignKeys: [fk(['dealerId'], 'dealers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vehicles',
        columns: [c.id(), c.ref('customerId'), c.str('registration', 20, true), c.str('vin', 17, true), c.str('model', 100, true), c.at('createdAt')],
        indices: [{ columnNames: ['customerId'] }, { columnNames: ['vin'] }],
        foreignKeys: [fk(['customerId'], 'customers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tickets',
        columns: [
          c.id(), c.str('ref', 20), c.ref('dealerId'), c.ref('customerId'), c.ref('vehicleId', true),
          c.str('department', 32), c.str('category', 48), c.str('channel', 16), c.str('severity', 10), c.int('severityRank'),
          c.text('account'), c.text('desiredOutcome', true),
          c.bool('saleAtRisk'), c.str('saleAtRiskModel', 100, true), c.money('saleAtRiskAmount', true), c.str('saleAtRiskCurrency', 3, true),
          c.at('receivedAt'), c.at('createdAt'), c.at('updatedAt'),
          c.str('stage', 16), c.str('status', 24), c.ref('assigneeId', true), c.int('escalationLevel'),
          c.str('trackingTokenHash', 64), c.ref('sourceSurveyResponseId', true),
          c.at('nextDueAt', true), c.str('slaState', 10, true), c.str('outcome', 10, true), c.at('closedAt', true), c.int('version'),
        ],
        uniques: [{ columnNames: ['ref'] }, { columnNames: ['trackingTokenHash'] }],
        indices: [
          // The queue: a dealer's (or everyone's) open tickets by next deadline or by arrival.
          { name: 'IDX_tickets_dealer_status_due', columnNames: ['dealerId', 'status', 'nextDueAt', 'id'] },
          { name: 'IDX_tickets_status_due', columnNames: ['status', 'nextDueAt', 'id'] },
          { name: 'IDX_tickets_dealer_received', columnNames: ['dealerId', 'receivedAt', 'id'] },
          { name: 'IDX_tickets_received', columnNames: ['receivedAt', 'id'] },
          { name: 'IDX_tickets_assignee', columnNames: ['assigneeId', 'status'] },
          { name: 'IDX_tickets_severity', columnNames: ['dealerId', 'severityRank', 'id'] },
          { name: 'IDX_tickets_customer', columnNames: ['customerId'] },
        ],
        foreignKeys: [fk(['dealerId'], 'dealers'), fk(['customerId'], 'customers'), fk(['vehicleId'], 'vehicles'), fk(['assigneeId'], 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'timeline_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          c.ref('ticketId'), c.str('type', 40), c.at('at'), c.str('actorType', 10), c.ref('actorId', true), c.str('actorName', 200, true), c.str('visibility', 10), c.text('data'),
        ],
        indices: [{ name: 'IDX_timeline_ticket', columnNames: ['ticketId', 'id'] }],
        foreignKeys: [fk(['ticketId'], 'tickets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'compensations',
        columns: [
          c.id(), c.ref('ticketId'), c.str('kind', 24), c.money('amount'), c.str('currency', 3), c.text('note', true), c.str('state', 10),
          c.ref('proposedById', true), c.ref('decidedById', true), c.at('decidedAt', true), c.at('deliveredAt', true), c.at('createdAt'),
        ],
        indices: [{ name: 'IDX_compensations_ticket', columnNames: ['ticketId'] }],
        foreignKeys: [fk(['ticketId'], 'tickets')],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'ref_sequences', columns: [{ name: 'year', type: 'integer', isPrimary: true }, c.int('lastValue')] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ref_sequences', 'compensations', 'timeline_events', 'tickets', 'vehicles', 'customers', 'api_keys', 'sessions', 'users', 'dealers']) {
      await queryRunner.dropTable(table);
    }
  }
}
