import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { Channel, Severity, SlaState, Status } from './ticket-values.js';
import type { Stage } from './workflow/ticket-workflow.js';

@Entity('tickets')
export class Ticket {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** AM-<year>-<6 digits>, unique. */
  @Column({ type: 'varchar', length: 20 })
  ref: string;

  @Column({ type: 'varchar', length: 36 })
  dealerId: string;

  @Column({ type: 'varchar', length: 36 })
  customerId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  vehicleId: string | null;

  @Column({ type: 'varchar', length: 32 })
  department: string;

  @Column({ type: 'varchar', length: 48 })
  category: string;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  @Column({ type: 'varchar', length: 10 })
  severity: Severity;

  /** 1 (low) … 4 (critical), so the queue can sort by severity on an index. */
  @Column({ type: 'integer' })
  severityRank: number;

  /** The customer's account in their own words. */
  @Column({ type: 'text' })
  account: string;

  @Column({ type: 'text', nullable: true })
  desiredOutcome: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  saleAtRiskModel: string | null;

  @Column({ type: 'decimal', precision: 14, scale: 2, nullable: true, transformer: decimalTransformer })
  saleAtRiskAmount: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  saleAtRiskCurrency: string | null;

  @Column({ type: 'boolean' })
  saleAtRisk: boolean;

  /** When the customer complained; the clocks start here. */
  @TimestampColumn()
  receivedAt: Date;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  stage: Stage;

  @Column({ type: 'varchar', length: 24 })
  status: Status;

  @Column({ type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  @Column({ type: 'integer' })
  escalationLevel: number;

  /** sha256 of the customer's tracking token; the token itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  trackingTokenHash: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  sourceSurveyResponseId: string | null;

  /** The earliest open deadline, kept on the ticket so the queue can sort and filter by index. */
  @TimestampColumn({ nullable: true })
  nextDueAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  slaState: SlaState | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome: string | null;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  /** Set at the fix stage; the root cause for the Pareto chart. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  rootCause: string | null;

  /** When the fix stage recorded the root cause (suggestions and effects count by it). */
  @TimestampColumn({ nullable: true })
  fixedAt: Date | null;

  @TimestampColumn({ nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  reopenCount: number;

  /** The last follow-up answer, 1–5; 4–5 counts as recovered. */
  @Column({ type: 'integer', nullable: true })
  followUpScore: number | null;

  /** Optimistic concurrency: every change bumps it. */
  @Column({ type: 'integer' })
  version: number;
}
