import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Actor } from '../users/roles.js';
import type { Survey } from './survey.entity.js';
import { SurveyImportService, type ImportReport } from './survey-import.service.js';

export interface ImportJob {
  id: string;
  surveyId: string;
  ownerId: string;
  state: 'running' | 'done' | 'failed';
  bytes: number;
  bytesRead: number;
  percent: number;
  report: ImportReport | null;
  error: string[] | null;
  startedAt: Date;
}

const KEEP_MS = 60 * 60_000;

/**
 * Imports started from the page run in the background so the page can show progress.
 * Jobs live in this process's memory for an hour: a restart loses the progress display,
 * never the rows already imported (each batch is committed).
 */
@Injectable()
export class ImportJobsService {
  private readonly logger = new Logger('SurveyImport');
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly importer: SurveyImportService,
    private readonly clock: Clock,
  ) {}

  start(actor: Actor, survey: Survey, upload: { path: string; bytes: number; discard: () => Promise<void> }): ImportJob {
    this.forgetOld();
    const job: ImportJob = {
      id: randomUUID(), surveyId: survey.id, ownerId: actor.id, state: 'running', bytes: upload.bytes, bytesRead: 0, percent: 0,
      report: null, error: null, startedAt: this.clock.now(),
    };
    this.jobs.set(job.id, job);
    this.importer
      .importFile(actor, survey, upload.path, (report, bytesRead) => {
        Object.assign(job, { report: { ...report }, bytesRead, percent: job.bytes ? Math.min(99, Math.floor((100 * bytesRead) / job.bytes)) : 0 });
      })
      .then((report) => Object.assign(job, { state: 'done', report, percent: 100, bytesRead: job.bytes }))
      .catch((e: unknown) => {
        Object.assign(job, { state: 'failed', error: e instanceof DomainError ? (e.details ?? [e.message]) : ['The import stopped on an unexpected error; it has been logged.'] });
        if (!(e instanceof DomainError)) this.logger.error(e instanceof Error ? e.stack : String(e));
      })
      .finally(() => void upload.discard());
    return job;
  }

  /** A job the actor started (admins see every job). */
  get(actor: Actor, surveyId: string, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.surveyId !== surveyId || (job.ownerId !== actor.id && actor.role !== 'admin')) throw new DomainError('import-job.not-found', `No import ${id}`);
    return job;
  }

  private forgetOld(): void {
    // The app's clock, so a test moves time instead of waiting an hour.
    const limit = this.clock.now().getTime() - KEEP_MS;
    for (const [id, job] of this.jobs) if (job.state !== 'running' && job.startedAt.getTime() < limit) this.jobs.delete(id);
  }
}
