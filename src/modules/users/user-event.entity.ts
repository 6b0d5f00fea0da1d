import { TimestampColumn, jsonTransformer } from '../../common/database/columns.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const USER_EVENT_TYPES = ['updated', 'deactivated', 'reactivated', 'password-reset', 'password-changed', 'sessions-ended'] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

/** A change to an account: who made it and what it was (old → new). Written, never changed. */
@Entity('user_events')
export class UserEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** The admin (or the user themselves); null for the system. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 32 })
  type: UserEventType;

  @Column({ type: 'text', transformer: jsonTransformer })
  data: Record<string, unknown>;

  @TimestampColumn()
  at: Date;
}
