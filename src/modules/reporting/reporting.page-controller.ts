import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { DealersService } from '../dealers/dealers.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { dashboardCharts } from './charts.js';
import { DashboardService } from './dashboard.service.js';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';

/** The dashboard page: charts drawn as SVG from the same figures as the API, each with its table. */
@ApiExcludeController()
@Controller('dashboard')
export class ReportingPageController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly dealers: DealersService,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    const filters = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const base = { title: 'Dashboard', actor, csrfToken: req.sessionCsrf, filters, dealers: await this.dealers.listFor(actor), query: new URLSearchParams(filters).toString() };
    await submitForm(
      res,
      async () => {
        const f = await this.dashboard.figures(actor, await validated(DealerPeriodQuery, filters));
        res.render('dashboard/show', { ...base, f, ...dashboardCharts(f) });
      },
      { view: 'dashboard/show', model: () => base, language: actor.language ?? 'en', fields: { 'report.period.invalid': 'from' } },
    );
  }
}
