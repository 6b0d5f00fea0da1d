import { randomUUID } from 'node:crypto';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** The default SLA policies of PRODUCT.md, in business minutes. */
const DEFAULTS: [string, number, number, number, number][] = [
  ['critical', 60, 120, 480, 1440],
  ['high', 120, 240, 960, 2400],
  ['medium', 240, 480, 1440, 4800],
  ['low', 480, 960, 2400, 9600],
];

/** SLA policies and timers, escalations, and the notification outbox. */
export class SlaEscalationOutbox1763930000000 implements MigrationInterface {
  name = 'SlaEscalationOutbox1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (columnNames: string[], referencedTableName: string) => ({ columnNames, referencedTableName, referencedColumnNames: ['id'] });
    await queryRunner.createTable(
      new Table({
        name: 'sla_policies',
        columns: [
          c.id(), c.str('severity', 10), c.str('department', 32, true), c.str('channel', 16, true),
          c.int('listenMinutes'), c.int('apologiseMinutes'), c.int('fixMinutes'), c.int('resolveMinutes'),
          { name: 'warningThreshold', type: 'decimal', precision: 4, scale: 3 }, c.at('updatedAt'),
        ],
        indices: [{ columnNames: ['severity', 'department', 'channel'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sla_timers',
        columns: [
          c.id(), c.ref('ticketId'), c.str('target', 10), c.int('targetMinutes'), { name: 'warningThreshold', type: 'decimal', precision: 4, scale: 3 },
          c.at('startedAt'), c.at('pausedAt', true), { ...c.int('pausedMinutes'), default: 0 },
          c.at('warnAt'), c.at('dueAt'), c.at('level2At'), c.at('level3At'),
          c.at('warnedAt', true), c.at('breachedAt', true), { ...c.int('escalatedLevel'), default: 0 }, c.at('metAt', true), c.at('nextCheckAt', true),
        ],
        indices: [
          { name: 'IDX_sla_timers_ticket', columnNames: ['ticketId', 'target'], isUnique: true },
          // The sweep reads only timers with something still to do, soonest first.
          { name: 'IDX_sla_timers_next_check', columnNames: ['nextCheckAt'], where: '"nextCheckAt" IS NOT NULL' },
        ],
        foreignKeys: [fk(['ticketId'], 'tickets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'escalations',
        columns: [
          c.id(), c.ref('ticketId'), c.ref('timerId', true), c.int('level'), c.text('reason'), c.bool('manual'), c.at('createdAt'),
          c.at('acknowledgedAt', true), c.ref('acknowledgedById', true), c.str('acknowledgedByName', 200, true),
        ],
        indices: [{ name: 'IDX_escalations_ticket', columnNames: ['ticketId'] }],
        foreignKeys: [fk(['ticketId'], 'tickets'), fk(['timerId'], 'sla_timers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(), c.str('channel', 10), c.str('recipientEmail', 254), c.str('recipientName', 200, true), c.str('language', 8), c.str('template', 40), c.text('data'),
          c.str('state', 10), c.int('attempts'), c.at('nextAttemptAt'), c.at('lockedUntil', true), c.text('lastError', true), c.ref('ticketId', true), c.at('createdAt'), c.at('sentAt', true),
        ],
        indices: [
          { name: 'IDX_notifications_due', columnNames: ['state', 'nextAttemptAt'] },
          { name: 'IDX_notifications_ticket', columnNames: ['ticketId'] },
        ],
        foreignKeys: [fk(['ticketId'], 'tickets')],
      }),
    );
    const now = new Date();
    for (const [severity, listen, apologise, fix, resolve] of DEFAULTS) {
      await queryRunner.manager.createQueryBuilder().insert().into('sla_policies')
        .values({ id: randomUUID(), severity, department: null, channel: null, listenMinutes: listen, apologiseMinutes: apologise, fixMinutes: fix, resolveMinutes: resolve, warningThreshold: 0.75, updatedAt: now })
        .execute();
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'escalations', 'sla_timers', 'sla_policies']) await queryRunner.dropTable(table);
  }
}
