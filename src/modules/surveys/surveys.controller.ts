import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import type { Request, Response } from 'express';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor.js';
import { CurrentActor, Roles } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { SatisfactionIndexService } from './satisfaction-index.service.js';
import { CreateSurveyDto, SurveyResponseDto } from './survey.dto.js';
import { SurveyImportService } from './survey-import.service.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveysService } from './surveys.service.js';

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

  @Get('surveys')
  list() {
    return this.surveys.list();
  }

  @Post('surveys')
  @Roles('admin')
  create(@Body() dto: CreateSurveyDto) {
    return this.surveys.create(dto);
  }

  /** One response (webhook, with an API key). The same externalId again answers 200 with the first result. */
  @Post('surveys/:surveyId/responses')
  @Idempotent()
  async respond(@CurrentActor() actor: Actor, @Param('surveyId') surveyId: string, @Body() dto: SurveyResponseDto, @Res({ passthrough: true }) res: Response) {
    const receipt = await this.responses.receive(actor, surveyId, dto);
    res.status(receipt.status);
    return receipt.body;
  }

  /** Many responses from a CSV file (multipart field `file`), streamed; bad rows are reported and skipped. */
  @Post('surveys/:surveyId/import')
  @Roles('admin', 'quality-manager')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: '{ rows, imported, duplicates, ticketsOpened, errors: [{ row, message }] }' })
  async import(@CurrentActor() actor: Actor, @Param('surveyId') surveyId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.importer.import(actor, surveyId, req);
    res.status(200);
    return report;
  }

  /** The weighted score per area and overall, with response counts, per dealer in scope; best first. */
  @Get('reports/satisfaction-index')
  satisfactionIndex(@CurrentActor() actor: Actor, @Query() query: DealerPeriodQuery) {
    return this.index.report(actor, query);
  }
}
