import type { AppConfig } from '../../config/app-config.js';
import { DEMO_PASSWORD } from '../../database/seeds/demo-data.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Whether a log level lets info lines through (the start-up line is one). */
export function showsInfo(level: string): boolean {
  const at = LEVELS.indexOf(level);
  return at >= 0 && at <= LEVELS.indexOf('info');
}

/** The one line printed at start: where the app answers, and how to sign in to the demo when there is one. */
export function startupLine(config: Pick<AppConfig, 'publicUrl' | 'seedDemo' | 'webConcurrency'> & { database: { kind: string } }, threadPool: string): string {
  const workers = config.webConcurrency > 1 ? `, workers: ${config.webConcurrency}` : '';
  const demo = config.seedDemo ? ` · demo sign-in: admin@demo.test / ${DEMO_PASSWORD}` : '';
  return `Amends is listening on ${config.publicUrl} (database: ${config.database.kind}${workers}, thread pool: ${threadPool})${demo}`;
}
