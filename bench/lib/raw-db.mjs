/**
 * A plain connection from the bench process to the bench database, for the hand-written
 * baselines: sqlite3 on the same file (WAL lets it read beside the server) or pg.
 */
import pg from 'pg';
import sqlite3 from 'sqlite3';

export async function openRaw(db) {
  if (db.kind === 'postgres') {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let n = 0;
    const numbered = (sql) => sql.replace(/\?/g, () => `$${++n}`);
    return {
      kind: 'postgres',
      ts: (date) => date,
      all: async (sql, params = []) => { n = 0; return (await client.query(numbered(sql), params)).rows; },
      close: () => client.end(),
    };
  }
  const conn = new sqlite3.Database(db.path);
  const all = (sql, params = []) => new Promise((res, rej) => conn.all(sql, params, (e, rows) => (e ? rej(e) : res(rows))));
  await all('PRAGMA busy_timeout = 5000');
  return {
    kind: 'sqlite',
    // TypeORM's SQLite format: UTC, 'YYYY-MM-DD HH:MM:SS.SSS'.
    ts: (date) => date.toISOString().replace('T', ' ').replace('Z', ''),
    all,
    close: () => new Promise((res) => conn.close(res)),
  };
}

/** The queue's first page by hand: 51 tickets with their customers' names, then their timers. */
export async function rawQueuePage(raw, filters) {
  const where = Object.keys(filters).map((k) => ` AND t."${k}" = ?`).join('');
  const tickets = await raw.all(
    `SELECT t.*, c.name AS "customerName" FROM tickets t JOIN customers c ON c.id = t."customerId"
     WHERE t."nextDueAt" IS NOT NULL${where} ORDER BY t."nextDueAt", t.id LIMIT 51`,
    Object.values(filters),
  );
  const ids = tickets.slice(0, 50).map((t) => t.id);
  const timers = ids.length ? await raw.all(`SELECT * FROM sla_timers WHERE "ticketId" IN (${ids.map(() => '?').join(',')})`, ids) : [];
  return { tickets, timers };
}

/** Every timer the sweep would look at now, by hand. */
export function rawDueTimers(raw, now) {
  return raw.all('SELECT * FROM sla_timers WHERE "nextCheckAt" IS NOT NULL AND "nextCheckAt" <= ? ORDER BY "nextCheckAt"', [raw.ts(now)]);
}

/**
 * The queue's first page for a text search, by hand, the way the app reads it: first how
 * many tickets match (counted up to `walkAbove` + 1, as QUEUE_SEARCH_WALK_ABOVE; estimated
 * from a sample on PostgreSQL); a few are
 * read from the full-text index (FTS5 on SQLite, the tsvector on PostgreSQL) and sorted, many
 * by walking the queue in its order and checking each ticket in the matches. Then, as the
 * queue's page by hand, the customers' names and the page's timers. Every word is a prefix
 * term, all required.
 */
export async function rawSearch(raw, q, walkAbove = 5000) {
  const words = q.split(/\s+/).filter(Boolean);
  const pgQuery = words.map((w) => `'${w}':*`).join(' & ');
  const ftsQuery = words.map((w) => `"${w}"*`).join(' AND ');
  // PostgreSQL: GIN can't stop counting early, so the app estimates from the first 1,000
  // documents (scaled to the tickets), and walks in one process (no parallel workers).
  const [{ n }] = raw.kind === 'postgres'
    ? await raw.all(`SELECT CASE WHEN sampled < 1000 THEN hits ELSE hits * total / sampled END AS n FROM (SELECT
        (SELECT COUNT(*) FROM (SELECT s.document FROM ticket_search s LIMIT 1000) x WHERE x.document @@ to_tsquery('simple', amends_search_fold(?))) AS hits,
        (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_search LIMIT 1000) x) AS sampled, (SELECT SUM(n) FROM queue_counts WHERE scope = '*' AND "assigneeId" = '*') AS total) e`, [pgQuery])
    : await raw.all('SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?)', [ftsQuery, walkAbove + 1]);
  const walk = Number(n) > walkAbove;
  const serial = raw.kind === 'postgres' && walk;
  if (serial) { await raw.all('BEGIN'); await raw.all('SET LOCAL max_parallel_workers_per_gather = 0'); }
  const matches = raw.kind === 'postgres'
    ? walk
      ? `EXISTS (SELECT 1 FROM ticket_search s WHERE s."ticketId" = t.id AND s.document @@ to_tsquery('simple', amends_search_fold(?)))`
      : `t.id = ANY(ARRAY(SELECT s."ticketId" FROM ticket_search s WHERE s.document @@ to_tsquery('simple', amends_search_fold(?))))`
    : walk
      ? `EXISTS (SELECT 1 FROM ticket_search_keys k WHERE k."ticketId" = t.id AND k."key" IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?))`
      : `t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH ?)`;
  const tickets = await raw.all(
    `SELECT t.*, c.name AS "customerName" FROM tickets t JOIN customers c ON c.id = t."customerId"
     WHERE t."nextDueAt" IS NOT NULL AND ${matches} ORDER BY t."nextDueAt", t.id LIMIT 51`,
    [raw.kind === 'postgres' ? pgQuery : ftsQuery],
  );
  if (serial) await raw.all('COMMIT');
  const ids = tickets.slice(0, 50).map((t) => t.id);
  const timers = ids.length ? await raw.all(`SELECT * FROM sla_timers WHERE "ticketId" IN (${ids.map(() => '?').join(',')})`, ids) : [];
  return { tickets, timers };
}

/** Makes `count` open timers that have not warned yet due a minute ago (a fresh sweep of `count`); how many. */
export async function makeTimersDue(raw, now, count) {
  const ts = raw.ts(new Date(now.getTime() - 60_000));
  const ids = (await raw.all('SELECT id FROM sla_timers WHERE "nextCheckAt" IS NOT NULL AND "warnedAt" IS NULL AND "metAt" IS NULL ORDER BY "ticketId" LIMIT ?', [count])).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await raw.all(`UPDATE sla_timers SET "nextCheckAt" = ?, "warnAt" = ? WHERE id IN (${chunk.map(() => '?').join(',')})`, [ts, ts, ...chunk]);
  }
  return ids.length;
}
