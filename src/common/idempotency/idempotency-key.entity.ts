import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

/** The first answer to an Idempotency-Key, per caller; `status` is null while that request runs. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  caller: string;

  /** SHA-256 of the key: the key itself is the secret that opens the kept answer. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyHash: string;

  /** SHA-256 of the method, path and canonical body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'integer', nullable: true })
  status: number | null;

  /** The answer's JSON as first sent, sealed with the key (it may hold a tracking link). */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  expiresAt: Date;
}
