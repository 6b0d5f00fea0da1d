import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { appEnv, freePort, startAppProcess, type AppProcess } from './support/app-process.js';

/**
 * SIGTERM while clients keep their connections busy: the app finishes what it is answering,
 * closes those connections and exits, rather than serving them for ever (a deploy or a
 * process manager waits on it). Found by the load test.
 */
describe('SIGTERM under keep-alive traffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amends-shutdown-'));
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits within seconds, with no error answer to the requests it took', async () => {
    // Two workers: the signal goes to the primary, which must stop them and exit (npm start's default is one per core).
    app = await startAppProcess(appEnv(await freePort(), { SQLITE_PATH: join(dir, 'amends.sqlite'), WEB_CONCURRENCY: '2' }));
    const admin = await Client.login(app.baseUrl, 'admin@demo.test');
    let stop = false;
    const answers: number[] = [];
    let refused = 0;
    const loops = Array.from({ length: 20 }, async () => {
      while (!stop) {
        try {
          answers.push((await admin.get('/api/tickets?limit=20')).status);
        } catch {
          refused++; // no longer listening: the client goes elsewhere
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const sent = performance.now();
    await Promise.race([app.kill('SIGTERM'), new Promise((r) => setTimeout(r, 15_000))]);
    const exitMs = performance.now() - sent;
    stop = true;
    await Promise.all(loops);
    console.log(`shutdown figures: ${JSON.stringify({ exitMs: Math.round(exitMs), answered: answers.length, refused })}`);
    expect(exitMs, 'SIGTERM to exit under traffic').toBeLessThan(10_000);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((s) => s !== 200)).toEqual([]);
  });
});
