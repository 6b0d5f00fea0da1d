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
