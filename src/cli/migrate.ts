import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runCommand } from './run-command.js';

/** `npm run migrate`: applies every pending migration, each in its own transaction. */
await runCommand('migrate', async (config) => {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'the schema is up to date';
  } finally {
    await dataSource.destroy();
  }
});
