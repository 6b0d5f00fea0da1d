import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The load driver (`npm run test:load`, ten minutes) for one minute, so CI keeps it working:
 * 50 connections of mixed traffic with the sweep running, no errors. One minute is too
 * short to judge a memory trend (the garbage collector's saw-tooth is ±50 MB; the ten-minute
 * run holds the slope to 5 MB/min), so here only a blow-up fails: RSS above 600 MB.
 */
describe('a minute of mixed load at 50 connections', () => {
  it('answers every request without error and keeps its memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amends-load-spec-'));
    const out = join(dir, 'summary.json');
    try {
      const child = spawn(process.execPath, ['test/resilience/load.mjs', '--minutes', '1', '--connections', '50', '--sample-seconds', '2', '--max-slope', '100000', '--json', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (b) => (log += b));
      child.stderr.on('data', (b) => (log += b));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      const summary = JSON.parse(readFileSync(out, 'utf8'));
      console.log(`load figures: ${JSON.stringify({ ...summary, perKind: undefined, errorSamples: undefined, rssSeries: undefined })}`);
      expect(summary.errorSamples, log).toEqual([]);
      expect(summary.errors).toBe(0);
      expect(summary.appAlive).toBe(true);
      // Every kind of traffic ran, and the server kept up (a few hundred requests at the very least).
      expect(Object.keys(summary.perKind).sort()).toEqual(['intake', 'queue', 'stage', 'ticket', 'track-api', 'track-page']);
      expect(summary.requests).toBeGreaterThan(500);
      expect(summary.rss.maxMb).toBeLessThan(600);
      expect(code, log).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
