import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { SLA_TARGETS } from '../sla/sla-clock.js';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor.js';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { ProposeCompensationDto, RejectCompensationDto } from './compensations/compensation.dto.js';
import { CompensationsService } from './compensations/compensations.service.js';
import { CreateTicketDto } from './intake/create-ticket.dto.js';
import { IntakeService } from './intake/intake.service.js';
import { ListTicketsQuery } from './queue/list-tickets.query.js';
import { AssignDto, BulkAssignDto, PostMessageDto } from './ticket-actions.dto.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { TicketsService } from './tickets.service.js';
import { TicketQueueService } from './queue/ticket-queue.service.js';
import { OptionalReasonBody, ReasonBody, STAGE_BODIES } from './workflow/stage-bodies.dto.js';
import { TicketStagesService } from './workflow/ticket-stages.service.js';
import { STAGES } from './workflow/ticket-workflow.js';
import { ApiAnswer, ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { TICKETS_ANSWERS } from './tickets.answers.js';

const STAGE_BODY_MODELS = Object.values(STAGE_BODIES);

@ApiTags('tickets')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiExtraModels(...STAGE_BODY_MODELS)
@Controller('api/tickets')
export class TicketsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketsService,
    private readonly queue: TicketQueueService,
    private readonly actions: TicketActionsService,
    private readonly stages: TicketStagesService,
    private readonly compensations: CompensationsService,
  ) {}

  /** Log a complaint; the answer carries the tracking link, this once (and again to a replay under the same Idempotency-Key). */
  @ApiSummary('Log a complaint; the answer carries the tracking link, this once (and again to a replay under the same Idempotency-Key)')
  @ApiAnswer(201, TICKETS_ANSWERS.create, 'The ticket, with trackingUrl')
  @ApiErrors(400, 401, 403, 422)
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTicketDto) {
    return this.intake.create(actor, dto);
  }

  @ApiSummary('The queue: tickets in scope, filtered, by cursor')
  @ApiAnswer(200, TICKETS_ANSWERS.list)
  @ApiErrors(401, 403)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery) {
    return this.queue.queue(actor, query);
  }

  /** Assign several tickets at once; all or none. */
  @ApiSummary('Assign several tickets at once; all or none')
  @ApiAnswer(200, TICKETS_ANSWERS.assignMany)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post('assign')
  @HttpCode(200)
  assignMany(@CurrentActor() actor: Actor, @Body() dto: BulkAssignDto) {
    return this.actions.assignMany(actor, dto);
  }

  @ApiSummary('One ticket with its timeline')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(401, 403)
  @Get(':ref')
  @ApiError(404, 'No such ticket in your scope')
  get(@CurrentActor() actor: Actor, @Param('ref') ref: string) {
    return this.tickets.view(actor, ref);
  }

  /** How a deadline is counted: the business-time spans, closed days and waits behind its dueAt. */
  @ApiSummary('How a deadline is counted: the business-time spans, closed days and waits behind its dueAt')
  @ApiErrors(401, 403)
  @Get(':ref/sla/:target/explain')
  @ApiParam({ name: 'target', enum: SLA_TARGETS })
  @ApiOkResponse({
    description: 'The counted spans (their minutes add up to businessMinutes, the last ends at dueAt), the closed days between start and deadline, and the waits on the customer',
    schema: {
      type: 'object',
      required: ['target', 'startedAt', 'dueAt', 'businessMinutes', 'timeZone', 'spans', 'closed', 'pauses', 'pausedAfterDeadline'],
      properties: {
        target: { type: 'string', enum: [...SLA_TARGETS] },
        startedAt: { type: 'string', format: 'date-time' },
        dueAt: { type: 'string', format: 'date-time' },
        businessMinutes: { type: 'integer' },
        timeZone: { type: 'string', example: 'Europe/Amsterdam' },
        spans: { type: 'array', items: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, minutes: { type: 'number' } } } },
        closed: { type: 'array', items: { type: 'object', properties: { date: { type: 'string', format: 'date' }, reason: { type: 'string', enum: ['closed', 'holiday'] }, name: { type: 'string' } } } },
        pauses: { type: 'array', items: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time', nullable: true }, minutes: { type: 'integer', nullable: true } } } },
        pausedAfterDeadline: { type: 'integer', description: 'business minutes of waits begun after the deadline had passed, which still moved it on' },
        recordedDueAt: { type: 'string', format: 'date-time', description: 'only when the deadline shown was set on a calendar that has changed since' },
      },
    },
  })
  @ApiError(404, 'No such ticket in your scope, or no such deadline on it')
  @ApiError(422, "The dealer's calendar has since lost every opening hour, so the time cannot be counted")
  explainSla(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('target') target: string) {
    return this.tickets.explainSla(actor, ref, target);
  }

  /** Complete a stage with its data; stages are never skipped. */
  @ApiSummary('Complete a stage with its data; stages are never skipped')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404)
  @Post(':ref/stages/:stage')
  @HttpCode(200)
  @ApiParam({ name: 'stage', enum: STAGES })
  @ApiBody({ schema: { oneOf: STAGE_BODY_MODELS.map((m) => ({ $ref: getSchemaPath(m) })) }, description: 'the body of the stage (see API.md)' })
  @ApiError(422, 'A stage before it is still open, or the ticket is in the wrong state')
  completeStage(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('stage') stage: string, @Body() body: Record<string, unknown>) {
    return this.stages.complete(actor, ref, stage, body);
  }

  /** A note for staff, or a message the customer sees on the tracking page. */
  @ApiSummary('A note for staff, or a message the customer sees on the tracking page')
  @ApiAnswer(201, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/messages')
  @HttpCode(201)
  postMessage(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: PostMessageDto) {
    return this.actions.postMessage(actor, ref, dto);
  }

  @ApiSummary('Assign the ticket')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/assign')
  @HttpCode(200)
  assign(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: AssignDto) {
    return this.actions.assign(actor, ref, dto);
  }

  /** Waiting on the customer: the clocks stop. */
  @ApiSummary('Waiting on the customer: the clocks stop')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/wait')
  @HttpCode(200)
  wait(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: OptionalReasonBody) {
    return this.stages.wait(actor, ref, dto.reason);
  }

  @ApiSummary('Stop waiting: the clocks run again')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/resume')
  @HttpCode(200)
  resume(@CurrentActor() actor: Actor, @Param('ref') ref: string) {
    return this.stages.resume(actor, ref);
  }

  /** Back into fix, from follow-up or closed. */
  @ApiSummary('Back into fix, from follow-up or closed')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/reopen')
  @HttpCode(200)
  async reopen(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: ReasonBody) {
    await this.stages.reopen({ actor }, ref, dto.reason);
    return this.tickets.view(actor, ref);
  }

  @ApiSummary('Propose compensation')
  @ApiAnswer(201, TICKETS_ANSWERS.compensation)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/compensations')
  @HttpCode(201)
  proposeCompensation(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: ProposeCompensationDto) {
    return this.compensations.propose(actor, ref, dto);
  }

  @ApiSummary('Approve a proposed compensation')
  @ApiAnswer(200, TICKETS_ANSWERS.compensation)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/compensations/:id/approve')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.compensations.approve(actor, ref, id);
  }

  @ApiSummary('Reject a proposed compensation')
  @ApiAnswer(200, TICKETS_ANSWERS.compensation)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/compensations/:id/reject')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectCompensationDto) {
    return this.compensations.reject(actor, ref, id, dto.reason);
  }

  @ApiSummary('Mark an approved compensation delivered')
  @ApiAnswer(200, TICKETS_ANSWERS.compensation)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/compensations/:id/deliver')
  @HttpCode(200)
  deliver(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.compensations.deliver(actor, ref, id);
  }
}
