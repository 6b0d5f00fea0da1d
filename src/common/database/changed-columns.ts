import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * The fields of `next` whose values differ from `current`'s, never the key: what an UPDATE
 * should SET. A key in SET, even unchanged, makes SQLite (with foreign keys on) look for
 * rows of the old key in every table that references it; other columns cost only themselves.
 */
export function changedColumns<T extends object>(current: T, next: Partial<T>, key: readonly (keyof T)[] = ['id' as keyof T]): Partial<T> {
  const changed: Partial<T> = {};
  for (const name of Object.keys(next) as (keyof T)[]) {
    if (key.includes(name) || next[name] === undefined) continue;
    if (!sameValue(current[name], next[name])) changed[name] = next[name];
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

/** A known row (`current`, as read) brought up to `next` by its id: SET holds the changed columns only; nothing changed, no statement. */
export async function updateChanged<T extends ObjectLiteral & { id: string }>(m: EntityManager, entity: EntityTarget<T>, current: T, next: T): Promise<void> {
  const patch = changedColumns(current, next);
  if (Object.keys(patch).length) await m.update(entity, { id: current.id } as FindOptionsWhere<T>, patch as QueryDeepPartialEntity<T>);
}
