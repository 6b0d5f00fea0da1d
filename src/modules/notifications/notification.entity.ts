import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';

export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** An outbox row: written in the transaction of its cause, delivered later by the worker. */
@Entity('notifications')
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 10 }) channel: 'email';
  @Column({ type: 'varchar', length: 254 }) recipientEmail: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) recipientName: string | null;
  @Column({ type: 'varchar', length: 8 }) language: string;
  @Column({ type: 'varchar', length: 40 }) template: string;
  @Column({ type: 'text', transformer: jsonTransformer }) data: Record<string, unknown>;
  @Column({ type: 'varchar', length: 10 }) state: NotificationState;
  @Column({ type: 'integer' }) attempts: number;
  @TimestampColumn() nextAttemptAt: Date;
  @TimestampColumn({ nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) ticketId: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
}
