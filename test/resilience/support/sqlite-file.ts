import sqlite3 from 'sqlite3';

/** Our own connection to the app's SQLite file, for checks while the app is down (or beside it: WAL). */
export class SqliteFile {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string): Promise<SqliteFile> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, (e) => (e ? reject(e) : resolve(new SqliteFile(db))));
    });
  }

  all<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((e) => (e ? reject(e) : resolve())));
  }
}

/** `PRAGMA integrity_check` on a file nobody else has open: 'ok' or the problems it lists. */
export async function integrityCheck(path: string): Promise<string> {
  const db = await SqliteFile.open(path);
  try {
    const rows = await db.all<{ integrity_check: string }>('PRAGMA integrity_check');
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    await db.close();
  }
}
