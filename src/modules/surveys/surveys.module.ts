import { CustomerSurveyAnswers } from './customer-survey-answers.read-model.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealersModule } from '../dealers/dealers.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { SatisfactionIndexService } from './satisfaction-index.service.js';
import { Survey } from './survey.entity.js';
import { SurveyImportService } from './survey-import.service.js';
import { ImportJobsService } from './import-jobs.service.js';
import { SurveyAnswer, SurveyResponse } from './survey-response.entity.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';
import { SurveysPageController } from './surveys.page-controller.js';

/** Surveys: definitions, the webhook, CSV import and the satisfaction index. A client of tickets. */
@Module({
  imports: [TypeOrmModule.forFeature([Survey, SurveyResponse, SurveyAnswer]), TicketsModule, DealersModule],
  controllers: [SurveysController, SurveysPageController],
  providers: [CustomerSurveyAnswers, SurveysService, SurveyResponsesService, SurveyImportService, SatisfactionIndexService, ImportJobsService],
  exports: [SatisfactionIndexService, CustomerSurveyAnswers],
})
export class SurveysModule {}
