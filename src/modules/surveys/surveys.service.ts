import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CreateSurveyDto, UpdateSurveyDto } from './survey.dto.js';
import { Survey } from './survey.entity.js';

export function surveyView(s: Survey) {
  // The secret itself is never shown, only whether deliveries must be signed.
  return { id: s.id, name: s.name, kind: s.kind, questions: s.questions, severityBands: s.severityBands, signatureRequired: s.signingSecret !== null, createdAt: s.createdAt.toISOString() };
}

/** Survey definitions. */
@Injectable()
export class SurveysService {
  constructor(
    @InjectRepository(Survey) private readonly surveys: Repository<Survey>,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async list() {
    return (await this.surveys.find({ order: { createdAt: 'DESC' } })).map(surveyView);
  }

  async get(id: string): Promise<Survey> {
    const survey = /^[0-9a-f-]{36}$/i.test(id) ? await this.surveys.findOneBy({ id }) : null;
    if (!survey) throw new DomainError('survey.not-found', `No survey ${id}`);
    return survey;
  }

  async create(dto: CreateSurveyDto) {
    const ids = dto.questions.map((q) => q.id);
    const problems = dto.questions.flatMap((q, i) => [
      ...(ids.indexOf(q.id) !== i ? [`questions[${i}].id ${q.id} is used twice`] : []),
      ...(q.negativeAtOrBelow >= q.scaleMax ? [`questions[${i}].negativeAtOrBelow must be below scaleMax`] : []),
    ]);
    if (problems.length) throw new DomainError('survey.invalid', problems.join('; '), problems);
    const survey: Survey = {
      id: randomUUID(),
      name: dto.name.trim(),
      kind: dto.kind,
      questions: dto.questions.map((q) => ({ ...q })),
      severityBands: dto.severityBands?.map((b) => ({ ...b })) ?? null,
      signingSecret: dto.signingSecret ?? null,
      createdAt: this.clock.now(),
    };
    await this.uow.run((m) => m.insert(Survey, survey));
    return surveyView(survey);
  }

  /** Renames a survey, or sets, changes or (null) drops its signing secret. */
  async update(id: string, dto: UpdateSurveyDto) {
    const survey = await this.get(id);
    const patch: Partial<Survey> = {};
    if (dto.name !== undefined) patch.name = dto.name.trim();
    if (patch.name === '') throw new DomainError('survey.invalid', 'name must not be blank', ['name must not be blank']);
    if (dto.signingSecret !== undefined) patch.signingSecret = dto.signingSecret;
    if (Object.keys(patch).length) await this.uow.run((m) => m.update(Survey, { id: survey.id }, patch));
    return surveyView({ ...survey, ...patch });
  }
}
