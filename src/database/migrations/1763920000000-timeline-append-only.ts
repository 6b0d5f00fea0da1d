import type { MigrationInterface, QueryRunner } from 'typeorm';

/** History is never edited: the database itself refuses UPDATE and DELETE on timeline events. */
export class TimelineAppendOnly1763920000000 implements MigrationInterface {
  name = 'TimelineAppendOnly1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION amends_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
      await queryRunner.query(`CREATE TRIGGER timeline_events_append_only BEFORE UPDATE OR DELETE ON timeline_events FOR EACH ROW EXECUTE FUNCTION amends_append_only()`);
      return;
    }
    for (const op of ['UPDATE', 'DELETE']) {
      await queryRunner.query(`CREATE TRIGGER timeline_events_no_${op.toLowerCase()} BEFORE ${op} ON timeline_events
        BEGIN SELECT RAISE(ABORT, 'timeline_events is append-only'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`DROP TRIGGER timeline_events_append_only ON timeline_events`);
      await queryRunner.query(`DROP FUNCTION amends_append_only()`);
      return;
    }
    await queryRunner.query(`DROP TRIGGER timeline_events_no_update`);
    await queryRunner.query(`DROP TRIGGER timeline_events_no_delete`);
  }
}
