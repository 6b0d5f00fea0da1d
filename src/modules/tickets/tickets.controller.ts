import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CreateTicketDto } from './create-ticket.dto.js';
import { IntakeService } from './intake.service.js';
import { AssignDto, PostMessageDto } from './ticket-actions.dto.js';
import { TicketActionsService } from './ticket-actions.service.js';
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
    private readonly actions: TicketActionsService,
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

  /** A note for staff, or a message the customer sees on the tracking page. */
  @Post(':ref/messages')
  @HttpCode(201)
  postMessage(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: PostMessageDto) {
    return this.actions.postMessage(actor, ref, dto);
  }

  @Post(':ref/assign')
  @HttpCode(200)
  assign(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: AssignDto) {
    return this.actions.assign(actor, ref, dto);
  }
}
