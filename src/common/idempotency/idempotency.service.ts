import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, QueryFailedError, Repository } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DomainError } from '../errors/domain-error.js';
import { seal, unseal } from '../security/sealed.js';
import { hashToken } from '../security/tokens.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { decide, KEEP_MS, pollDelays, type Decision } from './idempotency-rules.js';

/** How long a repeat waits for the first request with its key to finish. */
const WAIT_MS = 20_000;
/** Expired keys are purged at most this often per process (one indexed delete). */
const PURGE_EVERY_MS = 10 * 60_000;
const PURPOSE = 'idempotency';

export type Settled = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

/**
 * Idempotency keys: the first request under a key claims it in a transaction of its own
 * (committed before the work starts, so a repeat arriving meanwhile sees the claim), and
 * its answer is kept for a day, sealed with the key (only its hash is stored). A repeat
 * waits for that answer without holding a transaction, polling the row.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;
  /** Repeats waiting in this process, woken as soon as the first answer is kept here (others poll). */
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    @InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Claims the key for this request, or gives the first answer to the same request (waiting for it if need be). */
  async settle(caller: string, key: string, hash: string): Promise<Settled> {
    const delays = pollDelays(WAIT_MS);
    for (let attempt = 0; ; ) {
      const decision = await this.claim(caller, key, hash);
      if (decision.kind === 'proceed') return { kind: 'claimed' };
      if (decision.kind !== 'wait') return this.answer(decision, caller, key);
      // Pending: look again (outside any transaction) until it is answered, released or we give up.
      let seen: Decision = decision;
      while (seen.kind === 'wait' && attempt < delays.length) {
        await this.nap(`${caller}\0${key}`, delays[attempt++]);
        seen = decide(await this.keys.findOneBy({ caller, keyHash: hashToken(key) }), hash, this.clock.now());
      }
      if (seen.kind === 'wait') throw new DomainError('idempotency-key.conflict', 'A request with this Idempotency-Key is still being processed (or did not finish); try again later');
      if (seen.kind !== 'proceed') return this.answer(seen, caller, key);
      // Released (the first request failed): claim it for this one.
    }
  }

  /** Runs `work` once per key and request: a repeat gets the first answer (waiting for it if need be) and runs nothing. */
  async once<T>(caller: string, key: string, hash: string, work: () => Promise<{ status: number; body: T }>): Promise<{ status: number; body: T; replayed: boolean }> {
    const settled = await this.settle(caller, key, hash);
    if (settled.kind === 'replay') return { status: settled.status, body: settled.body as T, replayed: true };
    let answer: { status: number; body: T };
    try {
      answer = await work();
    } catch (e) {
      await this.release(caller, key);
      throw e;
    }
    await this.complete(caller, key, answer.status, answer.body);
    return { ...answer, replayed: false };
  }

  /** Keeps the first answer: later requests with the key get it again. */
  async complete(caller: string, key: string, status: number, body: unknown): Promise<void> {
    const responseBody = body === undefined ? null : seal(JSON.stringify(body), `${caller}\0${key}`, PURPOSE);
    await this.uow.run((m) => m.update(IdempotencyKey, { caller, keyHash: hashToken(key), status: IsNull() }, { status, responseBody }));
    this.wake(`${caller}\0${key}`);
  }

  /** The request failed and wrote nothing: the key is free again (a retry may go ahead). */
  async release(caller: string, key: string): Promise<void> {
    await this.uow.run((m) => m.delete(IdempotencyKey, { caller, keyHash: hashToken(key), status: IsNull() }));
    this.wake(`${caller}\0${key}`);
  }

  /** Sleeps `ms`, or less if the key's first request finishes in this process meanwhile. */
  private nap(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  private wake(id: string): void {
    for (const done of [...(this.waiters.get(id) ?? [])]) done();
  }

  /** In its own transaction: the pending claim, or what the key already holds. */
  private async claim(caller: string, key: string, hash: string): Promise<Decision> {
    const now = this.clock.now();
    const keyHash = hashToken(key);
    try {
      return await this.uow.run(async (m) => {
        if (now.getTime() - this.lastPurge > PURGE_EVERY_MS) {
          this.lastPurge = now.getTime();
          await m.delete(IdempotencyKey, { expiresAt: LessThan(now) });
        }
        const kept = await m.findOneBy(IdempotencyKey, { caller, keyHash });
        const decision = decide(kept, hash, now);
        if (decision.kind !== 'proceed') return decision;
        if (kept) await m.delete(IdempotencyKey, { caller, keyHash });
        await m.insert(IdempotencyKey, { caller, keyHash, requestHash: hash, status: null, responseBody: null, createdAt: now, expiresAt: new Date(now.getTime() + KEEP_MS) });
        return decision;
      });
    } catch (e) {
      // Claimed by a twin at the same moment (PostgreSQL): it is pending now.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) return { kind: 'wait' };
      throw e;
    }
  }

  private answer(decision: Exclude<Decision, { kind: 'proceed' | 'wait' }>, caller: string, key: string): Settled {
    if (decision.kind === 'mismatch') {
      throw new DomainError('idempotency-key.invalid-state', 'Idempotency-Key was already used with a different request; use a new key for a new request');
    }
    if (decision.responseBody === null) return { kind: 'replay', status: decision.status, body: undefined };
    const json = unseal(decision.responseBody, `${caller}\0${key}`, PURPOSE);
    if (json === null) throw new DomainError('idempotency-key.conflict', 'The answer kept under this Idempotency-Key cannot be read');
    return { kind: 'replay', status: decision.status, body: JSON.parse(json) };
  }
}
