import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column shapes shared by migrations, so each reads as the schema it makes on both databases. */
export function columnsFor(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
    str: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    bool: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'boolean', isNullable: nullable }),
    money: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'decimal', precision: 14, scale: 2, isNullable: nullable }),
    /** A point in time: timestamptz on PostgreSQL, a UTC datetime string on SQLite. */
    at: (name: string, nullable = false): TableColumnOptions => ({ name, type: postgres ? 'timestamptz' : 'datetime', isNullable: nullable }),
  };
}
