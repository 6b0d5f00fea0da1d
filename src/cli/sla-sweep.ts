import { Clock } from '../common/clock/clock.js';
import { createApp } from '../app.factory.js';
import { SlaSweepService } from '../modules/escalation/sla-sweep.service.js';
import { runCommand } from './run-command.js';

/** `npm run sla:sweep`: one sweep now, then exit. Safe beside running apps and other sweeps. */
await runCommand('sla:sweep', async (config) => {
  const app = await createApp({ ...config, scheduler: false }, { seed: false });
  try {
    const result = await app.get(SlaSweepService).sweep(app.get(Clock).now());
    return JSON.stringify(result);
  } finally {
    await app.close();
  }
});
