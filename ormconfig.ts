import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

/** The one DataSource for the TypeORM CLI: `typeorm migration:run -d dist/ormconfig.js`. */
export default new DataSource(dataSourceOptions(loadConfig()));
