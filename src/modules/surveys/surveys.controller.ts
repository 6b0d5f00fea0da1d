import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiForbiddenResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import type { Request, Response } from 'express';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor.js';
import { CurrentActor, OrKeyScope, Roles } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { SatisfactionIndexService } from './satisfaction-index.service.js';
import { CreateSurveyDto, SurveyResponseDto, UpdateSurveyDto } from './survey.dto.js';
import { SurveyImportService } from './survey-import.service.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveysService } from './surveys.service.js';
import { SIGNATURE_HEADER } from './webhook-signature.js';
import { ApiAnswer, ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { SURVEYS_ANSWERS } from './surveys.answers.js';

@ApiTags('surveys')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly responses: SurveyResponsesService,
    private readonly importer: SurveyImportService,
    private readonly index: SatisfactionIndexService,
  ) {}

  @ApiSummary('The surveys')
  @ApiAnswer(200, SURVEYS_ANSWERS.list)
  @ApiErrors(401, 403)
  @Get('surveys')
  list() {
    return this.surveys.list();
  }

  @ApiSummary('Create a survey')
  @ApiAnswer(201, SURVEYS_ANSWERS.survey)
  @ApiErrors(400, 401, 403, 422)
  @Post('surveys')
  @Roles('admin')
  create(@Body() dto: CreateSurveyDto) {
    return this.surveys.create(dto);
  }

  /** Renames a survey, or sets, changes or drops (null) its signing secret; the secret is never shown. */
  @ApiSummary('Renames a survey, or sets, changes or drops (null) its signing secret; the secret is never shown')
  @ApiAnswer(200, SURVEYS_ANSWERS.survey)
  @ApiErrors(400, 401, 403, 404, 422)
  @Patch('surveys/:surveyId')
  @Roles('admin')
  update(@Param('surveyId') surveyId: string, @Body() dto: UpdateSurveyDto) {
    return this.surveys.update(surveyId, dto);
  }

  /**
   * One response (webhook). Only a survey provider's key, or an admin or quality manager,
   * may deliver: anyone else could lift their own dealer's score. The same externalId
   * again answers 200 with the first result.
   */
  @ApiSummary('One survey response (the provider\'s webhook)')
  @ApiAnswer(201, SURVEYS_ANSWERS.respond)
  @ApiErrors(400, 403, 404, 422)
  @Post('surveys/:surveyId/responses')
  @Idempotent()
  @Roles('admin', 'quality-manager')
  @OrKeyScope('survey-provider')
  @ApiHeader({ name: SIGNATURE_HEADER, required: false, description: 'Required when the survey has a signing secret: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, within 5 minutes of our clock' })
  @ApiError(401, 'No sign-in, or (survey with a signing secret) a missing, wrong or stale signature')
  @ApiForbiddenResponse({ description: 'Not an admin, quality manager or survey-provider key; or a dealer outside the caller\'s scope' })
  async respond(@CurrentActor() actor: Actor, @Param('surveyId') surveyId: string, @Body() dto: SurveyResponseDto, @Req() req: RawBodyRequest<Request>, @Res({ passthrough: true }) res: Response) {
    const receipt = await this.responses.receive(actor, surveyId, dto, { header: req.get(SIGNATURE_HEADER), rawBody: req.rawBody });
    res.status(receipt.status);
    return receipt.body;
  }

  /** Many responses from a CSV file (multipart field `file`), streamed; bad rows are reported and skipped. The same callers as the webhook. */
  @ApiSummary('Many responses from a CSV file (multipart field `file`), streamed; bad rows are reported and skipped. The same callers as the webhook')
  @ApiAnswer(200, SURVEYS_ANSWERS.import, '{ rows, imported, duplicates, ticketsOpened, errors: [{ row, message }] }')
  @ApiErrors(400, 401, 404, 422)
  @Post('surveys/:surveyId/import')
  @Roles('admin', 'quality-manager')
  @OrKeyScope('survey-provider')
  @ApiError(403, 'Not an admin, quality manager or survey-provider key; or a key importing into a survey that takes signed deliveries only')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async import(@CurrentActor() actor: Actor, @Param('surveyId') surveyId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.importer.import(actor, surveyId, req);
    res.status(200);
    return report;
  }

  /** The weighted score per area and overall, with response counts, per dealer in scope; best first. */
  @ApiSummary('The weighted score per area and overall, with response counts, per dealer in scope; best first')
  @ApiAnswer(200, SURVEYS_ANSWERS.satisfactionIndex)
  @ApiErrors(401, 403, 404)
  @Get('reports/satisfaction-index')
  satisfactionIndex(@CurrentActor() actor: Actor, @Query() query: DealerPeriodQuery) {
    return this.index.report(actor, query);
  }
}
