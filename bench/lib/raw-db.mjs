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
 * The queue's first page for a text search, by hand through the full-text index (FTS5 on
 * SQLite, the tsvector on PostgreSQL): every word a prefix term, all required.
 */
export function rawSearch(raw, q) {
  const words = q.split(/\s+/).filter(Boolean);
  const page = `AND t."nextDueAt" IS NOT NULL ORDER BY t."nextDueAt", t.id LIMIT 51`;
  return raw.kind === 'postgres'
    ? raw.all(`SELECT t.* FROM tickets t WHERE t.id = ANY(ARRAY(SELECT "ticketId" FROM ticket_search WHERE document @@ to_tsquery('simple', amends_search_fold(?)))) ${page}`, [words.map((w) => `'${w}':*`).join(' & ')])
    : raw.all(`SELECT t.* FROM tickets t WHERE t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH ?) ${page}`, [words.map((w) => `"${w}"*`).join(' AND ')]);
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
