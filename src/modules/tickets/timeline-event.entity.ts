import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';

export type Visibility = 'internal' | 'customer';
export type ActorType = 'user' | 'customer' | 'system';

/** Append-only history of a ticket. Never updated, never deleted. */
@Entity('timeline_events')
export class TimelineEvent {
  /** Increasing: the order events happened in. */
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'varchar', length: 36 })
  ticketId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @TimestampColumn()
  at: Date;

  @Column({ type: 'varchar', length: 10 })
  actorType: ActorType;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 10 })
  visibility: Visibility;

  @Column({ type: 'text', transformer: jsonTransformer })
  data: Record<string, unknown>;
}
