import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { In, QueryFailedError, Repository, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DealerRepository } from '../dealers/dealer.repository.js';
import type { CreateTicketDto } from '../tickets/intake/create-ticket.dto.js';
import { IntakeService, type CheckedIntake } from '../tickets/intake/intake.service.js';
import { inScope, type Actor } from '../users/roles.js';
import type { SurveyResponseDto } from './survey.dto.js';
import { SurveyAnswer, SurveyResponse } from './survey-response.entity.js';
import { answerProblems, negativeAnswers, respondedAtProblems, severityFor, type NegativeAnswer } from './survey-rules.js';
import { signatureProblem } from './webhook-signature.js';
import type { Survey } from './survey.entity.js';
import { SurveysService } from './surveys.service.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';
import { updateRows } from '../../common/database/update-rows.js';

export interface Receipt {
  /** 201 for a new response, 200 for one already received. */
  status: 201 | 200;
  body: { responseId: string; negative: boolean; ticketRef: string | null };
}

/** Canonical JSON (sorted keys), so the same answer always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Survey responses: accepted once per external id (a repeat answers 200 with the first
 * result; the same id with another body is refused), and a negative one opens exactly one
 * ticket in the same transaction.
 */
@Injectable()
export class SurveyResponsesService {
  constructor(
    @InjectRepository(SurveyResponse) private readonly responses: Repository<SurveyResponse>,
    private readonly surveys: SurveysService,
    private readonly intake: IntakeService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly dealers: DealerRepository,
  ) {}

  /**
   * One delivery. `signed` is the webhook's signature header and raw body: a survey with a
   * signing secret takes nothing without a valid signature.
   */
  async receive(actor: Actor, surveyId: string, dto: SurveyResponseDto, signed?: { header?: string; rawBody?: Buffer }): Promise<Receipt> {
    const survey = await this.surveys.get(surveyId);
    if (survey.signingSecret) {
      const problem = signatureProblem(signed?.header, signed?.rawBody, survey.signingSecret, this.clock.now());
      if (problem) throw new DomainError('survey-response.signature.unauthenticated', problem);
    }
    const bodyHash = this.check(actor, survey, dto);
    // Bad input naming the field, not a foreign key failing as a 500 (or a ticket refused later).
    if (!(await this.dealers.exists(this.responses.manager, dto.dealerId))) {
      throw new DomainError('survey-response.dealer-id.invalid', `dealerId: no dealer ${dto.dealerId}`);
    }
    // The repeat is looked for inside the transaction only. On SQLite a read outside it shares
    // the one connection with a twin's open transaction and saw its half-written response
    // (no ticketRef yet); queued behind that transaction, it sees the twin's whole answer.
    try {
      return await this.uow.run((m) => this.receiveIn(m, actor, survey, dto, bodyHash));
    } catch (e) {
      // A twin delivered at the same moment won the unique key: answer as a repeat.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        const twin = await this.repeat(this.responses.manager, surveyId, dto.externalId, bodyHash);
        if (twin) return twin;
      }
      throw e;
    }
  }

  /** Scope, the moment and the answers against the survey; the body's hash when all is well. */
  check(actor: Actor, survey: Survey, dto: SurveyResponseDto): string {
    if (!inScope(actor, dto.dealerId)) throw new DomainError('survey-response.dealer.forbidden', 'dealerId: you may not deliver responses for this dealer');
    const problems = [...respondedAtProblems(dto.respondedAt, this.clock.now()), ...answerProblems(survey.questions, dto.answers)];
    if (problems.length) throw new DomainError('survey-response.invalid', problems.join('; '), problems);
    return createHash('sha256').update(canonical(dto)).digest('hex');
  }

  /** One response inside the caller's transaction: a repeat, or the response, its answers and its ticket. */
  async receiveIn(m: EntityManager, actor: Actor, survey: Survey, dto: SurveyResponseDto, bodyHash: string, lookedFor = false): Promise<Receipt> {
    // Unless the caller looked for the repeat in this same transaction already, where SQLite's
    // one writer lets nothing in between (PostgreSQL's read committed could: look again).
    const earlier = lookedFor && m.connection.options.type !== 'postgres' ? null : await this.repeat(m, survey.id, dto.externalId, bodyHash);
    if (earlier) return earlier;
    const negative = negativeAnswers(survey.questions, dto.answers);
    const { response, answers } = this.rowsFor(survey, dto, bodyHash, negative.length > 0);
    // The unique (survey, external id) row goes in first: a concurrent twin fails here.
    await insertPlainRows(m, SurveyResponse, [response]);
    await insertPlainRows(m, SurveyAnswer, answers);
    if (negative.length) {
      const ticket = await this.intake.createIn(m, actor, ticketFor(dto, negative, this.clock.now(), survey.severityBands ?? undefined), originOf(survey, response.id, negative));
      await m.update(SurveyResponse, { id: response.id }, { ticketId: ticket.ticketId, ticketRef: ticket.ref });
      response.ticketRef = ticket.ref;
    }
    return receiptOf(response, 201);
  }

  /**
   * Many checked responses inside the caller's transaction, as an import delivers them;
   * each gets its receipt or the refusal that stopped it, in order. Repeats are found
   * with one read; the new ones go in with multi-row inserts, and the tickets of the
   * negative ones are checked one by one (a refused row costs only itself) and logged
   * together (IntakeService.check, write).
   */
  async receiveManyIn(m: EntityManager, actor: Actor, survey: Survey, items: { dto: SurveyResponseDto; bodyHash: string }[]): Promise<(Receipt | DomainError)[]> {
    const known = new Map<string, SurveyResponse>();
    const externalIds = [...new Set(items.map((i) => i.dto.externalId))];
    for (const r of await m.find(SurveyResponse, { where: { surveyId: survey.id, externalId: In(externalIds) } })) known.set(r.externalId, r);
    const now = this.clock.now();
    // The tickets the negative new ones would open, checked before anything is written.
    const negatives = items.map(({ dto }) => (known.has(dto.externalId) ? [] : negativeAnswers(survey.questions, dto.answers)));
    const asked = items.flatMap((item, index) => (negatives[index]!.length ? [{ index, ...item }] : []));
    const ids = new Map(asked.map((a) => [a.index, randomUUID()]));
    const checks = await this.intake.check(m, actor, asked.map(({ index, dto }) => ({ dto: ticketFor(dto, negatives[index]!, now, survey.severityBands ?? undefined), origin: originOf(survey, ids.get(index)!, negatives[index]!) })));
    const checkOf = new Map(asked.map((a, k) => [a.index, checks[k]!]));
    const out: (Receipt | DomainError)[] = [];
    const opening: { index: number; response: SurveyResponse; answers: Partial<SurveyAnswer>[]; checked: CheckedIntake }[] = [];
    const plain: { index: number; response: SurveyResponse; answers: Partial<SurveyAnswer>[] }[] = [];
    // Repeats answer with the first's receipt, once it is complete (its ticket's reference).
    const repeats: { index: number; earlier: SurveyResponse }[] = [];
    for (const [index, { dto, bodyHash }] of items.entries()) {
      const earlier = known.get(dto.externalId);
      if (earlier) {
        if (earlier.bodyHash === bodyHash) repeats.push({ index, earlier });
        else out[index] = differentBody(dto.externalId);
        continue;
      }
      const check = checkOf.get(index);
      if (check instanceof DomainError) {
        out[index] = check;
        continue;
      }
      const rows = this.rowsFor(survey, dto, bodyHash, check !== undefined);
      known.set(dto.externalId, rows.response);
      if (check) {
        // The id its ticket already names as its source.
        rows.response.id = ids.get(index)!;
        for (const a of rows.answers) a.responseId = rows.response.id;
        opening.push({ index, ...rows, checked: check });
      } else plain.push({ index, ...rows });
    }
    if (opening.length) {
      // The responses first (their unique key: a concurrent twin fails here), then their tickets, then the links.
      await insertPlainRows(m, SurveyResponse, opening.map((o) => o.response));
      await insertPlainRows(m, SurveyAnswer, opening.flatMap((o) => o.answers));
      const tickets = await this.intake.write(m, actor, opening.map((o) => o.checked));
      opening.forEach((o, k) => {
        o.response.ticketId = tickets[k]!.ticketId;
        o.response.ticketRef = tickets[k]!.ref;
      });
      await updateRows(m, SurveyResponse, opening.map((o) => o.response), ['ticketId', 'ticketRef']);
      for (const o of opening) out[o.index] = receiptOf(o.response, 201);
    }
    for (const r of repeats) out[r.index] = receiptOf(r.earlier, 200);
    if (!plain.length) return out;
    try {
      await m.transaction(async (sm) => {
        await insertPlainRows(sm, SurveyResponse, plain.map((p) => p.response));
        await insertPlainRows(sm, SurveyAnswer, plain.flatMap((p) => p.answers));
      });
      for (const p of plain) out[p.index] = receiptOf(p.response, 201);
    } catch (e) {
      // Someone else delivered one of them meanwhile (PostgreSQL): row by row, each as a repeat or new.
      if (!(e instanceof QueryFailedError)) throw e;
      for (const p of plain) {
        const { dto, bodyHash } = items[p.index];
        try {
          out[p.index] = await m.transaction((sm) => this.receiveIn(sm, actor, survey, dto, bodyHash));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          out[p.index] = err;
        }
      }
    }
    return out;
  }

  /** The rows one response is stored as. */
  private rowsFor(survey: Survey, dto: SurveyResponseDto, bodyHash: string, negative: boolean) {
    const response: SurveyResponse = {
      id: randomUUID(), surveyId: survey.id, externalId: dto.externalId, dealerId: dto.dealerId, customerId: null, respondedAt: new Date(dto.respondedAt),
      answers: dto.answers.map((a) => ({ ...a })), bodyHash, negative, ticketId: null, ticketRef: null, createdAt: this.clock.now(),
    };
    const byId = new Map(survey.questions.map((q) => [q.id, q]));
    const answers = dto.answers.map((a) => {
      const q = byId.get(a.questionId)!;
      return { responseId: response.id, dealerId: dto.dealerId, respondedAt: response.respondedAt, questionId: q.id, area: q.area, weight: q.weight, score: a.score, scaleMax: q.scaleMax };
    });
    return { response, answers };
  }

  /** The first result for a repeated external id, or a refusal when the body differs. */
  private async repeat(m: EntityManager, surveyId: string, externalId: string, bodyHash: string): Promise<Receipt | null> {
    const earlier = await m.findOneBy(SurveyResponse, { surveyId, externalId });
    if (!earlier) return null;
    if (earlier.bodyHash !== bodyHash) throw differentBody(externalId);
    return receiptOf(earlier, 200);
  }
}

function receiptOf(response: SurveyResponse, status: 200 | 201): Receipt {
  return { status, body: { responseId: response.id, negative: response.negative, ticketRef: response.ticketRef } };
}

function differentBody(externalId: string): DomainError {
  return new DomainError('survey-response.invalid-state', `externalId ${externalId} was already received with different answers`);
}

function describe(a: NegativeAnswer) {
  return { questionId: a.questionId, question: a.question.text, score: a.score, scaleMax: a.question.scaleMax, comment: a.comment ?? null };
}

/** What the ticket a negative response opens says of it. */
function originOf(survey: Survey, responseId: string, negative: NegativeAnswer[]) {
  return { sourceSurveyResponseId: responseId, createdData: { surveyId: survey.id, surveyName: survey.name, responseId, negativeAnswers: negative.map(describe) } };
}

/** The ticket a negative response opens: department and category from the worst answer, every negative answer listed. */
function ticketFor(dto: SurveyResponseDto, negative: NegativeAnswer[], now: Date, bands?: Parameters<typeof severityFor>[1]): CreateTicketDto {
  const worst = negative[0];
  const lines = negative.map((a) => `${a.question.text}: ${a.score}/${a.question.scaleMax}${a.comment ? ` — "${a.comment}"` : ''}`);
  return {
    dealerId: dto.dealerId,
    department: worst.question.department,
    category: worst.question.category,
    channel: 'survey',
    severity: severityFor(worst, bands),
    // A provider's clock a little ahead of ours (within the tolerance): the ticket starts now, not later.
    receivedAt: new Date(dto.respondedAt) > now ? now.toISOString() : dto.respondedAt,
    customer: dto.customer,
    vehicle: dto.vehicle,
    account: `Negative survey answers:\n${lines.join('\n')}`.slice(0, 10_000),
  } as CreateTicketDto;
}
