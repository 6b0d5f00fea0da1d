import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../clock/clock.js';
import { numbered } from '../database/numbered-params.js';
import { UnitOfWork } from '../database/unit-of-work.js';

/**
 * One process at a time runs a scheduled job (the SLA sweep, the outbox): every worker process
 * and instance ticks, and the one that takes the job's lease in the database runs that round
 * while the others skip it. The jobs claim their rows one by one as well, so the lease saves
 * work rather than guarding correctness; it runs out on its own if its holder dies.
 */
@Injectable()
export class JobLeases {
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Runs `job` under `name`'s lease of `leaseMs`; false (not run) while another process holds it. */
  async exclusive(name: string, leaseMs: number, job: () => Promise<void>): Promise<boolean> {
    const now = this.clock.now().getTime();
    const taken = await this.uow.runBookkeeping(async (m) => {
      await m.query(numbered(m, `INSERT INTO "job_leases" ("name", "holder", "leaseUntil") VALUES ($1, NULL, 0) ON CONFLICT ("name") DO NOTHING`), [name]);
      await m.query(numbered(m, `UPDATE "job_leases" SET "holder" = $2, "leaseUntil" = $3 WHERE "name" = $1 AND ("leaseUntil" <= $4 OR "holder" = $2)`), [name, this.holder, now + leaseMs, now]);
      const [row] = await m.query(numbered(m, `SELECT "holder" FROM "job_leases" WHERE "name" = $1`), [name]);
      return row?.holder === this.holder;
    });
    if (!taken) return false;
    try {
      await job();
    } finally {
      await this.uow.runBookkeeping((m) => m.query(numbered(m, `UPDATE "job_leases" SET "holder" = NULL, "leaseUntil" = 0 WHERE "name" = $1 AND "holder" = $2`), [name, this.holder]));
    }
    return true;
  }
}
