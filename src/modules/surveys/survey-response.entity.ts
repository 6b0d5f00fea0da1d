import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer, jsonTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { Answer } from './survey-rules.js';

/** One survey response, accepted once per external id; a negative one links to the ticket it opened. */
@Entity('survey_responses')
export class SurveyResponse {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) surveyId: string;
  @Column({ type: 'varchar', length: 200 }) externalId: string;
  @Column({ type: 'varchar', length: 36 }) dealerId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) customerId: string | null;
  @TimestampColumn() respondedAt: Date;
  @Column({ type: 'text', transformer: jsonTransformer }) answers: Answer[];
  /** sha256 of the delivered body, to tell a repeat from a different answer under the same id. */
  @Column({ type: 'varchar', length: 64 }) bodyHash: string;
  @Column({ type: 'boolean' }) negative: boolean;
  @Column({ type: 'varchar', length: 36, nullable: true }) ticketId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) ticketRef: string | null;
  @TimestampColumn() createdAt: Date;
}

/** One answer, flattened for the satisfaction index. */
@Entity('survey_answers')
export class SurveyAnswer {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 36 }) responseId: string;
  @Column({ type: 'varchar', length: 36 }) dealerId: string;
  @TimestampColumn() respondedAt: Date;
  @Column({ type: 'varchar', length: 64 }) questionId: string;
  @Column({ type: 'varchar', length: 48 }) area: string;
  @Column({ type: 'decimal', precision: 8, scale: 3, transformer: decimalTransformer }) weight: number;
  @Column({ type: 'integer' }) score: number;
  @Column({ type: 'integer' }) scaleMax: number;
}
