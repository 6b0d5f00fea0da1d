import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC gives the decorator metadata that Nest's DI and class-validator need.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        oxc: false,
        test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        plugins,
        oxc: false,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file boots its own app on its own database; two cores, so two at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins,
        oxc: false,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser-spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        plugins,
        oxc: false,
        test: {
          name: 'security',
          // Worker threads: the in-process app answers about twice as fast as in a forked worker.
          pool: 'threads',
          include: ['test/security/**/*.security-spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file boots its own app; the fuzz file keeps both cores busy on its own.
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
        },
      },
      {
        plugins,
        oxc: false,
        test: {
          // Crashes, load and several app processes: the built app (dist/) as real OS processes.
          name: 'resilience',
          include: ['test/resilience/**/*.resilience-spec.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
