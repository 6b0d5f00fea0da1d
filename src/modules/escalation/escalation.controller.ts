import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/clock/clock.js';
import { ReasonBody } from '../tickets/workflow/stage-bodies.dto.js';
import { CurrentActor, Roles } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { EscalationsService } from './escalations.service.js';
import { SlaSweepService } from './sla-sweep.service.js';
import { ApiAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { TICKETS_ANSWERS } from '../tickets/tickets.answers.js';
import { ESCALATION_ANSWERS } from './escalation.answers.js';

@ApiTags('sla')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class EscalationController {
  constructor(
    private readonly sweeper: SlaSweepService,
    private readonly escalations: EscalationsService,
    private readonly clock: Clock,
  ) {}

  /** Run the sweep now (it also runs every minute). */
  @ApiSummary('Run the sweep now (it also runs every minute)')
  @ApiAnswer(200, ESCALATION_ANSWERS.sweep)
  @ApiErrors(400, 401, 403, 422)
  @Post('sla/sweep')
  @Roles('admin')
  @HttpCode(200)
  sweep() {
    return this.sweeper.sweep(this.clock.now());
  }

  /** Escalate one level by hand, with a reason. */
  @ApiSummary('Escalate one level by hand, with a reason')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post('tickets/:ref/escalate')
  @HttpCode(200)
  escalate(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: ReasonBody) {
    return this.escalations.escalate(actor, ref, dto.reason);
  }

  @ApiSummary('Acknowledge an escalation')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post('tickets/:ref/escalations/:id/ack')
  @Roles('department-manager', 'quality-manager', 'principal', 'admin')
  @HttpCode(200)
  acknowledge(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.escalations.acknowledge(actor, ref, id);
  }
}
