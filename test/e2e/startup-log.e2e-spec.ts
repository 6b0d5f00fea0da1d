import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** pino's numeric levels. */
const INFO = 30;
const DEBUG = 20;

describe('start-up log', () => {
  let app: TestApp;
  const lines: { level: number; context?: string; msg?: string }[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    // A slow write transaction is a warning worth printing, but whether seeding has one depends
    // on how loaded the machine is: it is not what this file is about (writer-holds.e2e-spec.ts is).
    app = await startTestApp({ LOG_LEVEL: 'debug', WRITER_HOLD_WARN_MS: '600000' }, { logStream: stream });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("keeps Nest's module and route lines at debug, so a start at info prints none of them", () => {
    const atStart = [...lines];
    // Nest logged them all (about a hundred), at debug.
    const routes = atStart.filter((l) => l.context === 'RouterExplorer');
    expect(routes.length).toBeGreaterThan(50);
    expect(new Set(routes.map((l) => l.level))).toEqual(new Set([DEBUG]));
    expect(atStart.filter((l) => l.level >= INFO)).toEqual([]);
  });

  it('keeps the requests and the app’s own lines at info', async () => {
    await fetch(`${app.baseUrl}/login`);
    const logged = () => lines.some((l) => l.level === INFO && (l as { req?: { url: string } }).req?.url === '/login');
    // The request line is written when the answer has gone out, which may be a moment after the client has it.
    for (let i = 0; i < 100 && !logged(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(logged()).toBe(true);
  });
});
