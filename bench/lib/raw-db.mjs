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
