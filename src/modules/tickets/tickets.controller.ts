import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CreateTicketDto } from './create-ticket.dto.js';
import { IntakeService } from './intake.service.js';
import { ListTicketsQuery } from './list-tickets.query.js';
import { TicketsService } from './tickets.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tickets')
export class TicketsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketsService,
  ) {}

  /** Log a complaint; the answer carries the tracking link, this once. */
  @Post()
  @ApiCreatedResponse({ description: 'The ticket, with trackingUrl' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTicketDto) {
    return this.intake.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery) {
    return this.tickets.queue(actor, query);
  }

  @Get(':ref')
  @ApiNotFoundResponse({ description: 'No such ticket in your scope' })
  get(@CurrentActor() actor: Actor, @Param('ref') ref: string) {
    return this.tickets.view(actor, ref);
  }
}
