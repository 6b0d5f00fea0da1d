import type { DataSource, Logger } from 'typeorm';

/**
 * Reading the plans of the statements a piece of work really runs — for the bench and
 * the tests that keep the hot paths on their indexes. Not used while serving.
 */
/** The tables that grow with the business; reading one of them whole is what a hot path must never do. */
export const GROWING_TABLES = ['tickets', 'sla_timers', 'timeline_events', 'customers', 'vehicles', 'sessions', 'escalations', 'notifications', 'compensations', 'tracking_links', 'survey_responses', 'survey_answers'];

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

/** The steps of a plan that read a whole table (an index walked in order, which a LIMIT stops, is not one). */
export function fullScans(plan: string[]): string[] {
  return plan.filter((step) => /^SCAN \S+( AS \S+)?$/.test(step.trim()) || /Seq Scan on/.test(step));
}

/** Whether a statement reads one of `tables` (by its quoted or bare name after FROM or JOIN). */
export const reads = (query: CapturedQuery, tables: string[]) => new RegExp(`\\b(FROM|JOIN)\\s+"?(${tables.join('|')})"?\\b`, 'i').test(query.sql);

/** Reads only: the statements worth a plan (not BEGIN, SAVEPOINT, INSERT …). */
export const isRead = (q: CapturedQuery) => /^\s*(SELECT|WITH)\b/i.test(q.sql);
