import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { TrackingLinksService } from './tracking-links.service.js';
import { ApiAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { TRACKING_LINKS_ANSWERS } from './tracking-links.answers.js';

@ApiTags('tracking')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tickets')
export class TrackingLinksController {
  constructor(private readonly links: TrackingLinksService) {}

  /** Revokes every link the customer has and issues a new one, shown in this answer only. */
  @ApiSummary('Revokes every link the customer has and issues a new one, shown in this answer only')
  @ApiAnswer(201, TRACKING_LINKS_ANSWERS.reissue)
  @ApiErrors(400, 401, 403, 404, 422)
  @Post(':ref/tracking-link')
  @HttpCode(201)
  reissue(@CurrentActor() actor: Actor, @Param('ref') ref: string) {
    return this.links.reissue(actor, ref);
  }
}
