import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from '../app.factory.js';
import { openApiDocument } from '../common/openapi/openapi-document.js';
import { loadConfig } from '../config/app-config.js';
import { runCommand } from './run-command.js';

/**
 * `npm run lint:openapi` (first half): writes the API's OpenAPI document to the file named
 * (default test-output/openapi.json), from the app created on a throwaway SQLite database,
 * never listening. Redocly lints the file afterwards.
 */
await runCommand('openapi', async () => {
  const out = process.argv[2] ?? 'test-output/openapi.json';
  const dir = mkdtempSync(join(tmpdir(), 'amends-openapi-'));
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent', SCHEDULER: 'false', SEED_DEMO: 'false', SQLITE_PATH: join(dir, 'amends.sqlite') });
    const app = await createApp(config, { seed: false });
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `wrote ${out}`;
});
