import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer, TimestampColumn } from '../../../common/database/columns.js';
import type { Role } from '../../users/roles.js';
import type { CompensationKind, CompensationState } from '../ticket-values.js';

@Entity('compensations')
export class Compensation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  ticketId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: CompensationKind;

  @Column({ type: 'decimal', precision: 14, scale: 2, transformer: decimalTransformer })
  amount: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10 })
  state: CompensationState;

  @Column({ type: 'varchar', length: 36, nullable: true })
  proposedById: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  /** The role under whose limit it was approved; it counts against that role's running total on the ticket. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  approvedByRole: Role | null;

  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @TimestampColumn({ nullable: true })
  deliveredAt: Date | null;

  @TimestampColumn()
  createdAt: Date;
}
