import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { validated } from '../../common/http/validation.js';
import { TicketPageService } from '../tickets/pages/ticket-page.service.js';
import { ReasonBody } from '../tickets/workflow/stage-bodies.dto.js';
import { CurrentActor, Roles, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { EscalationsService } from './escalations.service.js';

/** The ticket page's escalation forms. */
@ApiExcludeController()
@Controller('tickets/:ref')
export class EscalationPageController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly page: TicketPageService,
  ) {}

  @Post('escalate')
  async escalate(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Record<string, string>) {
    await this.page.act(a, req, res, ref, async () => {
      const dto = await validated(ReasonBody, { reason: form.reason || undefined });
      await this.escalations.escalate(a, ref, dto.reason);
    }, { form: 'escalate' });
  }

  @Post('escalations/:id/ack')
  @Roles('department-manager', 'quality-manager', 'principal', 'admin')
  async ack(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Param('id') id: string) {
    await this.page.act(a, req, res, ref, () => this.escalations.acknowledge(a, ref, id), { form: `ack-${id}` });
  }
}
