import type { DataSource, Logger } from 'typeorm';

/**
 * Reading the plans of the statements a piece of work really runs — for the bench and
 * the tests that keep the hot paths on their indexes. Not used while serving.
 */
/** The tables that grow with the business; reading one of them whole is what a hot path must never do. */
export const GROWING_TABLES = ['tickets', 'sla_timers', 'timeline_events', 'customers', 'vehicles', 'sessions', 'escalations', 'notifications', 'compensations', 'tracking_links', 'survey_responses', 'survey_answers', 'idempotency_keys', 'user_events'];

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** Every statement run on `dataSource` while `work` runs (other callers' too: run it alone). */
export async function captureQueries(dataSource: DataSource, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const queries: CapturedQuery[] = [];
  const original = dataSource.logger;
  const recorder: Logger = {
    logQuery: (sql, params) => void queries.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  // TypeORM hands every statement to the data source's logger; swap it for the duration.
  Object.defineProperty(dataSource, 'logger', { value: recorder, configurable: true, writable: true });
  try {
    await work();
  } finally {
    Object.defineProperty(dataSource, 'logger', { value: original, configurable: true, writable: true });
  }
  return queries;
}

/** The plan of a read, one line per step: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL. */
export async function explain(dataSource: DataSource, query: CapturedQuery): Promise<string[]> {
  if (dataSource.options.type === 'sqlite') {
    const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${query.sql}`, query.params);
    return rows.map((r) => r.detail);
  }
  // PostgreSQL picks by statistics, and a small table is read whole whatever its indexes;
  // with sequential scans priced out the plan shows whether an index exists to use.
  return dataSource.transaction(async (m) => {
    await m.query('SET LOCAL enable_seqscan = off');
    const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${query.sql}`, query.params);
    return rows.map((r) => r['QUERY PLAN']);
  });
}

/**
 * The steps of a plan that read a whole table (an index walked in order, which a LIMIT stops,
 * is not one; nor a walk over rows the statement itself materialized, such as its own VALUES list).
 */
export function fullScans(plan: string[]): string[] {
  // Rows the statement produces itself: a materialized subquery, or one run as a co-routine (the full ticket's related tickets, LIMIT 10).
  const materialized = new Set(plan.flatMap((step) => /^[|`\s-]*(?:MATERIALIZE|CO-ROUTINE) (\S+)$/.exec(step.trim())?.[1] ?? []));
  return plan.filter((step) => {
    const scan = /^SCAN (\S+)( AS \S+)?$/.exec(step.trim());
    return (scan && !materialized.has(scan[1])) || /Seq Scan on/.test(step);
  });
}

/** Whether a statement reads one of `tables` (by its quoted or bare name after FROM or JOIN). */
export const reads = (query: CapturedQuery, tables: string[]) => new RegExp(`\\b(FROM|JOIN)\\s+"?(${tables.join('|')})"?\\b`, 'i').test(query.sql);

/** Reads only: the statements worth a plan (not BEGIN, SAVEPOINT, INSERT …). */
export const isRead = (q: CapturedQuery) => /^\s*(SELECT|WITH)\b/i.test(q.sql);

/** Statements a plan can be asked for: reads, and the writes that find their rows (not BEGIN, SAVEPOINT, PRAGMA …). */
export const isPlannable = (q: CapturedQuery) => /^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(q.sql);

/** Whether a statement reads or writes one of `tables`. */
export const touches = (query: CapturedQuery, tables: string[]) => new RegExp(`\\b(FROM|JOIN|UPDATE|INTO)\\s+"?(${tables.join('|')})"?(?=[\\s(]|$)`, 'i').test(query.sql);

/** The primary key columns of every mapped table, by table. */
export function primaryKeys(dataSource: DataSource): Record<string, string[]> {
  return Object.fromEntries(dataSource.entityMetadatas.map((m) => [m.tableName, m.primaryColumns.map((c) => c.databaseName)]));
}

/** The table an UPDATE writes and the columns its SET assigns, in order; null for any other statement. */
export function updateTarget(sql: string): { table: string; columns: string[] } | null {
  const head = /^\s*UPDATE\s+(?:ONLY\s+)?"?(\w+)"?(?:\s+(?:AS\s+)?"?(?!SET\b)\w+"?)?\s+SET\s+/i.exec(sql);
  if (!head) return null;
  // The assignments up to the WHERE, FROM or RETURNING of this statement: commas and
  // keywords inside brackets or quotes belong to an expression, not to the list.
  const assignments: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  const rest = sql.slice(head[0].length);
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && ch === ',') {
      assignments.push(current);
      current = '';
      continue;
    } else if (depth === 0 && /\s/.test(ch) && /^\s+(WHERE|FROM|RETURNING)\b/i.test(rest.slice(i))) break;
    current += ch;
  }
  assignments.push(current);
  const columns = assignments.map((a) => /^\s*(?:"?\w+"?\.)?"?(\w+)"?\s*=/.exec(a)?.[1] ?? a.trim());
  return { table: head[1], columns };
}

/** The key columns an UPDATE assigns: with foreign keys on, SQLite then looks for child rows of the old key in every referencing table. */
export function keysInSet(query: CapturedQuery, keys: Record<string, string[]>): string[] {
  const target = updateTarget(query.sql);
  if (!target) return [];
  const key = keys[target.table] ?? [];
  return target.columns.filter((c) => key.includes(c));
}
