import type { LoggerService } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { quietStartup } from './quiet-startup.js';
import { showsInfo, startupLine } from './startup-line.js';

describe('start-up logging', () => {
  const recorder = () => {
    const calls: string[] = [];
    const inner: LoggerService = {
      log: (m, ...r) => calls.push(`info ${m} ${r.at(-1)}`),
      debug: (m, ...r) => calls.push(`debug ${m} ${r.at(-1)}`),
      error: (m) => calls.push(`error ${m}`),
      warn: (m) => calls.push(`warn ${m}`),
    };
    return { calls, logger: quietStartup(inner) };
  };

  it("moves Nest's module and route lines to debug and keeps the app's own at info", () => {
    const { calls, logger } = recorder();
    logger.log('Mapped {/tickets, GET} route', 'RouterExplorer');
    logger.log('TicketsController {/tickets}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('user u1 changed their password', 'Accounts');
    logger.warn('slow', 'RouterExplorer');
    expect(calls).toEqual([
      'debug Mapped {/tickets, GET} route RouterExplorer',
      'debug TicketsController {/tickets}: RoutesResolver',
      'debug AppModule dependencies initialized InstanceLoader',
      'debug Nest application successfully started NestApplication',
      'info user u1 changed their password Accounts',
      'warn slow',
    ]);
  });

  it('prints one line with the address, and the demo sign-in when the demo is seeded', () => {
    const config = { publicUrl: 'http://localhost:3000', seedDemo: true, webConcurrency: 1, database: { kind: 'sqlite' } };
    const line = startupLine(config, '8');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('Amends is listening on http://localhost:3000 (database: sqlite, thread pool: 8) · demo sign-in: admin@demo.test / demo-password');
    expect(startupLine({ ...config, seedDemo: false, webConcurrency: 2 }, '8')).toBe('Amends is listening on http://localhost:3000 (database: sqlite, workers: 2, thread pool: 8)');
  });

  it('shows the line at info level and below, not when only warnings are wanted', () => {
    expect(['trace', 'debug', 'info', 'warn', 'error', 'silent'].map(showsInfo)).toEqual([true, true, true, false, false, false]);
  });
});
