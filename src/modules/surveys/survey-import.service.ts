import { Injectable } from '@nestjs/common';
import busboy from 'busboy';
import { parse } from 'csv-parse';
import type { Request } from 'express';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { validateForm } from '../../common/http/validation.js';
import type { Actor, Role } from '../users/roles.js';
import { SurveyResponseDto } from './survey.dto.js';
import type { Survey } from './survey.entity.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveysService } from './surveys.service.js';
import { negativeAnswers } from './survey-rules.js';

export interface ImportReport {
  rows: number;
  imported: number;
  duplicates: number;
  ticketsOpened: number;
  errors: { row: number; message: string }[];
  /** Errors beyond the first thousand are counted, not listed. */
  moreErrors: number;
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;
const MAX_LISTED_ERRORS = 1000;
/** Rows read between progress reports; plain ones are written together, at most this many to a transaction. */
const BATCH_ROWS = 500;
/**
 * Rows that open a ticket per transaction at most. Their tickets are logged together in a
 * few multi-row statements (IntakeService.write); with the plain rows around them a
 * transaction of 50 held the writer 115 ms (median) on a machine 7 times oversubscribed, of 10
 * 24 ms; 20 (about 200 rows) is the middle way between its writer time and its waits for the writer.
 */
const TICKETS_PER_TRANSACTION = 20;
const FIXED = ['externalId', 'dealerId', 'respondedAt', 'customerName', 'customerEmail', 'customerPhone', 'customerLanguage', 'vin', 'registration', 'model'];
const REQUIRED = ['externalId', 'dealerId', 'respondedAt', 'customerName'];
/** Who may import into a survey that takes signed deliveries only (a provider's key alone may not: it would get round the signature). */
const UNSIGNED_IMPORT_ROLES: readonly Role[] = ['admin', 'quality-manager'];

/** What is wrong with a header row, or nothing. */
export function headerProblems(header: string[], survey: Pick<Survey, 'questions'>): string[] {
  const ids = new Set(survey.questions.map((q) => q.id));
  const problems = REQUIRED.filter((c) => !header.includes(c)).map((c) => `column ${c} is missing`);
  for (const c of header) {
    const [kind, id] = c.split(':');
    if (FIXED.includes(c)) continue;
    if ((kind === 'score' || kind === 'comment') && ids.has(id)) continue;
    problems.push(`column ${c} is not known (expected ${FIXED.join(', ')}, score:<questionId>, comment:<questionId>)`);
  }
  if (!header.some((c) => c.startsWith('score:'))) problems.push('no score:<questionId> column');
  return problems;
}

/** A CSV record as the webhook's payload. Shape only; validation follows. */
export function recordToResponse(record: Record<string, string>): Record<string, unknown> {
  const v = (k: string) => (record[k] === undefined || record[k] === '' ? undefined : record[k]);
  const answers = Object.keys(record)
    .filter((k) => k.startsWith('score:') && record[k] !== '')
    .map((k) => {
      const id = k.slice(6);
      return { questionId: id, score: /^-?\d+$/.test(record[k]) ? Number(record[k]) : record[k], comment: v(`comment:${id}`) };
    });
  const vehicle = v('vin') || v('registration') || v('model') ? { vin: v('vin'), registration: v('registration'), model: v('model') } : undefined;
  return {
    externalId: v('externalId'),
    dealerId: v('dealerId'),
    respondedAt: v('respondedAt'),
    customer: { name: v('customerName'), email: v('customerEmail'), phone: v('customerPhone'), language: v('customerLanguage') },
    vehicle,
    answers,
  };
}

/**
 * Rows split into the transactions they are written in, order kept: plain rows cost little
 * (they go in two multi-row INSERTs), a row that opens a ticket costs more, so a
 * transaction takes at most `maxHeavy` of those.
 */
export function transactionsOf<T>(rows: T[], heavy: (row: T) => boolean, maxHeavy: number): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let heavyInPart = 0;
  for (const row of rows) {
    if (heavy(row)) {
      if (heavyInPart === maxHeavy) {
        parts.push(part);
        part = [];
        heavyInPart = 0;
      }
      heavyInPart++;
    }
    part.push(row);
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * Bulk survey responses from a CSV upload, streamed row by row (constant memory however
 * long the file): each row goes the webhook's way, bad rows are reported with their line
 * number and skipped, good rows are kept.
 */
@Injectable()
export class SurveyImportService {
  constructor(
    private readonly surveys: SurveysService,
    private readonly responses: SurveyResponsesService,
    private readonly uow: UnitOfWork,
  ) {}

  /** Receives the upload and imports it, answering with the report (the API). */
  async import(actor: Actor, surveyId: string, req: Request): Promise<ImportReport> {
    const survey = await this.surveys.get(surveyId);
    if (survey.signingSecret && !UNSIGNED_IMPORT_ROLES.includes(actor.role)) {
      throw new DomainError('survey-import.unsigned.forbidden', 'This survey takes signed webhook deliveries only; a file can be imported by an admin or a quality manager');
    }
    const upload = await this.receive(req);
    try {
      return await this.importFile(actor, survey, upload.path);
    } finally {
      await upload.discard();
    }
  }

  /**
   * Spools the multipart upload to a temporary file (so receiving it is quick and the
   * request is not held open by the import). The caller discards it when done.
   */
  async receive(req: Request): Promise<{ path: string; bytes: number; discard: () => Promise<void> }> {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_FILE_BYTES, fields: 10 } });
    } catch {
      throw new DomainError('survey-import.file.invalid', 'Send the CSV as multipart/form-data in a field named file');
    }
    const dir = await mkdtemp(join(tmpdir(), 'amends-import-'));
    const path = join(dir, 'upload.csv');
    const discard = () => rm(dir, { recursive: true, force: true });
    try {
      await new Promise<void>((resolve, reject) => {
        let started = false;
        parser.on('file', (_name, file) => {
          started = true;
          let tooLarge = false;
          file.on('limit', () => {
            tooLarge = true;
          });
          pipeline(file, createWriteStream(path)).then(
            () => (tooLarge ? reject(new DomainError('survey-import.file.too-large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; nothing was imported`)) : resolve()),
            reject,
          );
        });
        parser.on('close', () => {
          if (!started) reject(new DomainError('survey-import.file.invalid', 'No file in the upload: send the CSV in a field named file'));
        });
        parser.on('error', () => reject(new DomainError('survey-import.file.invalid', 'The upload is not a readable multipart form')));
        req.pipe(parser);
      });
      return { path, bytes: (await stat(path)).size, discard };
    } catch (e) {
      await discard();
      throw e;
    }
  }

  /**
   * Reads the file row by row. Rows go to the database in batches of short transactions
   * (see `transactionsOf`), so the import never holds the writer for long, and one bad
   * row costs only itself; a batch is written while the next is read. `progress` hears
   * after each batch is written how far the file had been read.
   */
  async importFile(actor: Actor, survey: Survey, path: string, progress?: (report: ImportReport, bytesRead: number) => void): Promise<ImportReport> {
    const report: ImportReport = { rows: 0, imported: 0, duplicates: 0, ticketsOpened: 0, errors: [], moreErrors: 0 };
    const fail = (row: number, message: string) => {
      if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ row, message });
      else report.moreErrors++;
    };
    let headerError: string[] | null = null;
    const csv = createReadStream(path).pipe(
      parse({
        bom: true,
        trim: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        max_record_size: 64 * 1024,
        info: true,
        columns: (header: string[]) => {
          const problems = headerProblems(header, survey);
          if (problems.length) {
            headerError = problems;
            throw new Error('header');
          }
          return header;
        },
      }),
    );
    // Rows refused while a batch is read are reported when it is written, as they were
    // before a batch was written behind the next one's reading: the listed thousand the same.
    let readFails: { row: number; message: string }[] = [];
    csv.on('skip', (err: { lines?: number; message: string }) => {
      report.rows++;
      readFails.push({ row: err.lines ?? 0, message: err.message });
    });
    let batch: { row: number; dto: SurveyResponseDto; hash: string }[] = [];
    let bytesRead = 0;
    const write = async (rows: typeof batch, refused: typeof readFails) => {
      for (const f of refused) fail(f.row, f.message);
      const results: Awaited<ReturnType<SurveyResponsesService['receiveManyIn']>> = [];
      // Short transactions, in file order: the tickets opened in each bounded, the plain rows between them.
      for (const part of transactionsOf(rows, (r) => negativeAnswers(survey.questions, r.dto.answers).length > 0, TICKETS_PER_TRANSACTION)) {
        results.push(...(await this.uow.run((m) => this.responses.receiveManyIn(m, actor, survey, part.map((r) => ({ dto: r.dto, bodyHash: r.hash }))), 'import batch')));
      }
      results.forEach((result, i) => {
        if (result instanceof DomainError) fail(rows[i].row, result.details?.join('; ') ?? result.message);
        else if (result.status === 200) report.duplicates++;
        else {
          report.imported++;
          if (result.body.ticketRef) report.ticketsOpened++;
        }
      });
    };
    // One batch is written while the next is read and validated (the writing mostly waits its
    // turn at the writer); never more than one, so batches go in in file order.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (last = false) => {
      const [rows, refused, bytes] = [batch, readFails, bytesRead];
      batch = [];
      readFails = [];
      await writing;
      writing = write(rows, refused).then(() => (last ? undefined : progress?.(report, bytes)));
      writing.catch(() => undefined); // awaited by the next flush or at the end
    };
    try {
      for await (const { record, info } of csv as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
        report.rows++;
        bytesRead = info.bytes;
        const { dto, errors } = await validateForm(SurveyResponseDto, recordToResponse(record));
        if (errors.length) {
          readFails.push({ row: info.lines, message: errors.join('; ') });
          continue;
        }
        try {
          batch.push({ row: info.lines, dto, hash: this.responses.check(actor, survey, dto) });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          readFails.push({ row: info.lines, message: e.details?.join('; ') ?? e.message });
        }
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush(true);
      await writing;
    } catch (e) {
      await writing.catch(() => undefined);
      if (headerError) throw new DomainError('survey-import.columns.invalid', `The file's columns do not fit this survey: ${(headerError as string[]).join('; ')}`, headerError);
      if (e instanceof DomainError) throw e;
      throw new DomainError('survey-import.file.invalid', `The file is not a readable CSV: ${(e as Error).message}`);
    }
    // Rows the parser skipped are reported as they are met; give the list in file order.
    report.errors.sort((a, b) => a.row - b.row);
    return report;
  }
}
