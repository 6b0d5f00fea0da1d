import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../../common/errors/domain-error.js';
import { validated } from '../../../common/http/validation.js';
import { CurrentActor, type AuthenticatedRequest } from '../../users/auth.decorators.js';
import type { Actor } from '../../users/roles.js';
import { ProposeCompensationDto, RejectCompensationDto } from '../compensations/compensation.dto.js';
import { CompensationsService } from '../compensations/compensations.service.js';
import { AssignDto, PostMessageDto } from '../ticket-actions.dto.js';
import { TicketActionsService } from '../ticket-actions.service.js';
import { TicketPageService } from './ticket-page.service.js';
import { OptionalReasonBody, ReasonBody } from '../workflow/stage-bodies.dto.js';
import { stageFormToBody } from '../workflow/stage-form.js';
import { TicketStagesService } from '../workflow/ticket-stages.service.js';
import { STAGES, type Stage } from '../workflow/ticket-workflow.js';

type Form = Record<string, string | undefined>;

/** API paths → the forms' input names where they differ. */
const STAGE_FIELDS = { 'noCompensation.reason': 'noCompensationReason', 'noCompensation': 'noCompensationReason' };
const COMPENSATION_FIELDS = { 'value.amount': 'amount', 'value.currency': 'amount', 'compensation.invalid': 'amount', 'compensation.approval.forbidden': 'amount', 'compensation.over-limit': 'amount' };

/**
 * The ticket page's forms. Each validates like the API, calls the same service, and
 * goes back to the ticket page: redirected on success, shown again with the errors if not.
 */
@ApiExcludeController()
@Controller('tickets/:ref')
export class TicketActionsPageController {
  constructor(
    private readonly stages: TicketStagesService,
    private readonly actions: TicketActionsService,
    private readonly compensations: CompensationsService,
    private readonly page: TicketPageService,
  ) {}

  @Post('stages/:stage')
  stage(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Param('stage') stage: string, @Body() form: Form) {
    const body = (STAGES as readonly string[]).includes(stage) ? stageFormToBody(stage as Stage, form) : {};
    return this.page.act(a, req, res, ref, () => this.stages.complete(a, ref, stage, body), { form: 'stage', fields: STAGE_FIELDS });
  }

  @Post('messages')
  message(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    return this.page.act(a, req, res, ref, async () => this.actions.postMessage(a, ref, await validated(PostMessageDto, { body: form.body, visibility: form.visibility })), { form: 'message' });
  }

  @Post('assign')
  assign(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    return this.page.act(a, req, res, ref, async () => this.actions.assign(a, ref, await validated(AssignDto, { assigneeId: form.assigneeId })), { form: 'assign' });
  }

  @Post('wait')
  wait(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    return this.page.act(a, req, res, ref, async () => this.stages.wait(a, ref, (await validated(OptionalReasonBody, { reason: form.reason || undefined })).reason), { form: 'wait' });
  }

  @Post('resume')
  resume(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string) {
    return this.page.act(a, req, res, ref, () => this.stages.resume(a, ref), { form: 'resume' });
  }

  @Post('reopen')
  reopen(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    return this.page.act(a, req, res, ref, async () => this.stages.reopen({ actor: a }, ref, (await validated(ReasonBody, { reason: form.reason })).reason), { form: 'reopen' });
  }

  @Post('compensations')
  propose(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    const amount = form.amount?.trim() ? Number(form.amount.replace(',', '.')) : undefined;
    const plain = { kind: form.kind || undefined, value: { amount, currency: form.currency }, note: form.note || undefined };
    return this.page.act(a, req, res, ref, async () => this.compensations.propose(a, ref, await validated(ProposeCompensationDto, plain)), { form: 'compensation', fields: COMPENSATION_FIELDS });
  }

  @Post('compensations/:id/:decision')
  decide(
    @CurrentActor() a: Actor,
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('ref') ref: string,
    @Param('id') id: string,
    @Param('decision') decision: string,
    @Body() form: Form,
  ) {
    return this.page.act(a, req, res, ref, async () => {
      if (decision === 'approve') return this.compensations.approve(a, ref, id);
      if (decision === 'deliver') return this.compensations.deliver(a, ref, id);
      if (decision === 'reject') return this.compensations.reject(a, ref, id, (await validated(RejectCompensationDto, { reason: form.reason || undefined })).reason);
      throw new DomainError('compensation.decision.not-found', `No decision ${decision}`);
    }, { form: `decide-${id}` });
  }
}

