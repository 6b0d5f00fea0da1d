import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { customerLanguage, translateTree } from '../../common/i18n/translator.js';
import { DealersService } from '../dealers/dealers.service.js';
import { ImprovementsService } from '../improvements/improvements.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { dashboardCharts } from './charts.js';
import { DashboardService } from './dashboard.service.js';
import { ContactsService, type ContactFigures } from '../contacts/contacts.service.js';
import { pageFilters, periodShown } from './dashboard-page.js';

/** The dashboard page: charts drawn as SVG from the same figures as the API, each with its table, in the reader's language. */
@ApiExcludeController()
@Controller('dashboard')
export class ReportingPageController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly contacts: ContactsService,
    private readonly dealers: DealersService,
    private readonly improvements: ImprovementsService,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    const { shown, query } = pageFilters(raw);
    const lang = customerLanguage(actor.language);
    const t = translateTree(lang, 'dashboard') as Record<string, never>;
    const base = { title: t.title, lang, t, actor, csrfToken: req.sessionCsrf, filters: shown, dealers: await this.dealers.listFor(actor), query: new URLSearchParams(query).toString() };
    await submitForm(
      res,
      async () => {
        const valid = await validated(DealerPeriodQuery, query);
        const f = await this.dashboard.figures(actor, valid);
        // The loyalty journey's figures beside the recovery ones: for the filter, and per dealer of the league.
        const loyalty = loyaltyView(await this.contacts.figures(actor, valid.dealerId));
        const byDealer = await this.contacts.figuresByDealer(actor, f.league.map((d) => d.dealerId));
        const league = f.league.map((d) => ({ ...d, loyalty: loyaltyView(byDealer.get(d.dealerId)!) }));
        const word = (group: 'stages' | 'slaStates' | 'rootCauses', slug: string) => (t[group] as Record<string, string>)?.[slug] ?? slug;
        const charts = dashboardCharts(f, word, { slaCompliance: t.slaCompliance, recoveryRate: t.recoveryRate });
        const targets = f.slaCompliance.map((c) => ({ ...c, name: (t.targets as Record<string, string>)[c.target] ?? c.target }));
        res.render('dashboard/show', { ...base, filters: { ...periodShown(f.period), ...shown }, f: { ...f, league }, loyalty, ...charts, targets, hasUnranked: f.league.some((d) => d.rank === null), improvements: await this.improvements.dashboardPanel(actor, valid.dealerId) });
      },
      { view: 'dashboard/show', model: () => base, language: lang, fields: { 'report.period.invalid': 'from' } },
    );
  }
}

/** Shares as whole percentages for the page (null: nothing to count yet). */
function loyaltyView(f: ContactFigures) {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 100));
  return { ...f, keptPercent: pct(f.loyaltyKept), onTimePercent: pct(f.onTimeShare) };
}
