import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { ListTicketsQuery } from '../tickets/list-tickets.query.js';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { DashboardService } from './dashboard.service.js';
import { ExportsService } from './exports.service.js';

export class DashboardQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' }) dealerId?: string;
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @IsISO8601({}, { message: 'from must be a date' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsISO8601({}, { message: 'to must be a date' }) to?: string;
}

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
  @Get('reports/dashboard')
  figures(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto) {
    return this.dashboard.figures(actor, query);
  }

  /** The queue as CSV, with the same filters as GET /api/tickets (UTF-8 with BOM; formulas neutralised). */
  @Get('exports/tickets.csv')
  @ApiProduces('text/csv')
  tickets(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery, @Res() res: Response) {
    return this.exports.queue(actor, query, res);
  }

  @Get('exports/dashboard.csv')
  @ApiProduces('text/csv')
  dashboardCsv(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto, @Res() res: Response) {
    return this.exports.dashboard(actor, query, res);
  }

  @Get('exports/league.csv')
  @ApiProduces('text/csv')
  leagueCsv(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto, @Res() res: Response) {
    return this.exports.league(actor, query, res);
  }
}
