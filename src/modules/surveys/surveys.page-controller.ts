import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error.js';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { CurrentActor, Roles, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { SatisfactionIndexService } from './satisfaction-index.service.js';
import { CreateSurveyDto } from './survey.dto.js';
import { SurveyImportService } from './survey-import.service.js';
import { ImportJobsService } from './import-jobs.service.js';
import { DealerPeriodQuery } from '../../common/http/dealer-period.query.js';
import { SurveysService } from './surveys.service.js';

const EXAMPLE_QUESTIONS = JSON.stringify(
  [{ id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' }],
  null,
  2,
);

/** Survey pages: definitions, CSV upload with its report, and the satisfaction index. */
@ApiExcludeController()
@Controller()
export class SurveysPageController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly importer: SurveyImportService,
    private readonly jobs: ImportJobsService,
    private readonly index: SatisfactionIndexService,
  ) {}

  @Get('surveys')
  async list(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    res.render('surveys/list', await this.listModel(actor, req, [], {}));
  }

  @Post('surveys')
  @Roles('admin')
  async create(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Record<string, string>) {
    await submitForm(
      res,
      async () => {
        let questions: unknown;
        try {
          questions = JSON.parse(form.questions ?? '');
        } catch {
          const problem = 'questions must be a JSON list of questions (see the example)';
          throw new DomainError('form.invalid', problem, [problem]);
        }
        await this.surveys.create(await validated(CreateSurveyDto, { name: form.name || undefined, kind: form.kind || undefined, questions, signingSecret: form.signingSecret || undefined }));
        res.redirect(303, '/surveys');
      },
      { view: 'surveys/list', model: () => this.listModel(actor, req, [], form), language: actor.language ?? 'en', fields: { 'survey.invalid': 'questions' } },
    );
  }

  @Get('surveys/:id/import')
  @Roles('admin', 'quality-manager')
  async importPage(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id') id: string, @Res() res: Response) {
    res.render('surveys/import', { title: 'Import responses', actor, csrfToken: req.sessionCsrf, survey: await this.surveys.get(id) });
  }

  /** Receives the file, starts the import in the background and shows its progress. */
  @Post('surveys/:id/import')
  @Roles('admin', 'quality-manager')
  async upload(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id') id: string, @Res() res: Response) {
    const survey = await this.surveys.get(id);
    await submitForm(
      res,
      async () => {
        const job = this.jobs.start(actor, survey, await this.importer.receive(req));
        res.redirect(303, `/surveys/${survey.id}/import/jobs/${job.id}`);
      },
      {
        view: 'surveys/import',
        model: () => ({ title: 'Import responses', actor, csrfToken: req.sessionCsrf, survey }),
        language: actor.language ?? 'en',
        fields: { 'survey-import.file.invalid': 'file', 'survey-import.file.too-large': 'file', 'survey-import.columns.invalid': 'file', 'survey-import.unsigned.forbidden': 'file' },
      },
    );
  }

  @Get('surveys/:id/import/jobs/:jobId')
  @Roles('admin', 'quality-manager')
  async job(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id') id: string, @Param('jobId') jobId: string, @Res() res: Response) {
    const survey = await this.surveys.get(id);
    // A copy: the import goes on while the page renders, and one page must tell one state.
    const job = structuredClone(this.jobs.get(actor, id, jobId));
    res.render('surveys/import', {
      title: 'Import responses', actor, csrfToken: req.sessionCsrf, survey, job,
      // The page reloads itself while the import runs: no script needed.
      refreshSeconds: job.state === 'running' ? 2 : null,
      report: job.report, errors: job.error ?? [],
    });
  }

  @Get('reports/satisfaction')
  async satisfaction(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    const filters = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const base = { title: 'Satisfaction index', actor, csrfToken: req.sessionCsrf, filters };
    await submitForm(
      res,
      async () => {
        const report = await this.index.report(actor, await validated(DealerPeriodQuery, filters));
        const areas = [...new Set(report.dealers.flatMap((d) => Object.keys(d.areas)))].sort();
        const rows = report.dealers.map((d, i) => ({ ...d, rank: i + 1, cells: areas.map((a) => d.areas[a] ?? null) }));
        res.render('surveys/satisfaction', { ...base, areas, rows });
      },
      { view: 'surveys/satisfaction', model: () => ({ ...base, areas: [], rows: [] }), language: actor.language ?? 'en', fields: { 'report.period.invalid': 'from' } },
    );
  }

  private async listModel(actor: Actor, req: AuthenticatedRequest, errors: string[], form: Record<string, string>) {
    const surveys = (await this.surveys.list()).map((s) => ({ ...s, questionCount: s.questions.length }));
    return {
      title: 'Surveys', actor, csrfToken: req.sessionCsrf, errors, surveys,
      isAdmin: actor.role === 'admin', canImport: actor.role === 'admin' || actor.role === 'quality-manager',
      form: { name: form.name ?? '', kind: form.kind ?? 'after-sales', questions: form.questions ?? EXAMPLE_QUESTIONS },
      kinds: ['new-car-buyer', 'after-sales', 'call-follow-up', 'custom'],
    };
  }
}
