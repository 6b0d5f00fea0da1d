import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** The counted columns of a ticket, besides its dealer and assignee. */
const DIMS = ['department', 'stage', 'status', 'severity', 'slaState', 'channel'] as const;
const KEY = ['scope', 'assigneeId', ...DIMS].map((c) => `"${c}"`).join(', ');
const WATCHED = ['dealerId', 'assigneeId', ...DIMS].map((c) => `"${c}"`).join(', ');

/**
 * The rows of queue_counts one ticket adds to (delta 1) or takes from (delta -1): its
 * dealer's and all dealers' ('*'), each for any assignee ('*') and, when it has one, for
 * its assignee. Missing values are '' so that every key column can be in the primary key.
 */
function rowsOf(row: 'OLD' | 'NEW', delta: 1 | -1): string {
  const dims = DIMS.map((c) => (c === 'slaState' ? `COALESCE(${row}."slaState", '') AS "slaState"` : `${row}."${c}" AS "${c}"`)).join(', ');
  return `SELECT s.scope AS scope, a.assignee AS "assigneeId", ${dims}, ${delta} AS d
    FROM (SELECT ${row}."dealerId" AS scope UNION ALL SELECT '*') s
    CROSS JOIN (SELECT '*' AS assignee UNION ALL SELECT ${row}."assigneeId" WHERE ${row}."assigneeId" IS NOT NULL) a`;
}

/**
 * One statement per ticket change: the rows it moves, netted and in key order (so two
 * writers on PostgreSQL lock count rows in the same order and never deadlock on them).
 */
function keep(sides: string[]): string {
  return `INSERT INTO queue_counts (${KEY}, n)
    SELECT ${KEY}, SUM(d) FROM (${sides.join(' UNION ALL ')}) x
    WHERE true GROUP BY ${KEY} HAVING SUM(d) <> 0 ORDER BY ${KEY}
    ON CONFLICT (${KEY}) DO UPDATE SET n = queue_counts.n + excluded.n`;
}

/**
 * The queue's counts per filter value, kept rather than recounted: one row per combination
 * of the counted columns, moved by triggers in the same transaction as the ticket, whatever
 * code writes it (intake, transitions, the sweep, assignment, the bench's fill), so the
 * queue page reads a few hundred rows instead of grouping a million tickets.
 */
export class QueueCounts1764120000000 implements MigrationInterface {
  name = 'QueueCounts1764120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'queue_counts',
        columns: [
          { ...c.str('scope', 36), isPrimary: true },
          { ...c.str('assigneeId', 36), isPrimary: true },
          { ...c.str('department', 32), isPrimary: true },
          { ...c.str('stage', 16), isPrimary: true },
          { ...c.str('status', 24), isPrimary: true },
          { ...c.str('severity', 10), isPrimary: true },
          { ...c.str('slaState', 10), isPrimary: true },
          { ...c.str('channel', 16), isPrimary: true },
          c.int('n'),
        ],
      }),
    );
    // Tickets already there, counted once (the triggers below count every change after).
    const dims = DIMS.map((d) => (d === 'slaState' ? `COALESCE("slaState", '') AS "slaState"` : `"${d}"`)).join(', ');
    const sides = [`"dealerId" AS scope, '*' AS "assigneeId"`, `'*', '*'`, `"dealerId", "assigneeId"`, `'*', "assigneeId"`].map(
      (keys, i) => `SELECT ${keys}, ${dims} FROM tickets${i >= 2 ? ' WHERE "assigneeId" IS NOT NULL' : ''}`,
    );
    await queryRunner.query(`INSERT INTO queue_counts (${KEY}, n) SELECT ${KEY}, COUNT(*) FROM (${sides.join(' UNION ALL ')}) x GROUP BY ${KEY}`);

    if (queryRunner.connection.driver.options.type === 'postgres') {
      const same = `ROW(${WATCHED.split(', ').map((col) => `OLD.${col}`).join(', ')}) IS NOT DISTINCT FROM ROW(${WATCHED.split(', ').map((col) => `NEW.${col}`).join(', ')})`;
      await queryRunner.query(`CREATE FUNCTION amends_queue_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${keep([rowsOf('NEW', 1)])};
          ELSIF TG_OP = 'DELETE' THEN ${keep([rowsOf('OLD', -1)])};
          ELSIF NOT (${same}) THEN ${keep([rowsOf('OLD', -1), rowsOf('NEW', 1)])};
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER queue_counts_keep AFTER INSERT OR DELETE OR UPDATE OF ${WATCHED} ON tickets FOR EACH ROW EXECUTE FUNCTION amends_queue_counts_keep()`);
      return;
    }
    const changed = WATCHED.split(', ').map((col) => `OLD.${col} IS NOT NEW.${col}`).join(' OR ');
    await queryRunner.query(`CREATE TRIGGER queue_counts_insert AFTER INSERT ON tickets BEGIN ${keep([rowsOf('NEW', 1)])}; END`);
    await queryRunner.query(`CREATE TRIGGER queue_counts_update AFTER UPDATE OF ${WATCHED} ON tickets WHEN ${changed} BEGIN ${keep([rowsOf('OLD', -1), rowsOf('NEW', 1)])}; END`);
    await queryRunner.query(`CREATE TRIGGER queue_counts_delete AFTER DELETE ON tickets BEGIN ${keep([rowsOf('OLD', -1)])}; END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`DROP TRIGGER queue_counts_keep ON tickets`);
      await queryRunner.query(`DROP FUNCTION amends_queue_counts_keep()`);
    } else {
      for (const op of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER queue_counts_${op}`);
    }
    await queryRunner.dropTable('queue_counts');
  }
}
