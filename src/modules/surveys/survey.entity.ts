import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { Question, Severity } from './survey-rules.js';

@Entity('surveys')
export class Survey {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'text', transformer: jsonTransformer }) questions: Question[];
  /** How low an answer must be for each severity; null: the defaults. */
  @Column({ type: 'text', nullable: true, transformer: jsonTransformer }) severityBands: { atOrBelow: number; severity: Severity }[] | null;
  /** Shared with the survey provider: when set, webhook deliveries must be signed with it. Never shown. */
  @Column({ type: 'varchar', length: 200, nullable: true }) signingSecret: string | null;
  @TimestampColumn() createdAt: Date;
}
