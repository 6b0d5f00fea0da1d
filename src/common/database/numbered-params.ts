import type { DataSource } from 'typeorm';

/**
 * A statement written with PostgreSQL's numbered parameters ($1, $2 …), for the data source's
 * database: SQLite spells the same numbered parameters ?1, ?2 …, so a parameter may be used
 * twice on both.
 */
export function numbered(dataSource: DataSource, sql: string): string {
  return dataSource.options.type === 'sqlite' ? sql.replace(/\$(\d+)/g, '?$1') : sql;
}
