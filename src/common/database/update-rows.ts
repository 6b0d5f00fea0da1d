import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One UPDATE for many rows, each with its own values, by primary key `id`. On PostgreSQL
 * `SET "col" = CASE "id" WHEN ? THEN ? … ELSE "col" END WHERE "id" IN (…)`; on SQLite a join
 * with the rows' values (see updateFromValues).
 * Values go through the columns' transformers and driver conversions, as `m.update`'s do.
 * The ELSE gives every CASE its column's type, so PostgreSQL types the parameters by it.
 */
export async function updateRows<T extends ObjectLiteral & { id: string }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  rows: (Pick<T, 'id'> & Partial<T>)[],
  columns: (keyof T & string)[],
): Promise<number> {
  if (!rows.length) return 0;
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  if (m.connection.options.type === 'sqlite') return updateFromValues(m, meta, rows, columns);
  const params: Record<string, unknown> = {};
  const ids = rows.map((r, i) => ((params[`id${i}`] = r.id), `:id${i}`));
  const set: Record<string, () => string> = {};
  for (const [c, name] of columns.entries()) {
    const column = meta.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${meta.name} has no column ${name}`);
    const q = driver.escape(column.databaseName);
    const whens = rows.map((r, i) => {
      params[`v${c}_${i}`] = driver.preparePersistentValue(r[name], column);
      return `WHEN :id${i} THEN :v${c}_${i}`;
    });
    set[name] = () => `CASE ${driver.escape('id')} ${whens.join(' ')} ELSE ${q} END`;
  }
  const result = await m
    .createQueryBuilder()
    .update(entity)
    .set(set as never)
    .where(`${driver.escape('id')} IN (${ids.join(', ')})`)
    .setParameters(params)
    .updateEntity(false)
    .execute();
  return result.affected ?? rows.length;
}

/**
 * SQLite: `UPDATE t SET "col" = v.column2 … FROM (VALUES (?, ?, …), …) AS v WHERE t."id" = v.column1`.
 * Each row is found by its key once; the CASE form compares every row's key with every
 * other's for each column, a cost that grows with the square of the batch.
 */
async function updateFromValues<T extends ObjectLiteral & { id: string }>(
  m: EntityManager,
  meta: EntityMetadata,
  rows: (Pick<T, 'id'> & Partial<T>)[],
  columns: (keyof T & string)[],
): Promise<number> {
  const driver = m.connection.driver;
  const metas = columns.map((name) => {
    const column = meta.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${meta.name} has no column ${name}`);
    return column;
  });
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    params.push(r.id);
    for (const column of metas) params.push(driver.preparePersistentValue(r[column.propertyName as keyof T], column) ?? null);
    return `(${new Array(metas.length + 1).fill('?').join(', ')})`;
  });
  const table = driver.escape(meta.tableName);
  const set = metas.map((column, c) => `${driver.escape(column.databaseName)} = v.column${c + 2}`).join(', ');
  await m.query(`UPDATE ${table} SET ${set} FROM (VALUES ${tuples.join(', ')}) AS v WHERE ${table}.${driver.escape('id')} = v.column1`, params);
  return rows.length;
}
