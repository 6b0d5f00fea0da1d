import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { IMPROVEMENT_WRITERS } from './improvement-access.js';
import { CreateImprovementDto, ImprovementStatusDto, LinkTicketsDto, ListImprovementsQuery, SuggestionsQuery } from './improvement.dto.js';
import { ImprovementsExport } from './improvements.export.js';
import { ImprovementsService } from './improvements.service.js';
import { ApiAnswer, ApiCsvAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { IMPROVEMENTS_ANSWERS } from './improvements.answers.js';

@ApiTags('improvements')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/improvements')
export class ImprovementsController {
  constructor(
    private readonly improvements: ImprovementsService,
    private readonly exports: ImprovementsExport,
  ) {}

  /** Open an improvement: a change of routine with an owner, a due date and the tickets that prompted it. */
  @ApiSummary('Open an improvement: a change of routine with an owner, a due date and the tickets that prompted it')
  @ApiAnswer(201, IMPROVEMENTS_ANSWERS.improvement, 'the improvement, with its id')
  @ApiErrors(400, 401, 403, 422)
  @Post()
  @Roles(...IMPROVEMENT_WRITERS)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateImprovementDto) {
    return this.improvements.create(actor, dto);
  }

  /** Improvements in scope: overdue first, then open, then by due date. */
  @ApiSummary('Improvements in scope: overdue first, then open, then by due date')
  @ApiAnswer(200, IMPROVEMENTS_ANSWERS.list)
  @ApiErrors(401, 403, 404)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListImprovementsQuery) {
    return this.improvements.list(actor, query);
  }

  /** Dealer × department × root cause with 3 or more tickets fixed in 90 days and no open improvement. */
  @ApiSummary('Dealer × department × root cause with 3 or more tickets fixed in 90 days and no open improvement')
  @ApiAnswer(200, IMPROVEMENTS_ANSWERS.suggestions, '[ { dealerId, department, rootCause, tickets, ticketRefs } ]')
  @ApiErrors(401, 403, 404)
  @Get('suggestions')
  suggestions(@CurrentActor() actor: Actor, @Query() query: SuggestionsQuery) {
    return this.improvements.suggestions(actor, query.dealerId);
  }

  /** The list as CSV, with the same filters (UTF-8 with BOM; formulas neutralised). */
  @ApiSummary('The list as CSV, with the same filters (UTF-8 with BOM; formulas neutralised)')
  @ApiCsvAnswer()
  @ApiErrors(401, 403, 404)
  @Get('export.csv')
  @ApiProduces('text/csv')
  csv(@CurrentActor() actor: Actor, @Query() query: ListImprovementsQuery, @Res() res: Response) {
    return this.exports.csv(actor, query, res);
  }

  /** The improvement, its linked tickets, its history and its effect { before, after, changePercent }. */
  @ApiSummary('The improvement, its linked tickets, its history and its effect { before, after, changePercent }')
  @ApiAnswer(200, IMPROVEMENTS_ANSWERS.improvement)
  @ApiErrors(401, 403, 404)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.improvements.get(actor, id);
  }

  /** A move of the status table (a move it does not allow: 422). */
  @ApiSummary('A move of the status table (a move it does not allow: 422)')
  @ApiAnswer(200, IMPROVEMENTS_ANSWERS.improvement)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':id/status')
  @Roles(...IMPROVEMENT_WRITERS)
  @HttpCode(200)
  status(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ImprovementStatusDto) {
    return this.improvements.setStatus(actor, id, dto.status, dto.note);
  }

  /** Link more tickets (of the improvement's dealer). */
  @ApiSummary('Link more tickets (of the improvement\'s dealer)')
  @ApiAnswer(200, IMPROVEMENTS_ANSWERS.improvement)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':id/tickets')
  @Roles(...IMPROVEMENT_WRITERS)
  @HttpCode(200)
  link(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkTicketsDto) {
    return this.improvements.linkTickets(actor, id, dto.refs);
  }
}
