import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { MAX_REPORT_YEARS, reportPeriodTooLong } from '../../common/http/report-period.js';
import { DealersService } from '../dealers/dealers.service.js';
import type { Actor } from '../users/roles.js';
import { SurveyAnswer } from './survey-response.entity.js';
import { indexFigure, type IndexFigure } from './survey-rules.js';

export interface DealerIndex {
  dealerId: string;
  dealerName: string;
  overall: IndexFigure;
  areas: Record<string, IndexFigure>;
}

/** The satisfaction index per dealer and area for a period, added up by the database, best dealer first. */
@Injectable()
export class SatisfactionIndexService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dealers: DealersService,
  ) {}

  async report(actor: Actor, query: { dealerId?: string; from?: string; to?: string }): Promise<{ from: string | null; to: string | null; dealers: DealerIndex[] }> {
    const visible = await this.dealers.listFor(actor);
    if (query.dealerId && !visible.some((d) => d.id === query.dealerId)) throw new DomainError('dealer.not-found', `No dealer ${query.dealerId}`);
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from > to) throw new DomainError('report.period.invalid', 'from must not be after to');
    if (from && to && reportPeriodTooLong(from, to)) throw new DomainError('report.period.invalid', `to must be at most ${MAX_REPORT_YEARS} years after from`);
    const dealerIds = query.dealerId ? [query.dealerId] : visible.map((d) => d.id);
    if (!dealerIds.length) return { from: query.from ?? null, to: query.to ?? null, dealers: [] };

    const base = () => {
      const qb = this.dataSource.getRepository(SurveyAnswer).createQueryBuilder('a').where('a.dealerId IN (:...dealerIds)', { dealerIds });
      if (from) qb.andWhere('a.respondedAt >= :from', { from });
      if (to) qb.andWhere('a.respondedAt < :to', { to });
      return qb;
    };
    const share = 'SUM(a.weight * a.score * 1.0 / a.scaleMax)';
    const byArea: { dealerId: string; area: string; ws: string; w: string; n: string }[] = await base()
      .select('a.dealerId', 'dealerId').addSelect('a.area', 'area').addSelect(share, 'ws').addSelect('SUM(a.weight)', 'w').addSelect('COUNT(DISTINCT a.responseId)', 'n')
      .groupBy('a.dealerId').addGroupBy('a.area').getRawMany();
    const overall: { dealerId: string; ws: string; w: string; n: string }[] = await base()
      .select('a.dealerId', 'dealerId').addSelect(share, 'ws').addSelect('SUM(a.weight)', 'w').addSelect('COUNT(DISTINCT a.responseId)', 'n')
      .groupBy('a.dealerId').getRawMany();

    const names = new Map(visible.map((d) => [d.id, d.name]));
    const dealers = dealerIds.map((id): DealerIndex => {
      const o = overall.find((r) => r.dealerId === id);
      const areas = Object.fromEntries(
        byArea.filter((r) => r.dealerId === id).sort((a, b) => a.area.localeCompare(b.area))
          .map((r) => [r.area, indexFigure({ weightedShare: Number(r.ws), weight: Number(r.w), responses: Number(r.n) })]),
      );
      return { dealerId: id, dealerName: names.get(id) ?? '', overall: indexFigure({ weightedShare: Number(o?.ws ?? 0), weight: Number(o?.w ?? 0), responses: Number(o?.n ?? 0) }), areas };
    });
    dealers.sort((a, b) => (b.overall.score ?? -1) - (a.overall.score ?? -1));
    return { from: query.from ?? null, to: query.to ?? null, dealers };
  }
}
