import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer, TimestampColumn } from '../../common/database/columns.js';

/** Targets in business minutes from receivedAt, for a severity (optionally a department and channel). */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 10 }) severity: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) department: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) channel: string | null;
  @Column({ type: 'integer' }) listenMinutes: number;
  @Column({ type: 'integer' }) apologiseMinutes: number;
  @Column({ type: 'integer' }) fixMinutes: number;
  @Column({ type: 'integer' }) resolveMinutes: number;
  @Column({ type: 'decimal', precision: 4, scale: 3, transformer: decimalTransformer }) warningThreshold: number;
  @TimestampColumn() updatedAt: Date;
}
