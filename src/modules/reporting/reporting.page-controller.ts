import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import { validated } from '../../common/http/validation.js';
import { customerLanguage, translateTree } from '../../common/i18n/translator.js';
import { DealersService } from '../dealers/dealers.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { UsersService } from '../users/users.service.js';
import { dashboardCharts } from './charts.js';
import { DashboardService } from './dashboard.service.js';
import { pageFilters, periodShown } from './dashboard-page.js';

/** The dashboard page: charts drawn as SVG from the same figures as the API, each with its table, in the reader's language. */
@ApiExcludeController()
@Controller('dashboard')
export class ReportingPageController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly dealers: DealersService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    const { shown, query } = pageFilters(raw);
    const lang = customerLanguage(await this.users.languageOf(actor.id));
    const t = translateTree(lang, 'dashboard') as Record<string, never>;
    const base = { title: t.title, lang, t, actor, csrfToken: req.sessionCsrf, filters: shown, dealers: await this.dealers.listFor(actor), query: new URLSearchParams(query).toString() };
    try {
      const f = await this.dashboard.figures(actor, await validated(DealerPeriodQuery, query));
      const word = (group: 'stages' | 'slaStates' | 'rootCauses', slug: string) => (t[group] as Record<string, string>)?.[slug] ?? slug;
      const charts = dashboardCharts(f, word, { slaCompliance: t.slaCompliance, recoveryRate: t.recoveryRate });
      res.render('dashboard/show', { ...base, filters: { ...periodShown(f.period), ...shown }, f, ...charts, hasUnranked: f.league.some((d) => d.rank === null), targets: f.slaCompliance.map((c) => ({ ...c, name: (t.targets as Record<string, string>)[c.target] ?? c.target })) });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      res.status(statusForCode(e.code)).render('dashboard/show', { ...base, errors: e.details ?? [e.message] });
    }
  }
}
