import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test file: a SQLite file in a temp folder, or, with
 * AMENDS_TEST_DB=postgres, a new database on the server TEST_DATABASE_URL points to.
 * The PostgreSQL suite fails, never skips, when that server is missing.
 */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.AMENDS_TEST_DB === 'postgres') return createPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'amends-e2e-'));
  return { env: { SQLITE_PATH: join(dir, 'amends.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new database on the server TEST_DATABASE_URL points to; an error (never a skip) without one. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('AMENDS_TEST_DB=postgres needs TEST_DATABASE_URL (a server where we may CREATE DATABASE)');
  const name = `amends_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
