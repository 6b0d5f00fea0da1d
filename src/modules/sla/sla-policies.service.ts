import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { invalidateCache, VersionedCache } from '../../common/database/versioned-cache.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { PutSlaPolicyDto } from './sla-policy.dto.js';
import { SlaPolicy } from './sla-policy.entity.js';

export function policyView(p: SlaPolicy) {
  return {
    id: p.id,
    severity: p.severity,
    department: p.department,
    channel: p.channel,
    targets: { listen: p.listenMinutes, apologise: p.apologiseMinutes, fix: p.fixMinutes, resolve: p.resolveMinutes },
    warningThreshold: p.warningThreshold,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** SLA policies: per severity, optionally narrowed by department and channel. */
@Injectable()
export class SlaPoliciesService {
  /** A handful of rows, read on every intake: kept until a change anywhere marks them stale. */
  private readonly all = new VersionedCache<SlaPolicy[]>('sla-policies', (db) => db.getRepository(SlaPolicy).find());

  constructor(
    @InjectRepository(SlaPolicy) private readonly policies: Repository<SlaPolicy>,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async list() {
    const rows = [...(await this.all.get(this.policies.manager))];
    return rows.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)).map(policyView);
  }

  /** Changes the general policy of a severity; tickets received afterwards follow it. */
  async put(severity: string, dto: PutSlaPolicyDto) {
    if (!SEVERITY_ORDER.includes(severity)) throw new DomainError('sla-policy.not-found', `No severity ${severity}; severities are ${SEVERITY_ORDER.join(', ')}`);
    const t = dto.targets;
    if (!(t.listen <= t.apologise && t.apologise <= t.fix && t.fix <= t.resolve)) {
      throw new DomainError('sla-policy.targets.invalid', 'targets must not decrease from listen to apologise to fix to resolve');
    }
    return this.uow.run(async (m) => {
      const row = await m.findOneByOrFail(SlaPolicy, { severity, department: IsNull(), channel: IsNull() });
      Object.assign(row, {
        listenMinutes: t.listen, apologiseMinutes: t.apologise, fixMinutes: t.fix, resolveMinutes: t.resolve,
        warningThreshold: dto.warningThreshold ?? row.warningThreshold, updatedAt: this.clock.now(),
      });
      await m.save(SlaPolicy, row);
      await invalidateCache(m, 'sla-policies');
      return policyView(row);
    });
  }

  /** The most specific policy for a ticket: severity with department and channel, then either, then severity alone. */
  async forTicket(m: EntityManager, t: { severity: string; department: string; channel: string }): Promise<SlaPolicy> {
    return (await this.picker(m))(t);
  }

  /**
   * The policy of any number of tickets after one look at the cache (read through the
   * caller's transaction, so the version it checks is the one it works in).
   */
  async picker(m: EntityManager): Promise<(t: { severity: string; department: string; channel: string }) => SlaPolicy> {
    const all = await this.all.get(m);
    return (t) => {
      const candidates = all.filter((p) => p.severity === t.severity);
      const fits = candidates.filter((p) => (p.department === null || p.department === t.department) && (p.channel === null || p.channel === t.channel));
      const score = (p: SlaPolicy) => (p.department ? 2 : 0) + (p.channel ? 1 : 0);
      const best = fits.sort((a, b) => score(b) - score(a))[0];
      if (!best) throw new DomainError('sla-policy.not-found', `No SLA policy for severity ${t.severity}`);
      return best;
    };
  }
}
