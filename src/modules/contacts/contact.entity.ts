import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns.js';

export type ContactKind = 'call' | 'message';
/** `open`: still to do (paused while pausedAt is set); `done`: called, sent, or given up. */
export type ContactState = 'open' | 'done';
export type ContactOutcome = 'reached' | 'no-answer' | 'new-issue' | 'sent' | 'no-consent';

/** One contact of a customer's loyalty journey (the contacts of one journey share journeyId). */
@Entity('contacts')
export class Contact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) journeyId: string;
  @Column({ type: 'varchar', length: 36 }) dealerId: string;
  @Column({ type: 'varchar', length: 36 }) customerId: string;
  /** The ticket whose close started the journey. */
  @Column({ type: 'varchar', length: 36 }) ticketId: string;
  @Column({ type: 'integer' }) step: number;
  /** The journey's last call: it asks whether the customer is still a customer. */
  @Column({ type: 'boolean' }) lastCall: boolean;
  @Column({ type: 'varchar', length: 10 }) kind: ContactKind;
  @Column({ type: 'varchar', length: 32 }) department: string;
  @Column({ type: 'varchar', length: 200 }) purpose: string;
  @TimestampColumn() dueAt: Date;
  /** Past this (two business days after dueAt) the contact is overdue. */
  @TimestampColumn() overdueAt: Date;
  /** Set while a newer ticket of the customer is open. */
  @TimestampColumn({ nullable: true }) pausedAt: Date | null;
  @Column({ type: 'varchar', length: 10 }) state: ContactState;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'varchar', length: 12, nullable: true }) outcome: ContactOutcome | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'boolean', nullable: true }) stillCustomer: boolean | null;
  @TimestampColumn({ nullable: true }) doneAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) doneById: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) newTicketId: string | null;
  @TimestampColumn() createdAt: Date;
}
