import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns.js';
import { insertRows } from '../../common/database/insert-rows.js';

/** One escalation of a ticket to a level: by the sweep (a timer) or by hand, and its acknowledgement. */
@Entity('escalations')
export class Escalation {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) ticketId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) timerId: string | null;
  @Column({ type: 'integer' }) level: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'boolean' }) manual: boolean;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) acknowledgedById: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) acknowledgedByName: string | null;
}

/** A new, unacknowledged escalation, inside the caller's transaction. */
export async function insertEscalation(
  m: EntityManager,
  e: Pick<Escalation, 'ticketId' | 'timerId' | 'level' | 'reason' | 'manual' | 'createdAt'>,
): Promise<Escalation> {
  const row = escalationRow(e);
  await insertRows(m, Escalation, row);
  return row;
}

/** The row of a new, unacknowledged escalation (the sweep writes a batch of them at once). */
export function escalationRow(e: Pick<Escalation, 'ticketId' | 'timerId' | 'level' | 'reason' | 'manual' | 'createdAt'>): Escalation {
  return { id: randomUUID(), ...e, acknowledgedAt: null, acknowledgedById: null, acknowledgedByName: null };
}
