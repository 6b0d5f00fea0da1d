import { TimestampColumn } from '../../common/database/columns.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A browser sign-in. Only a hash of the cookie's value is stored. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @TimestampColumn()
  expiresAt: Date;

  /** One-time messages for this browser (a new ticket's tracking link), sealed with the cookie's token. */
  @Column({ type: 'text', nullable: true })
  flash?: string | null;
}
