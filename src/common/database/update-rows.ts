import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One UPDATE for many rows, each with its own values, by primary key `id`:
 * `SET "col" = CASE "id" WHEN ? THEN ? … ELSE "col" END WHERE "id" IN (…)`.
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
