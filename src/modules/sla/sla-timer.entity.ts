import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { SlaTarget } from './sla-clock.js';

/** One deadline of one ticket, with the moments it warns and escalates, computed in business time. */
@Entity('sla_timers')
export class SlaTimer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) ticketId: string;
  @Column({ type: 'varchar', length: 10 }) target: SlaTarget;
  @Column({ type: 'integer' }) targetMinutes: number;
  @Column({ type: 'decimal', precision: 4, scale: 3, transformer: decimalTransformer }) warningThreshold: number;
  @TimestampColumn() startedAt: Date;
  @TimestampColumn({ nullable: true }) pausedAt: Date | null;
  /** Business minutes spent waiting on the customer; every moment below moves by them. */
  @Column({ type: 'integer', default: 0 }) pausedMinutes: number;
  @TimestampColumn() warnAt: Date;
  @TimestampColumn() dueAt: Date;
  @TimestampColumn() level2At: Date;
  @TimestampColumn() level3At: Date;
  @TimestampColumn({ nullable: true }) warnedAt: Date | null;
  @TimestampColumn({ nullable: true }) breachedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) escalatedLevel: number;
  @TimestampColumn({ nullable: true }) metAt: Date | null;
  /** When the sweep must look next; null when nothing is left to do (met, paused, or fully escalated). */
  @TimestampColumn({ nullable: true }) nextCheckAt: Date | null;
}
