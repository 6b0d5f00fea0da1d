import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { keepPreparedStatements, limitInFlight, READER_IN_FLIGHT, SQLITE_CONNECTION_PRAGMAS } from './sqlite-connections.js';

/** One description of the database for the app, the commands and the TypeORM CLI. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsTransactionMode: 'each' as const };
  if (config.database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: config.database.url, extra: { max: 10 } };
  }
  const path = config.database.path;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'sqlite',
    database: path,
    // TypeORM switches sqlite3 to verbose mode, which records a stack trace on every call
    // (several per cent of a request); errors still name the failing statement.
    driver: { ...sqlite3, verbose: () => sqlite3 },
    enableWAL: true,
    // Every worker process's writer waits for the others' under this (BEGIN IMMEDIATE); generous, so a busy moment is a wait, never SQLITE_BUSY.
    busyTimeout: 30_000,
  };
}

/** Settings the driver options cannot carry, on the driver's own connection (the writer sets the same on its own). */
export async function tuneDatabase(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'sqlite') return;
  limitInFlight(keepPreparedStatements((dataSource.driver as unknown as { databaseConnection: object }).databaseConnection), READER_IN_FLIGHT);
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await dataSource.query(pragma);
}
