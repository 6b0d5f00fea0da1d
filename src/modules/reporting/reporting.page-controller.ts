import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { DealersService } from '../dealers/dealers.service.js';
import { ImprovementsService } from '../improvements/improvements.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { dashboardCharts } from './charts.js';
import { DashboardService } from './dashboard.service.js';
import { ContactsService, type ContactFigures } from '../contacts/contacts.service.js';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';

/** The dashboard page: charts drawn as SVG from the same figures as the API, each with its table. */
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
    const filters = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const base = { title: 'Dashboard', actor, csrfToken: req.sessionCsrf, filters, dealers: await this.dealers.listFor(actor), query: new URLSearchParams(filters).toString() };
    await submitForm(
      res,
      async () => {
        const query = await validated(DealerPeriodQuery, filters);
        const f = await this.dashboard.figures(actor, query);
        // The loyalty journey's figures beside the recovery ones: for the filter, and per dealer of the league.
        const loyalty = loyaltyView(await this.contacts.figures(actor, query.dealerId));
        const league = await Promise.all(f.league.map(async (d) => ({ ...d, loyalty: loyaltyView(await this.contacts.figures(actor, d.dealerId)) })));
        res.render('dashboard/show', { ...base, f: { ...f, league }, loyalty, ...dashboardCharts(f), improvements: await this.improvements.dashboardPanel(actor, filters.dealerId) });
      },
      { view: 'dashboard/show', model: () => base, language: actor.language ?? 'en', fields: { 'report.period.invalid': 'from' } },
    );
  }
}

/** Shares as whole percentages for the page (null: nothing to count yet). */
function loyaltyView(f: ContactFigures) {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 100));
  return { ...f, keptPercent: pct(f.loyaltyKept), onTimePercent: pct(f.onTimeShare) };
}
