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

/** Rows that changed the same columns, and those columns: one UPDATE's worth. */
export interface ChangeShape<T> {
  columns: (keyof T & string)[];
  rows: T[];
}

/**
 * Rows brought from `before` to `after`, grouped by which of `columns` each changed, with
 * `always` added to every group; a row that changed none of them and has no `always` is left
 * out. For writing a batch with one multi-row UPDATE per group instead of one that sets every
 * column of every row: SQLite moves a row's entry in every index that holds a column in SET,
 * its value changed or not. `always` is for columns no index or trigger holds, which cost
 * nothing unchanged and keep the groups few.
 */
export function byChangedColumns<T extends object>(rows: { before: T; after: T }[], columns: (keyof T & string)[], always: (keyof T & string)[] = []): ChangeShape<T>[] {
  const shapes = new Map<string, ChangeShape<T>>();
  for (const { before, after } of rows) {
    const changed = columns.filter((c) => !sameValue(before[c], after[c]));
    const set = [...always, ...changed];
    if (!set.length) continue;
    const key = changed.join(',');
    const shape = shapes.get(key);
    if (shape) shape.rows.push(after);
    else shapes.set(key, { columns: set, rows: [after] });
  }
  return [...shapes.values()];
}
