import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { ConfigError, defaultHashSlots, loadConfig } from './app-config.js';

describe('configuration', () => {
  it('has working defaults: SQLite under data/, port 3000, demo seeding outside production', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'sqlite', path: 'data/amends.sqlite' });
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.seedDemo).toBe(true);
    expect(c.session).toMatchObject({ idleMinutes: 30, absoluteHours: 12 });
    expect(c.schedule).toEqual({ sweepIntervalSeconds: 60, outboxIntervalSeconds: 5, outboxLeaseSeconds: 120, outboxBatch: 50, outboxConcurrency: 5, sweepBatch: 40 });
  });

  it('takes the schedule from the environment', () => {
    expect(loadConfig({ SWEEP_INTERVAL_SECONDS: '2', OUTBOX_INTERVAL_SECONDS: '1', OUTBOX_LEASE_SECONDS: '10', OUTBOX_BATCH: '20', OUTBOX_CONCURRENCY: '2', SWEEP_BATCH: '25' }).schedule)
      .toEqual({ sweepIntervalSeconds: 2, outboxIntervalSeconds: 1, outboxLeaseSeconds: 10, outboxBatch: 20, outboxConcurrency: 2, sweepBatch: 25 });
  });

  it('keeps tracking links 90 days after closing unless told otherwise', () => {
    expect(loadConfig({}).trackingLinkDaysAfterClose).toBe(90);
    expect(loadConfig({ TRACKING_LINK_DAYS_AFTER_CLOSE: '30' }).trackingLinkDaysAfterClose).toBe(30);
  });

  it('walks the queue for searches of more than 5000 tickets unless told otherwise', () => {
    expect(loadConfig({}).queueSearchWalkAbove).toBe(5000);
    expect(loadConfig({ QUEUE_SEARCH_WALK_ABOVE: '200' }).queueSearchWalkAbove).toBe(200);
  });

  it('reads the sign-in budgets, the hashing cap and the proxy hops, with safe defaults', () => {
    const d = loadConfig({});
    expect(d.loginRateLimit).toEqual({ limit: 10, windowSeconds: 60, perAddress: 30 });
    expect(d.loginAccountDelay).toEqual({ freeFailures: 5, maxDelaySeconds: 900 });
    expect(d.loginMaxConcurrentHashes).toBe(defaultHashSlots());
    expect(defaultHashSlots()).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    expect(d.trustProxyHops).toBe(0);
    const c = loadConfig({ LOGIN_ADDRESS_RATE_LIMIT: '50', LOGIN_ACCOUNT_FREE_FAILURES: '3', LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '60', LOGIN_MAX_CONCURRENT_HASHES: '2', TRUST_PROXY: '1' });
    expect(c.loginRateLimit.perAddress).toBe(50);
    expect(c.loginAccountDelay).toEqual({ freeFailures: 3, maxDelaySeconds: 60 });
    expect(c.loginMaxConcurrentHashes).toBe(2);
    expect(c.trustProxyHops).toBe(1);
  });

  it('runs one worker process per core unless WEB_CONCURRENCY says otherwise (1: no cluster)', () => {
    expect(loadConfig({}).webConcurrency).toBe(availableParallelism());
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
  });

  it('lets the old generation grow to twice the live heap unless HEAP_GROWING_PERCENT says otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '50' }).heapGrowingPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
  });

  it('holds reads to a few at a time per worker, with a bounded wait, unless READS_IN_FLIGHT says otherwise (0: no gate)', () => {
    expect(loadConfig({}).readAdmission).toEqual({ slots: 1, maxWaiting: 1000, maxWaitMs: 10_000 });
    expect(loadConfig({ READS_IN_FLIGHT: '0', READ_QUEUE_LIMIT: '5', READ_QUEUE_WAIT_MS: '250' }).readAdmission).toEqual({ slots: 0, maxWaiting: 5, maxWaitMs: 250 });
  });

  it('selects PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/amends' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5433/amends' });
  });

  it('never seeds in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('tells the demo story in development only, unless DEMO_STORY says otherwise', () => {
    expect(loadConfig({}).demoStory).toEqual({ enabled: true, seed: 20261130 });
    expect(loadConfig({ NODE_ENV: 'test' }).demoStory.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).demoStory.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DEMO_STORY: 'true', DEMO_STORY_SEED: '7' }).demoStory).toEqual({ enabled: true, seed: 7 });
    expect(loadConfig({ DEMO_STORY: 'false' }).demoStory.enabled).toBe(false);
    expect(() => loadConfig({ DEMO_STORY_SEED: 'x' })).toThrow(/DEMO_STORY_SEED/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'not a url'],
    ['COOKIE_SECURE', 'maybe'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SWEEP_INTERVAL_SECONDS', '0'],
    ['OUTBOX_LEASE_SECONDS', '1'],
    ['TRACKING_LINK_DAYS_AFTER_CLOSE', '0'],
    ['QUEUE_SEARCH_WALK_ABOVE', '0'],
    ['LOGIN_ADDRESS_RATE_LIMIT', '0'],
    ['LOGIN_ACCOUNT_FREE_FAILURES', 'x'],
    ['LOGIN_ACCOUNT_MAX_DELAY_SECONDS', '0'],
    ['LOGIN_MAX_CONCURRENT_HASHES', '0'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '-1'],
    ['WEB_CONCURRENCY', '0'],
    ['WEB_CONCURRENCY', 'max'],
    ['HEAP_GROWING_PERCENT', '-1'],
    ['HEAP_GROWING_PERCENT', 'lots'],
    ['READS_IN_FLIGHT', '-1'],
    ['READS_IN_FLIGHT', 'many'],
    ['READ_QUEUE_LIMIT', '0'],
    ['READ_QUEUE_WAIT_MS', '0'],
  ])('stops on a bad %s with one line naming it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message.split('\n')).toHaveLength(1);
    if (name === 'PORT') expect(message).toContain('PORT must be a whole number from 0 to 65535');
  });
});
