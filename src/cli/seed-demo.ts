import { createApp } from '../app.factory.js';
import { seedDemoIfEmpty } from '../database/seeds/demo.seed.js';
import { runCommand } from './run-command.js';

/** `npm run seed:demo`: migrates, then adds the demo unless it is already there. */
await runCommand('seed:demo', async (config) => {
  const app = await createApp(config, { seed: false });
  try {
    return (await seedDemoIfEmpty(app)) ? 'demo data created' : 'demo data already present';
  } finally {
    await app.close();
  }
});
