import { createApp } from '../app.factory.js';
import { seedDemoIfEmpty } from '../database/seeds/demo.seed.js';
import { runCommand } from './run-command.js';

/** `npm run seed:demo`: migrates, then adds the demo unless it is already there. */
await runCommand('seed:demo', async (config) => {
  // No scheduled jobs in the command: nothing is mailed while the story replays past weeks.
  const app = await createApp({ ...config, scheduler: false }, { seed: false });
  try {
    const story = config.demoStory.enabled ? config.demoStory.seed : null;
    return (await seedDemoIfEmpty(app, { story })) ? `demo data created${story === null ? '' : ' (with the 12-week story)'}` : 'demo data already present';
  } finally {
    await app.close();
  }
});
