import type { DataSource } from 'typeorm';

/**
 * The schema's foreign keys and indexes as the database itself reports them, for the test
 * that keeps every foreign key indexed. Without an index on the referencing columns, every
 * delete of a parent row, or change of its key, reads the whole child table (SQLite does
 * so for each row touched while foreign keys are on). Not used while serving.
 */
export interface ForeignKey {
  table: string;
  columns: string[];
  references: string;
}

export interface IndexColumns {
  table: string;
  name: string;
  columns: string[];
}

/** The foreign keys no index can serve: none whose leading columns are exactly the key's (in any order). */
export function unindexedForeignKeys(keys: ForeignKey[], indexes: IndexColumns[]): ForeignKey[] {
  return keys.filter((fk) => {
    const wanted = new Set(fk.columns);
    return !indexes.some((ix) => {
      if (ix.table !== fk.table || ix.columns.length < wanted.size) return false;
      const leading = ix.columns.slice(0, wanted.size);
      return new Set(leading).size === wanted.size && leading.every((c) => wanted.has(c));
    });
  });
}

/** Every foreign key of the schema (the current one on PostgreSQL). */
export async function foreignKeys(ds: DataSource): Promise<ForeignKey[]> {
  if (ds.options.type === 'postgres') {
    const rows: { table: string; columns: string[]; references: string }[] = await ds.query(`
      SELECT t.relname AS "table", r.relname AS "references",
        array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_class r ON r.oid = c.confrelid
      JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = current_schema()`);
    return rows.map((r) => ({ table: r.table, columns: r.columns, references: r.references }));
  }
  const rows: { tbl: string; id: number; seq: number; references: string; from: string }[] = await ds.query(`
    SELECT m.name AS tbl, f.id, f.seq, f."table" AS "references", f."from"
    FROM sqlite_master m, pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`);
  const keys = new Map<string, ForeignKey>();
  for (const r of rows) {
    const k = `${r.tbl}#${r.id}`;
    if (!keys.has(k)) keys.set(k, { table: r.tbl, columns: [], references: r.references });
    keys.get(k)!.columns.push(r.from);
  }
  return [...keys.values()];
}

/**
 * Every index usable for any row (partial ones are left out: they cannot find every child
 * row), the primary keys included, with their columns in order.
 */
export async function indexColumns(ds: DataSource): Promise<IndexColumns[]> {
  if (ds.options.type === 'postgres') {
    return ds.query(`
      SELECT t.relname AS "table", ic.relname AS name,
        array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = current_schema() AND i.indpred IS NULL`);
  }
  const rows: { tbl: string; name: string; seqno: number; col: string | null }[] = await ds.query(`
    SELECT m.name AS tbl, l.name, i.seqno, i.name AS col
    FROM sqlite_master m, pragma_index_list(m.name) l, pragma_index_info(l.name) i
    WHERE m.type = 'table' AND l.partial = 0 ORDER BY m.name, l.name, i.seqno`);
  const byName = new Map<string, IndexColumns>();
  for (const r of rows) {
    if (!byName.has(r.name)) byName.set(r.name, { table: r.tbl, name: r.name, columns: [] });
    byName.get(r.name)!.columns.push(r.col ?? '');
  }
  // An INTEGER PRIMARY KEY is the rowid itself and has no index of its own to list.
  const rowids: { tbl: string; col: string }[] = await ds.query(`
    SELECT m.name AS tbl, c.name AS col FROM sqlite_master m, pragma_table_info(m.name) c
    WHERE m.type = 'table' AND c.pk = 1 AND upper(c.type) = 'INTEGER'
      AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) c2 WHERE c2.pk = 2)`);
  return [...byName.values(), ...rowids.map((r) => ({ table: r.tbl, name: `${r.tbl} rowid`, columns: [r.col] }))];
}
