import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * INSERT without reading the rows back. `m.insert` re-selects every row's generated and
 * defaulted columns afterwards; on the hot paths the caller has built every value it
 * needs (ids included), so that read is one wasted statement per insert.
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[]): Promise<void> {
  await m.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}

/** Bound parameters per statement at most: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * Many plain rows in as few INSERTs as the parameter limit allows, the SQL written directly
 * from the entity's columns. The query builder spends most of a large batch's CPU building
 * each value's expression (the sweep's thousands of events, mails and escalations); here each
 * value only goes through its column's transformer and driver conversion, as the builder's do.
 * Rows must all set the same columns, each a column of the entity, none undefined; anything
 * else (a default to fill, a relation) takes `insertRows`. Columns a row leaves out entirely
 * (an increment key) get their database default.
 */
export async function insertPlainRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  if (!rows.length) return;
  const plan = plainInsert(m, entity, rows);
  if (!plan) return insertRows(m, entity, rows as QueryDeepPartialEntity<T>[]);
  const driver = m.connection.driver;
  const sqlite = m.connection.options.type !== 'postgres';
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / plan.columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = plan.columns.map((column) => {
        params.push(driver.preparePersistentValue(row[column.propertyName as keyof T], column) ?? null);
        return sqlite ? '?' : `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await m.query(`INSERT INTO ${plan.table} (${plan.names}) VALUES ${tuples.join(', ')}`, params);
  }
}

function plainInsert<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]) {
  const meta = m.connection.getMetadata(entity);
  if (meta.beforeInsertListeners.length || meta.afterInsertListeners.length || meta.createDateColumn || meta.updateDateColumn || meta.versionColumn) return null;
  const keys = Object.keys(rows[0]);
  const columns = keys.map((key) => meta.columns.find((c) => c.propertyPath === key && !c.relationMetadata && !c.embeddedMetadata && c.isInsert));
  if (columns.some((c) => !c)) return null;
  for (const row of rows) {
    const own = Object.keys(row);
    if (own.length !== keys.length || keys.some((k) => row[k as keyof T] === undefined)) return null;
  }
  const driver = m.connection.driver;
  const table = meta.schema ? `${driver.escape(meta.schema)}.${driver.escape(meta.tableName)}` : driver.escape(meta.tableName);
  return { table, columns: columns as NonNullable<(typeof columns)[number]>[], names: columns.map((c) => driver.escape(c!.databaseName)).join(', ') };
}
