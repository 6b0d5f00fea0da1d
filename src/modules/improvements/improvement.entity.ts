import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { ImprovementStatus } from './improvement-workflow.js';

/** A change of routine, prompted by a recurring root cause at a dealer (or all dealers) and department. */
@Entity('improvements')
export class Improvement {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  /** null: all dealers. */
  @Column({ type: 'varchar', length: 36, nullable: true }) dealerId: string | null;
  @Column({ type: 'varchar', length: 32 }) department: string;
  @Column({ type: 'varchar', length: 32 }) rootCause: string;
  @Column({ type: 'varchar', length: 36 }) ownerId: string;
  /** YYYY-MM-DD, a calendar day in the dealer's zone (all dealers: the importer's). */
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @Column({ type: 'varchar', length: 16 }) status: ImprovementStatus;
  @Column({ type: 'text', nullable: true }) dropReason: string | null;
  @TimestampColumn({ nullable: true }) doneAt: Date | null;
  @Column({ type: 'varchar', length: 36 }) createdById: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  /** Claims of the deadline sweep: each mail once, however many sweeps run. */
  @TimestampColumn({ nullable: true }) ownerNotifiedAt: Date | null;
  @TimestampColumn({ nullable: true }) managersNotifiedAt: Date | null;
}

/** A ticket that prompted (or was later linked to) an improvement. */
@Entity('improvement_tickets')
export class ImprovementTicket {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) improvementId: string;
  @Column({ type: 'varchar', length: 36 }) ticketId: string;
  @TimestampColumn() linkedAt: Date;
}

/** The append-only history of an improvement (the database refuses UPDATE and DELETE). */
@Entity('improvement_events')
export class ImprovementEvent {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 36 }) improvementId: string;
  @Column({ type: 'varchar', length: 32 }) type: ImprovementEventType;
  @TimestampColumn() at: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) actorName: string | null;
  @Column({ type: 'text', transformer: jsonTransformer }) data: Record<string, unknown>;
}

export type ImprovementEventType = 'created' | 'status-changed' | 'tickets-linked' | 'overdue-owner-notified' | 'overdue-managers-notified';
