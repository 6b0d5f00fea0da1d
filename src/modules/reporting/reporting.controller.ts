import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import type { Response } from 'express';
import { ListTicketsQuery } from '../tickets/queue/list-tickets.query.js';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { DashboardService } from './dashboard.service.js';
import { ExportsService } from './exports.service.js';
import { DashboardFiguresDto } from './dashboard.response.js';
import { ApiCsvAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class ReportingController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly exports: ExportsService,
  ) {}

  /** The dashboard's figures for a period (default: the last 12 weeks) and scope. */
  @ApiSummary('The dashboard\'s figures for a period (default: the last 12 weeks) and scope')
  @ApiErrors(401, 403, 404)
  @Get('reports/dashboard')
  @ApiOkResponse({ type: DashboardFiguresDto })
  figures(@CurrentActor() actor: Actor, @Query() query: DealerPeriodQuery) {
    return this.dashboard.figures(actor, query);
  }

  /** The queue as CSV, with the same filters as GET /api/tickets (UTF-8 with BOM; formulas neutralised). */
  @ApiSummary('The queue as CSV, with the same filters as GET /api/tickets (UTF-8 with BOM; formulas neutralised)')
  @ApiCsvAnswer()
  @ApiErrors(401, 403)
  @Get('exports/tickets.csv')
  @ApiProduces('text/csv')
  tickets(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery, @Res() res: Response) {
    return this.exports.queue(actor, query, res);
  }

  @ApiSummary('The dashboard\'s figures as CSV')
  @ApiCsvAnswer()
  @ApiErrors(401, 403, 404)
  @Get('exports/dashboard.csv')
  @ApiProduces('text/csv')
  dashboardCsv(@CurrentActor() actor: Actor, @Query() query: DealerPeriodQuery, @Res() res: Response) {
    return this.exports.dashboard(actor, query, res);
  }

  @ApiSummary('The league table of dealers as CSV')
  @ApiCsvAnswer()
  @ApiErrors(401, 403, 404)
  @Get('exports/league.csv')
  @ApiProduces('text/csv')
  leagueCsv(@CurrentActor() actor: Actor, @Query() query: DealerPeriodQuery, @Res() res: Response) {
    return this.exports.league(actor, query, res);
  }
}
