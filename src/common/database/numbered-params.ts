import type { DataSource, EntityManager } from 'typeorm';

/**
 * A statement written with PostgreSQL's numbered parameters ($1, $2 …), for the data source's
 * database: SQLite spells the same numbered parameters ?1, ?2 …, so a parameter may be used
 * twice on both.
 */
export function numbered(db: DataSource | EntityManager, sql: string): string {
  const options = 'connection' in db ? db.connection.options : db.options;
  return options.type === 'sqlite' ? sql.replace(/\$(\d+)/g, '?$1') : sql;
}
